/// Text as the scanners see it, with a map back to the caller's code-point offsets.
///
/// Normalization only ever replaces a run of original scalars by one scalar (an HTML entity by
/// its character, a full-width form by its ASCII twin, a traditional numeral by its simplified
/// form), so every normalized scalar has a contiguous origin and spans map back exactly.
struct NormalizedText {
    /// The caller's text as scalars (the scanner API cuts its `text` fields from here).
    let original: [UInt32]
    /// What the scanners read.
    let scalars: [UInt32]
    /// `origin[i]` = original offset of `scalars[i]`; `origin[count]` = `original.count`.
    /// `nil` when no entity was decoded and offsets are the identity.
    let origin: [Int32]?
    /// Some ideograph was folded (萬→万, 陸→陆): only then does the article's written text differ
    /// from `scalars` in an ideograph (see `WrittenText`).
    var foldsIdeographs = false

    var count: Int { scalars.count }

    @inline(__always)
    func originalOffset(_ i: Int) -> Int {
        guard let origin else { return i }
        return Int(origin[i])
    }
}

enum TextNormalizer {
    /// Traditional and variant forms of the characters the scanners test one by one (numerals,
    /// 元/块/钱, 与…间, 时, 岁, 周 …). Every other traditional character is left as written: the
    /// lexicons read it through `ScriptFold`, and subjects keep the article's script.
    static let folding: [UInt32: UInt32] = {
        let pairs: [(String, String)] = [
            ("萬", "万"), ("億", "亿"), ("兩", "两"), ("倆", "两"), ("俩", "两"), ("點", "点"), ("個", "个"),
            ("幾", "几"), ("負", "负"), ("陸", "陆"), ("參", "叁"), ("貳", "贰"),
            ("圓", "圆"), ("塊", "块"), ("錢", "钱"), ("噸", "吨"), ("釐", "厘"), ("裏", "里"), ("與", "与"),
            ("間", "间"), ("侖", "仑"), ("幣", "币"), ("臺", "台"), ("華", "华"), ("攝", "摄"),
            ("歲", "岁"), ("週", "周"),
            ("餘", "余"), ("內", "内"),
            ("至", "至"), ("億", "亿"),
            ("萬", "万"), ("裡", "里"), ("銭", "钱"), ("毫", "毫"),
            ("號", "号"),
            ("艘", "艘"), ("檯", "台"), ("幅", "幅"),
            ("尺", "尺"), ("澳", "澳"), ("鐘", "钟"),
            ("幺", "幺"), ("兆", "兆"), ("億", "亿"), ("贰", "贰"), ("貮", "贰"), ("弍", "贰"),
            ("壱", "壹"), ("〇", "〇"), ("○", "〇"), ("◯", "〇"), ("「", "“"), ("」", "”"), ("『", "“"), ("』", "”"),
            ("\u{2212}", "-"), ("\u{2013}", "-"), ("\u{2014}", "-"), ("\u{2015}", "-"), ("\u{301C}", "~"),
            ("\u{A0}", " "), ("\u{3000}", " "), ("\u{2002}", " "), ("\u{2003}", " "), ("\u{2009}", " "),
            ("\u{200B}", " "), ("\u{FEFF}", " "),
        ]
        var map: [UInt32: UInt32] = [:]
        for (from, to) in pairs {
            let f = from.unicodeScalars.first!.value, t = to.unicodeScalars.first!.value
            if f != t { map[f] = t }
        }
        return map
    }()

    /// Named HTML entities a crawler leaves behind.
    static let entities: [[UInt32]: UInt32] = {
        let named: [(String, UInt32)] = [
            ("nbsp", 0x20), ("ensp", 0x20), ("emsp", 0x20), ("thinsp", 0x20), ("amp", 0x26), ("lt", 0x3C),
            ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27), ("middot", 0xB7), ("ldquo", 0x201C),
            ("rdquo", 0x201D), ("lsquo", 0x2018), ("rsquo", 0x2019), ("mdash", 0x2D), ("ndash", 0x2D),
            ("times", 0xD7), ("yen", 0xA5), ("euro", 0x20AC), ("pound", 0xA3), ("cent", 0xA2), ("deg", 0xB0),
            ("percnt", 0x25), ("hellip", 0x2026), ("bull", 0x2022), ("laquo", 0xAB), ("raquo", 0xBB),
            ("sup2", 0xB2), ("sup3", 0xB3), ("micro", 0xB5), ("permil", 0x2030), ("minus", 0x2D),
        ]
        var map: [[UInt32]: UInt32] = [:]
        for (name, v) in named { map[[UInt32](name)] = v }
        return map
    }()

    /// Normalizes `text`; `original` must be `text`'s scalars.
    static func normalize(_ original: [UInt32]) -> NormalizedText {
        // Fast path: nothing to rewrite, share the storage.
        var firstDirty = -1
        let table = CharClass.pointer
        for (i, c) in original.enumerated() where c < 0x10000 && table[Int(c)] & CharClass.needsNormalizing != 0 {
            firstDirty = i
            break
        }
        if firstDirty < 0 { return NormalizedText(original: original, scalars: original, origin: nil) }

        // Folds replace one scalar by one: until an entity is decoded, rewrite a copy in place
        // (one memcpy and a table test per scalar) and keep offsets the identity.
        let n = original.count
        var out = original
        var i = firstDirty
        var foldsIdeographs = false
        out.withUnsafeMutableBufferPointer { p in
            while i < n {
                let c = p[i]
                if c < 0x10000 && table[Int(c)] & CharClass.needsNormalizing != 0 {
                    if c == 0x26, decodeEntity(original, at: i) != nil { return }
                    p[i] = fold(c)
                    if c >= 0x3400, p[i] >= 0x3400, p[i] != c { foldsIdeographs = true }
                }
                i += 1
            }
        }
        if i == n {
            return NormalizedText(original: original, scalars: out, origin: nil, foldsIdeographs: foldsIdeographs)
        }

        // An entity at `i`: from here on the text shrinks, so offsets need a map.
        out.removeSubrange(i...)
        var origin: [Int32]? = nil
        while i < n {
            let c = original[i]
            if c == 0x26, let (decoded, length) = decodeEntity(original, at: i) {
                if origin == nil { origin = (0..<Int32(out.count)).map { $0 } }
                origin!.append(Int32(i))
                out.append(fold(decoded))
                i += length
                continue
            }
            origin?.append(Int32(i))
            let f = c < 0x10000 && table[Int(c)] & CharClass.needsNormalizing != 0 ? fold(c) : c
            if c >= 0x3400, f >= 0x3400, f != c { foldsIdeographs = true }
            out.append(f)
            i += 1
        }
        origin?.append(Int32(n))
        return NormalizedText(original: original, scalars: out, origin: origin, foldsIdeographs: foldsIdeographs)
    }

    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {
        if c >= 0xFF01 && c <= 0xFF5E { return c - 0xFEE0 }
        if c < 0x80 { return c }
        return foldMap[c] ?? c
    }

    /// `folding` for look-ups (`folding` stays a Dictionary: the character tables iterate it).
    static let foldMap = ScalarMap(folding)

    /// `&name;`, `&#123;`, `&#x1F;` at `i` → (scalar, length in scalars), or nil.
    static func decodeEntity(_ s: [UInt32], at i: Int) -> (UInt32, Int)? {
        let n = s.count
        var j = i + 1
        guard j < n else { return nil }
        if s[j] == 0x23 {  // '#'
            j += 1
            var hex = false
            if j < n, s[j] | 0x20 == 0x78 { hex = true; j += 1 }
            var v: UInt32 = 0
            let digitsStart = j
            while j < n, j - digitsStart < 8 {
                let c = s[j]
                if CharClass.isDigit(c) {
                    v = v &* (hex ? 16 : 10) &+ (c - 0x30)
                } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
                    v = v &* 16 &+ ((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > digitsStart, j < n, s[j] == 0x3B else { return nil }
            let valid = v > 0 && v <= 0x10FFFF && !(0xD800...0xDFFF).contains(v)
            return (valid ? v : 0xFFFD, j + 1 - i)
        }
        var name = [UInt32]()
        while j < n, j - i <= 8, CharClass.isASCIILetter(s[j]) || CharClass.isDigit(s[j]) {
            name.append(s[j]); j += 1
        }
        guard j < n, s[j] == 0x3B, let v = entities[name] else { return nil }
        return (v, j + 1 - i)
    }
}
