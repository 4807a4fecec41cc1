#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which charset a page's bytes are in, and the page as UTF-8.
///
/// Order: the declared charset (event field), the `charset=` of the HTTP Content-Type, the page's
/// `<meta charset>` / `http-equiv` (first 4 KiB), else sniffing. Two checks catch a charset that
/// lies: non-ASCII bytes that are valid UTF-8 are UTF-8 whatever the page says (templates copied
/// from a GBK site keep their old meta), and a page "in UTF-8" that is not valid UTF-8 is read as
/// GB18030 when that decodes cleanly. GBK and GB2312 are read as GB18030 (their superset), Big5
/// as Big5-HKSCS. Decoding goes through iconv — the converter libxml2's own encoding support uses
/// on Debian — with U+FFFD for bytes that do not decode, so a broken page still yields its text.
enum Charset {
    struct Decoded {
        var utf8: [UInt8]
        var charset: String
        var note: String?
    }

    static func decode(_ bytes: [UInt8], declared: String?, contentType: String?) throws(PageError) -> Decoded {
        var body = bytes[...]
        var stated: (name: String, from: String)?
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
            stated = ("UTF-8", "byte order mark")
        } else if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            stated = (body.first == 0xFF ? "UTF-16LE" : "UTF-16BE", "byte order mark")
            body = body.dropFirst(2)
        }
        if stated == nil, let d = declared.flatMap(clean) { stated = (d, "declared") }
        if stated == nil, let d = contentType.flatMap({ param(in: Array($0.utf8)[...]) }).flatMap(clean) {
            stated = (d, "content type")
        }
        if stated == nil, let d = metaCharset(body).flatMap(clean) { stated = (d, "meta") }

        let name = stated.map { canonical($0.name) }
        if name == "UTF-16LE" || name == "UTF-16BE", let u = convert(body, from: name!, strict: false) {
            return Decoded(utf8: u, charset: name!, note: nil)
        }
        if let reason = binaryReason(body) { throw PageError(.binary, reason) }
        let (validUTF8, ascii) = utf8Validity(body)
        if ascii || (validUTF8 && (name == nil || name == "UTF-8")) {
            return Decoded(utf8: Array(body), charset: name ?? "UTF-8", note: nil)
        }
        if validUTF8 {
            return Decoded(
                utf8: Array(body), charset: "UTF-8",
                note: "\(stated!.from) charset \(stated!.name) but the bytes are UTF-8: read as UTF-8")
        }
        if let name, name != "UTF-8" {
            if let strict = convert(body, from: name, strict: true) {
                return Decoded(utf8: strict, charset: name, note: nil)
            }
            if let lossy = convert(body, from: name, strict: false) {
                return Decoded(utf8: lossy, charset: name, note: "bytes that are not \(name) were replaced by U+FFFD")
            }
            // iconv does not know the name: fall through to sniffing.
        }
        if let gb = convert(body, from: "GB18030", strict: true) {
            let note = stated.map { "\($0.from) charset \($0.name) does not decode the page: read as GB18030" }
            return Decoded(utf8: gb, charset: "GB18030", note: note)
        }
        return Decoded(
            utf8: Array(String(decoding: body, as: UTF8.self).utf8), charset: "UTF-8",
            note: "not valid in any charset tried: bytes that are not UTF-8 were replaced by U+FFFD")
    }

    /// NUL bytes or mostly control bytes: an image, a PDF, a zip — not a page.
    static func binaryReason(_ bytes: ArraySlice<UInt8>) -> String? {
        let n = min(bytes.count, 8192)
        let (nul, controls) = bytes.withUnsafeBufferPointer { all -> (Int?, Int) in
            let head = UnsafeBufferPointer(rebasing: all[..<n])
            if let base = head.baseAddress, let z = memchr(base, 0, n) {
                return (UnsafeRawPointer(z) - UnsafeRawPointer(base), 0)
            }
            // Bytes below 0x20 other than tab, LF, FF and CR, eight at a time.
            var controls = 0, i = 0
            let raw = UnsafeRawBufferPointer(head)
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let low = Self.bytesBelow0x20(x)
                // Most words have no byte below 0x20 at all.
                if low != 0 { controls += (low & ~Self.whitespaceBytes(x)).nonzeroBitCount }
                i += 8
            }
            while i < n {
                let c = head[i]
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D, c != 0x0C { controls += 1 }
                i += 1
            }
            return (nil, controls)
        }
        if let nul { return "binary content (NUL byte at \(nul)), not an HTML page" }
        if controls * 10 > n { return "binary content (\(controls) control bytes in the first \(n)), not an HTML page" }
        return nil
    }

    private static let highs = WordBytes.highs

    private static func bytesBelow0x20(_ x: UInt64) -> UInt64 { WordBytes.below(x, 0x20) }

    private static func whitespaceBytes(_ x: UInt64) -> UInt64 {
        WordBytes.equal(x, 0x09) | WordBytes.equal(x, 0x0A) | WordBytes.equal(x, 0x0C) | WordBytes.equal(x, 0x0D)
    }

    /// Whether the bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
    /// surrogates, nothing past U+10FFFF), and whether they are all ASCII; eight ASCII bytes at a
    /// time, without making a string of the page.
    static func utf8Validity(_ bytes: ArraySlice<UInt8>) -> (valid: Bool, ascii: Bool) {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            let raw = UnsafeRawBufferPointer(b)
            var i = 0, ascii = true
            while i < n {
                // A run of ASCII: eight bytes at a time, then byte by byte.
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs == 0 { i += 8 }
                while i < n, b[i] < 0x80 { i += 1 }
                // Then a run of other characters: CJK ones four bytes at a time (a lead E1…EC,
                // EE or EF, which needs no range check of its second byte, and two 10xxxxxx).
                while i + 4 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)
                    let lead = w & 0xFF
                    guard w & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED else { break }
                    ascii = false
                    i += 3
                }
                while i < n {
                    let c = b[i]
                    if c < 0x80 { break }
                    ascii = false
                    // The common case first: a three-byte character that needs no range check of
                    // its second byte (E1…EC, EE, EF: all of CJK), continuation bytes being 10xxxxxx.
                    if c >= 0xE1, c != 0xED, c <= 0xEF, i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 {
                        i += 3
                        continue
                    }
                    func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                        i + k < n && b[i + k] >= lo && b[i + k] <= hi
                    }
                    let len: Int
                    switch c {
                    case 0xC2...0xDF: len = cont(1) ? 2 : 0
                    case 0xE0: len = cont(1, 0xA0) && cont(2) ? 3 : 0
                    case 0xE1...0xEC, 0xEE...0xEF: len = cont(1) && cont(2) ? 3 : 0
                    case 0xED: len = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
                    case 0xF0: len = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
                    case 0xF1...0xF3: len = cont(1) && cont(2) && cont(3) ? 4 : 0
                    case 0xF4: len = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
                    default: len = 0
                    }
                    if len == 0 { return (false, false) }
                    i += len
                }
            }
            return (true, ascii)
        }
    }

    /// The names pages use, mapped to what iconv reads best: supersets for the Chinese ones.
    static func canonical(_ raw: String) -> String {
        switch raw.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "gbk", "gb2312", "gb_2312-80", "gb_2312", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312", "euc-cn",
            "gb18030", "iso-ir-58":
            return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5", "cp950": return "BIG5-HKSCS"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "iso-8859-1", "latin1", "us-ascii", "ascii": return "WINDOWS-1252"
        default: return raw.uppercased()
        }
    }

    private static func clean(_ s: String) -> String? {
        // A name of letters, digits, '-', '_', '.', ':' (every charset name) has nothing to drop.
        if !s.isEmpty, s.utf8.allSatisfy({ isNameByte($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }) { return s }
        let t = s.filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
        return t.isEmpty ? nil : t
    }

    /// `charset=VALUE` in a Content-Type or a meta tag.
    static func param(in s: ArraySlice<UInt8>) -> String? {
        let key: [UInt8] = Array("charset".utf8)
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
        var i = s.startIndex
        while i + key.count <= s.endIndex {
            var k = 0
            while k < key.count, lower(s[i + k]) == key[k] { k += 1 }
            if k == key.count {
                var j = i + key.count
                while j < s.endIndex, s[j] == 0x20 { j += 1 }
                if j < s.endIndex, s[j] == 0x3D {
                    j += 1
                    while j < s.endIndex, s[j] == 0x20 || s[j] == 0x22 || s[j] == 0x27 { j += 1 }
                    var e = j
                    while e < s.endIndex, isNameByte(lower(s[e])) { e += 1 }
                    return e > j ? String(decoding: s[j..<e].map(lower), as: UTF8.self) : nil
                }
            }
            i += 1
        }
        return nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    /// The charset of the first `<meta>` that states one, in the first 4 KiB (where browsers look).
    static func metaCharset(_ body: ArraySlice<UInt8>) -> String? {
        let head = body.prefix(4096)
        var i = head.startIndex
        while i + 5 < head.endIndex {
            // To the next '<' at once.
            let next = head.withUnsafeBufferPointer { b -> Int? in
                let from = i - head.startIndex
                guard let base = b.baseAddress, let p = memchr(base + from, 0x3C, b.count - from) else { return nil }
                return head.startIndex + (UnsafeRawPointer(p) - UnsafeRawPointer(base))
            }
            guard let lt = next else { return nil }
            i = lt
            guard i + 5 < head.endIndex else { return nil }
            if head[i] == 0x3C, (head[i + 1] | 0x20) == 0x6D, (head[i + 2] | 0x20) == 0x65,
                (head[i + 3] | 0x20) == 0x74,
                (head[i + 4] | 0x20) == 0x61
            {
                var end = i + 5
                while end < head.endIndex, head[end] != 0x3E { end += 1 }
                if let v = param(in: head[(i + 5)..<end]) { return v }
                i = end
            }
            i += 1
        }
        return nil
    }

    /// Bytes in `charset` → UTF-8 through iconv. Strict: nil on the first byte that does not
    /// decode; else such a byte becomes U+FFFD and decoding goes on. Nil when iconv lacks the charset.
    static func convert(_ input: ArraySlice<UInt8>, from charset: String, strict: Bool) -> [UInt8]? {
        if input.isEmpty { return [] }
        let cd = iconv_open("UTF-8", charset)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var ok = true
        input.withUnsafeBufferPointer { inBuf in
            var inPtr = UnsafeMutablePointer<CChar>(
                mutating: UnsafeRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self))
            var inLeft = inBuf.count
            while inLeft > 0 {
                if out.count - produced < 64 { out += [UInt8](repeating: 0, count: out.count) }
                var outLeft = out.count - produced
                let r: Int = out.withUnsafeMutableBufferPointer { ob in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var ip: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &ip, &inLeft, &outPtr, &outLeft)
                    inPtr = ip!
                    produced = ob.count - outLeft
                    return r
                }
                if r != -1 { break }
                switch errno {
                case E2BIG: continue
                case EILSEQ, EINVAL:
                    if strict { ok = false; return }
                    // Skip the byte that does not decode, write U+FFFD.
                    inPtr += 1
                    inLeft -= 1
                    if out.count - produced < 3 { out += [UInt8](repeating: 0, count: out.count) }
                    out[produced] = 0xEF; out[produced + 1] = 0xBF; out[produced + 2] = 0xBD
                    produced += 3
                default:
                    ok = false
                    return
                }
            }
        }
        guard ok else { return nil }
        out.removeLast(out.count - produced)
        return out
    }
}
