/// The first and last scalar of a String, read from its UTF-8 bytes: `unicodeScalars.first` and
/// `.last` go through String's generic index machinery (100–190 instructions a call), and the
/// subject rules test one end of a subject at most figures before deciding to decode it.
enum ScalarEnds {
    static func first(_ s: String) -> UInt32? {
        s.utf8.withContiguousStorageIfAvailable { p in p.isEmpty ? nil : UTF8Scalars.scalar(p.baseAddress!, at: 0).value
        }
            ?? s.unicodeScalars.first?.value
    }

    static func last(_ s: String) -> UInt32? {
        s.utf8.withContiguousStorageIfAvailable { p -> UInt32? in
            guard var k = p.indices.last else { return nil }
            while k > 0, p[k] & 0xC0 == 0x80 { k -= 1 }  // back to the lead byte
            return UTF8Scalars.scalar(p.baseAddress!, at: k).value
        } ?? s.unicodeScalars.last?.value
    }
}
