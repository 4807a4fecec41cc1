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
        withBytes(s) { p -> UInt64? in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            return scan(p) { v in h = (h ^ UInt64(v)) &* 0x100_0000_01B3 } ? h : nil
        }
    }

    /// Whether the UTF-8 bytes `p` are inert, passing each scalar to `each` until one is not.
    @inline(__always)
    private static func scan(_ p: UnsafeBufferPointer<UInt8>, _ each: (UInt32) -> Void) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            let b = UInt32(p[i])
            if b < 0x80 {
                guard b != 0x0D else { return false }  // CR LF is one Character
                each(b)
                i += 1
                continue
            }
            // Only three-byte characters can be inert beyond ASCII.
            guard b >= 0xE0, b < 0xF0, i + 2 < n else { return false }
            let v = (b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            // Lead bytes E5–E9 are U+5000–U+9FFF, all ideographs (most of a subject): inert without
            // decoding (the bytes are valid UTF-8), so a scan that takes no scalars reads only them.
            guard b &- 0xE5 < 5 || isInert(v) else { return false }
            each(v)
            i += 3
        }
        return true
    }

    @inline(__always)
    private static func isInert(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3001 && v <= 0x3011)
            || (v >= 0xFF01 && v <= 0xFF5E) || (v >= 0x2018 && v <= 0x201D)
    }

    /// Whether `s` is inert: `hash`'s one scan (a multiply a scalar is nothing beside the call).
    static func isInert(_ s: String) -> Bool { hash(s) != nil }

    static func equal(_ a: String, _ b: String) -> Bool {
        // The same bytes are equal strings whatever they hold (the usual answer: no scan for inertness).
        if sameBytes(a, b) { return true }
        return inertBytes(a, b) { _, _ in false } ?? (a == b)
    }

    /// Byte equality: `==` for two inert strings.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && bytes(a, b) { x, y in match(x, 0, y) }
    }

    static func hasPrefix(_ s: String, _ p: String) -> Bool {
        inertBytes(s, p) { x, y in x.count >= y.count && match(x, 0, y) } ?? s.hasPrefix(p)
    }

    /// Reads only `s`'s last `p.utf8.count` bytes (and the scalar before them on a match), not all
    /// of `s`: an inert `p` has no other canonical form, so inert bytes there that differ from `p`'s
    /// cannot end in `p`'s Characters, and equal ones do once the scalar before them is inert too
    /// (no Prepend or CR joins them to their left). Anything else is `String`'s answer.
    static func hasSuffix(_ s: String, _ p: String) -> Bool {
        let tail = bytes(s, p) { x, y -> Bool? in
            guard scan(y, { _ in }) else { return nil }
            let i = x.count - y.count
            if i < 0 { return scan(x, { _ in }) ? false : nil }
            guard scan(UnsafeBufferPointer(rebasing: x[i...]), { _ in }) else { return nil }
            guard match(x, i, y) else { return false }
            var j = i
            while j > 0, x[j - 1] & 0xC0 == 0x80 { j -= 1 }  // the scalar before the tail starts at j - 1
            return j == 0 || scan(UnsafeBufferPointer(rebasing: x[(j - 1)..<i]), { _ in }) ? true : nil
        }
        return tail ?? s.hasSuffix(p)
    }

    static func contains(_ s: String, _ p: String) -> Bool {
        inertBytes(s, p) { x, y in
            var i = 0
            while i + y.count <= x.count {
                if match(x, i, y) { return true }
                i += 1
            }
            return false
        } ?? s.contains(p)
    }

    /// `body` over the bytes of both strings when both are inert (each read in place once: the
    /// inertness scans and the comparison share one borrow), else nil.
    @inline(__always)
    private static func inertBytes(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool? {
        withBytes(a) { x in
            withBytes(b) { y -> Bool? in scan(x, { _ in }) && scan(y, { _ in }) ? body(x, y) : nil }
        }
    }

    /// `y` stands in `x` at byte `i` (`i + y.count <= x.count`).
    @inline(__always)
    private static func match(_ x: UnsafeBufferPointer<UInt8>, _ i: Int, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < y.count {
            if x[i &+ k] != y[k] { return false }
            k &+= 1
        }
        return true
    }

    /// `body` over the UTF-8 bytes of both strings.
    @inline(__always)
    private static func bytes<R>(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        withBytes(a) { x in withBytes(b) { y in body(x, y) } }
    }

    /// `body` over the UTF-8 bytes of `s`: read in place (a native or small string always can be);
    /// `withUTF8` needs a mutable copy, a retain and a release per call.
    @inline(__always)
    private static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }
}
