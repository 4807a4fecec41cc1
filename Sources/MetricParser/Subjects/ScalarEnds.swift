/// The first and last scalar of a String, read from its UTF-8 bytes: `unicodeScalars.first` and
/// `.last` go through String's generic index machinery (100–190 instructions a call), and the
/// subject rules test one end of a subject at most figures before deciding to decode it.
enum ScalarEnds {
    static func first(_ s: String) -> UInt32? {
        s.utf8.withContiguousStorageIfAvailable { p in p.isEmpty ? nil : scalar(p, at: 0) }
            ?? s.unicodeScalars.first?.value
    }

    static func last(_ s: String) -> UInt32? {
        s.utf8.withContiguousStorageIfAvailable { p -> UInt32? in
            guard var k = p.indices.last else { return nil }
            while k > 0, p[k] & 0xC0 == 0x80 { k -= 1 }  // back to the lead byte
            return scalar(p, at: k)
        } ?? s.unicodeScalars.last?.value
    }

    /// The scalar whose lead byte is `p[k]` (a String's bytes are valid UTF-8).
    @inline(__always)
    private static func scalar(_ p: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt32 {
        let b = UInt32(p[k])
        if b < 0x80 { return b }
        if b < 0xE0 { return (b & 0x1F) << 6 | UInt32(p[k + 1] & 0x3F) }
        if b < 0xF0 { return (b & 0x0F) << 12 | UInt32(p[k + 1] & 0x3F) << 6 | UInt32(p[k + 2] & 0x3F) }
        return (b & 0x07) << 18 | UInt32(p[k + 1] & 0x3F) << 12 | UInt32(p[k + 2] & 0x3F) << 6
            | UInt32(p[k + 3] & 0x3F)
    }
}
