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
