/// Scalar literals without the `UInt32("x".unicodeScalars.first!)` noise.
@inline(__always)
func u(_ s: Unicode.Scalar) -> UInt32 { s.value }

extension Array where Element == UInt32 {
    /// Builds scalar arrays from literals in lexicon tables (not used on the hot path).
    init(_ string: String) { self = string.unicodeScalars.map(\.value) }
}

extension String {
    /// Builds a String from scalars (output fields only), encoding UTF-8 straight into the
    /// string's storage: no intermediate array.
    init<C: Collection>(scalars: C) where C.Element == UInt32 {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for v in scalars {
                switch v {
                case 0..<0x80:
                    buffer[n] = UInt8(v); n += 1
                case 0x80..<0x800:
                    buffer[n] = UInt8(0xC0 | (v >> 6)); buffer[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                case 0x800..<0xD800, 0xE000..<0x10000:
                    buffer[n] = UInt8(0xE0 | (v >> 12)); buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                case 0x10000...0x10FFFF:
                    buffer[n] = UInt8(0xF0 | (v >> 18)); buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                default:
                    continue  // not a scalar (cannot come from a String)
                }
            }
            return n
        }
    }
}

/// Cursor from code-point offsets to indices of the caller's String, so output text is sliced
/// from the original (a byte copy) instead of re-encoded. Offsets are expected to grow; a step
/// back walks back (or restarts when that is shorter).
struct ScalarCursor {
    let view: String.UnicodeScalarView
    private var offset = 0
    private var index: String.UnicodeScalarView.Index

    init(_ text: String) {
        view = text.unicodeScalars
        index = view.startIndex
    }

    mutating func index(at target: Int) -> String.UnicodeScalarView.Index {
        if target < offset {
            // Short steps back (a sentence cut starting a little earlier) walk back; long ones restart.
            if offset - target <= target {
                while offset > target { view.formIndex(before: &index); offset -= 1 }
                return index
            }
            offset = 0; index = view.startIndex
        }
        while offset < target, index < view.endIndex {
            view.formIndex(after: &index)
            offset += 1
        }
        return index
    }

    /// The original text of code points `[a, b)`.
    mutating func slice(_ a: Int, _ b: Int) -> String {
        let i = index(at: a)
        let j = index(at: b)
        return String(view[i..<j])
    }
}
