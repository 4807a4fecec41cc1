/// Scalar literals without the `UInt32("x".unicodeScalars.first!)` noise.
@inline(__always)
func u(_ s: Unicode.Scalar) -> UInt32 { s.value }

extension Array where Element == UInt32 {
    /// The scalars of `string` (lexicon literals, and subjects compared by the subject stage).
    init(_ string: String) { self = UTF8Scalars.decode(string) }
}

extension String {
    /// Builds a String from scalars (output fields only): encoded into a stack buffer of the
    /// worst-case size (4 bytes a scalar), so there is no separate pass to measure the UTF-8
    /// length, and read once from there (one validation). A subject or unit of up to 15 bytes
    /// becomes a small string, with no heap allocation; through `unsafeUninitializedCapacity` a
    /// non-ASCII small string would be built, validated and built again.
    init<C: Collection>(scalars: C) where C.Element == UInt32 {
        self.init(scalars: scalars, keeping: { _ in true })
    }

    /// The scalars of `scalars` that `kept` keeps, tested as they are encoded (one pass, and no
    /// filtered collection whose count would test them all once more).
    @inline(__always)
    init<C: Collection>(scalars: C, keeping kept: (UInt32) -> Bool) where C.Element == UInt32 {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * scalars.count) { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[..<Self.encode(scalars, kept, into: buffer)]),
                as: UTF8.self)
        }
    }

    /// Writes the UTF-8 of the `kept` scalars at the start of `buffer` (large enough); returns the
    /// byte count. Three-byte scalars (CJK) are tested first; the count cannot overflow (the buffer
    /// holds four bytes a scalar), so it wraps without a check.
    @inline(__always)
    private static func encode<C: Collection>(
        _ scalars: C, _ kept: (UInt32) -> Bool, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int where C.Element == UInt32 {
        guard let out = buffer.baseAddress else { return 0 }
        var n = 0
        for v in scalars where kept(v) {
            if v &- 0x800 < 0x10000 - 0x800 {
                if v & 0xF800 == 0xD800 { continue }  // a surrogate: not a scalar (cannot come from a String)
                out[n] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                out[n &+ 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                n &+= 3
            } else if v < 0x80 {
                out[n] = UInt8(truncatingIfNeeded: v)
                n &+= 1
            } else if v < 0x800 {
                out[n] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                n &+= 2
            } else if v <= 0x10FFFF {
                out[n] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F)
                out[n &+ 2] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                out[n &+ 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                n &+= 4
            }
        }
        return n
    }
}

/// Cuts the caller's text by code-point offsets, so a sentence is a byte copy of the original
/// (no re-encoding, no UTF-8 validation): the decoder kept the UTF-8 offset of every 32nd scalar,
/// a cut walks from the nearest one, and a UTF-8 offset indexes a native String in O(1). A
/// figure's few scalars are encoded again instead (the same bytes, a small string).
struct TextCutter {
    let text: String
    let scalars: [UInt32]
    /// `UTF8Scalars.decodeArticle`'s checkpoints; nil (a text of 4 GB or more) re-encodes instead.
    let byteOffsets: [UInt32]?

    /// Walks from the nearer checkpoint, forward from the one before `k` or back from the one after
    /// it (which exists when it is within the scalar count): at most 16 scalars.
    private func byteOffset(_ k: Int, _ checkpoints: [UInt32]) -> Int {
        let stride = UTF8Scalars.checkpointStride
        let before = k - k % stride, after = before + stride
        return scalars.withUnsafeBufferPointer { p in
            if k - before > stride / 2, after <= p.count {
                var b = Int(checkpoints[after / stride])
                for j in k..<after { b &-= Self.length(p[j]) }
                return b
            }
            var b = Int(checkpoints[before / stride])
            for j in before..<k { b &+= Self.length(p[j]) }
            return b
        }
    }

    /// The original text of code points `[a, b)`.
    func slice(_ a: Int, _ b: Int) -> String {
        // A figure's text (a few scalars) is encoded again from them: the same bytes (UTF-8 has one
        // encoding of each scalar), without the walk from a checkpoint.
        guard let byteOffsets, b - a > 8 else {
            // Through a buffer pointer: an `ArraySlice` retained the scalars' storage and checked bounds.
            precondition(a >= 0 && a <= b && b <= scalars.count)
            return scalars.withUnsafeBufferPointer { String(scalars: UnsafeBufferPointer(rebasing: $0[a..<b])) }
        }
        let i = byteOffset(a, byteOffsets)
        // A figure's text is a few scalars: walking them is cheaper than a second checkpoint walk.
        let j = b - a <= UTF8Scalars.checkpointStride / 2 ? i + utf8Length(a, b) : byteOffset(b, byteOffsets)
        let utf8 = text.utf8
        // Up to 15 bytes (most figures' text) is a small string: decoded straight from the bytes,
        // with no Substring in between.
        if j - i <= 15,
            let small = utf8.withContiguousStorageIfAvailable({
                String(decoding: UnsafeBufferPointer(rebasing: $0[i..<j]), as: UTF8.self)
            })
        {
            return small
        }
        let from = utf8.index(utf8.startIndex, offsetBy: i)
        // A byte copy: the UTF-8 view's bounds are scalar boundaries, and a Substring of valid text
        // becomes a String without the Unicode scalar view's index checks.
        return String(Substring(utf8[from..<utf8.index(from, offsetBy: j - i)]))
    }

    /// UTF-8 length of scalars `[a, b)`.
    private func utf8Length(_ a: Int, _ b: Int) -> Int {
        scalars.withUnsafeBufferPointer { p in
            var n = 0
            for k in a..<b { n &+= Self.length(p[k]) }
            return n
        }
    }

    @inline(__always)
    private static func length(_ c: UInt32) -> Int {
        1 &+ (c >= 0x80 ? 1 : 0) &+ (c >= 0x800 ? 1 : 0) &+ (c >= 0x10000 ? 1 : 0)
    }
}
