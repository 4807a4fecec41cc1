/// `String`'s comparisons (`==`, `hasPrefix`, `hasSuffix`, `contains`) for subjects, answered by
/// comparing UTF-8 bytes when both strings are inert, else by `String` itself.
///
/// `String` compares by canonical equivalence, Character by Character, through normalization:
/// hundreds of instructions for a short Chinese subject. A string is inert when every scalar is
/// its own NFC form in any context and its own Character (ASCII but CR, CJK ideographs, CJK
/// punctuation, full-width forms, curly quotes). Between inert strings canonical equivalence is
/// byte equality and every scalar boundary is a Character boundary, so a byte test gives
/// `String`'s answer; almost every subject is inert.
enum InertText {
    /// FNV-1a over the UTF-8 bytes of an inert string, or nil when `s` is not inert.
    /// One pass over the bytes (the scalars are read from their lead bytes).
    static func hash(_ s: String) -> UInt64? {
        var s = s
        return s.withUTF8 { p -> UInt64? in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            var i = 0
            let n = p.count
            while i < n {
                let b = UInt32(p[i])
                if b < 0x80 {
                    guard b != 0x0D else { return nil }  // CR LF is one Character
                    h = (h ^ UInt64(b)) &* 0x100_0000_01B3
                    i += 1
                    continue
                }
                // Only three-byte characters can be inert beyond ASCII.
                guard b >= 0xE0, b < 0xF0, i + 2 < n else { return nil }
                let v = (b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                guard isInert(v) else { return nil }
                h = (h ^ UInt64(v)) &* 0x100_0000_01B3
                i += 3
            }
            return h
        }
    }

    @inline(__always)
    private static func isInert(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3001 && v <= 0x3011)
            || (v >= 0xFF01 && v <= 0xFF5E) || (v >= 0x2018 && v <= 0x201D)
    }

    static func isInert(_ s: String) -> Bool { hash(s) != nil }

    static func equal(_ a: String, _ b: String) -> Bool {
        guard isInert(a), isInert(b) else { return a == b }
        return a.utf8.count == b.utf8.count && bytes(a, b) { x, y in x.elementsEqual(y) }
    }

    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        guard isInert(s), isInert(p) else { return s.hasPrefix(p) }
        return bytes(s, p) { x, y in x.count >= y.count && x.prefix(y.count).elementsEqual(y) }
    }

    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        guard isInert(s), isInert(p) else { return s.hasSuffix(p) }
        return bytes(s, p) { x, y in x.count >= y.count && x.suffix(y.count).elementsEqual(y) }
    }

    static func contains(_ s: String, _ p: String) -> Bool {
        guard isInert(s), isInert(p) else { return s.contains(p) }
        return bytes(s, p) { x, y in
            guard !y.isEmpty else { return true }
            guard y.count <= x.count else { return false }
            var i = 0
            while i + y.count <= x.count {
                if x[i] == y[0], x[i..<(i + y.count)].elementsEqual(y) { return true }
                i += 1
            }
            return false
        }
    }

    /// `body` over the UTF-8 bytes of both strings.
    @inline(__always)
    private static func bytes(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in body(x, y) } }
    }
}
