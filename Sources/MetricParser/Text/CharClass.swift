/// Per-scalar classification used by every scanning pass.
///
/// A flat table over the Basic Multilingual Plane keeps the hot loop to one load and one
/// mask per scalar (no `Character`, no `Unicode.Scalar.Properties`, which are slow).
enum CharClass {
    static let asciiDigit: UInt16 = 1 << 0
    /// 零〇一二两三…九幺 and the financial forms 壹贰叁…玖.
    static let cjkDigit: UInt16 = 1 << 1
    /// 十百千 拾佰仟 廿卅卌.
    static let cjkSmallUnit: UInt16 = 1 << 2
    /// 万亿兆.
    static let cjkBigUnit: UInt16 = 1 << 3
    /// Clause punctuation: ，,、；;：:
    static let clauseBreak: UInt16 = 1 << 4
    /// Sentence punctuation: 。！？!? and line breaks.
    static let sentenceBreak: UInt16 = 1 << 5
    static let space: UInt16 = 1 << 6
    /// Needs rewriting by `TextNormalizer` (full-width forms, traditional numerals, entities).
    static let needsNormalizing: UInt16 = 1 << 7
    static let ideograph: UInt16 = 1 << 8
    static let asciiLetter: UInt16 = 1 << 9
    /// Can begin a numeral: digits, CJK numerals, 负, 半, '.' and '-' (checked further by the scanner).
    static let numeralStart: UInt16 = 1 << 10
    /// 壹贰叁肆伍陆柒捌玖拾佰仟: only numerals next to other numerals (拾取, 放肆 are words).
    static let financial: UInt16 = 1 << 11
    /// A single-character count measure word (个 名 家 …), see `MeasureWords`.
    static let measureWord: UInt16 = 1 << 12
    /// What `NonMetricFilter.insideQuotes` stops at or counts: quote marks, 《》〈〉, sentence ends.
    static let quoteOrStop: UInt16 = 1 << 13

    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 0x10000)
        for c in 0x30...0x39 { t[c] |= asciiDigit | numeralStart }
        for c in 0x41...0x5A { t[c] |= asciiLetter }
        for c in 0x61...0x7A { t[c] |= asciiLetter }
        for c in 0x3400...0x4DBF { t[c] |= ideograph }
        for c in 0x4E00...0x9FFF { t[c] |= ideograph }
        for c in 0xF900...0xFAFF { t[c] |= ideograph }
        // Full-width forms fold to ASCII, except the punctuation of ordinary Chinese text
        // (，（）：；！？), which every pass reads as is: most articles then need no copy at all.
        for c in 0xFF01...0xFF5E where ![0xFF0C, 0xFF08, 0xFF09, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F].contains(c) {
            t[c] |= needsNormalizing
        }
        for c in [0x20, 0x09, 0xA0, 0x3000, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF] { t[c] |= space }
        for c in [
            0xA0, 0x3000, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF, 0x2212, 0x2013, 0x2014, 0x2015,
            0x301C, 0x300C, 0x300D, 0x300E, 0x300F, 0x26,
        ] {
            t[c] |= needsNormalizing
        }
        for s in "，,、；;：:".unicodeScalars { t[Int(s.value)] |= clauseBreak }
        for s in "。！？!?\n\r".unicodeScalars { t[Int(s.value)] |= sentenceBreak }
        for (c, _) in ChineseNumeral.digitValues { t[Int(c)] |= cjkDigit | numeralStart }
        for (c, _) in ChineseNumeral.smallUnits { t[Int(c)] |= cjkSmallUnit | numeralStart }
        for (c, _) in ChineseNumeral.bigUnits { t[Int(c)] |= cjkBigUnit }
        for s in "壹贰叁肆伍陆柒捌玖拾佰仟".unicodeScalars { t[Int(s.value)] |= financial }
        // 负 (minus), 半 (half), 百/千/万 start 百分之/千分之/万分之, '.' starts ".5", '-' a sign.
        // 几/数/上 start vague numerals (几十万, 数十亿, 上千); 对 starts 对折.
        for s in "负半万.-廿卅卌几数數上对對".unicodeScalars { t[Int(s.value)] |= numeralStart }
        for (c, _) in TextNormalizer.folding { t[Int(c)] |= needsNormalizing }
        for c in MeasureWords.single { t[Int(c)] |= measureWord }
        for c in [
            0x0A, 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x22, 0x201C, 0x201D, 0x2018, 0x2019, 0x300A, 0x300B, 0x3008,
            0x3009,
        ] {
            t[c] |= quoteOrStop
        }
        return t
    }()

    /// The table as a pointer that lives for the whole process: hot loops load it once
    /// instead of going through the lazy-initialization check of `table` on every scalar.
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt16> = {
        let p = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
        p.initialize(from: table, count: 0x10000)
        return UnsafePointer(p)
    }()

    /// Value of a Chinese digit character (零〇一…九 两 幺, financial forms); -1 for others.
    nonisolated(unsafe) static let digitPointer: UnsafePointer<Int8> = {
        let p = UnsafeMutablePointer<Int8>.allocate(capacity: 0x10000)
        p.initialize(repeating: -1, count: 0x10000)
        for (c, v) in ChineseNumeral.digitValues { p[Int(c)] = Int8(v) }
        return UnsafePointer(p)
    }()

    @inline(__always)
    static func cjkDigitValue(_ c: UInt32) -> Int { c < 0x10000 ? Int(digitPointer[Int(c)]) : -1 }

    @inline(__always)
    static func flags(_ c: UInt32) -> UInt16 {
        c < 0x10000 ? pointer[Int(c)] : (c >= 0x20000 && c <= 0x3FFFF ? ideograph : 0)
    }

    @inline(__always)
    static func has(_ c: UInt32, _ mask: UInt16) -> Bool { flags(c) & mask != 0 }

    /// The first index from `i` of a BMP scalar of `p` with a class in `mask` (`p.count` when none),
    /// for the passes that skip the prose between rare characters (numeral starts, quote marks):
    /// four scalars a step with one branch for all four (masking keeps the table index in range;
    /// a hit is then tested scalar by scalar, exactly). `table` is `pointer`, loaded once by the
    /// caller's loop (each read of the static is a lazy-initialization check).
    @inline(__always)
    static func next(
        _ mask: UInt16, in p: UnsafeBufferPointer<UInt32>, from i: Int, _ table: UnsafePointer<UInt16>
    ) -> Int {
        @inline(__always) func hit(_ k: Int) -> Bool {
            let c = p[k]
            return c < 0x10000 && table[Int(c)] & mask != 0
        }
        var k = i
        while k &+ 4 <= p.count {
            let any =
                table[Int(p[k] & 0xFFFF)] | table[Int(p[k &+ 1] & 0xFFFF)] | table[Int(p[k &+ 2] & 0xFFFF)]
                | table[Int(p[k &+ 3] & 0xFFFF)]
            if any & mask != 0 {
                for j in k..<(k &+ 4) where hit(j) { return j }
            }
            k &+= 4
        }
        while k < p.count {
            if hit(k) { return k }
            k &+= 1
        }
        return p.count
    }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 }

    @inline(__always)
    static func isIdeograph(_ c: UInt32) -> Bool { has(c, ideograph) }

    /// A sign as written (before normalizing): true for + and ＋, false for -, − and －, nil for anything else.
    static func sign(_ c: UInt32) -> Bool? {
        switch c {
        case 0x2B, 0xFF0B: true
        case 0x2D, 0x2212, 0xFF0D: false
        default: nil
        }
    }

    @inline(__always)
    static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// Clause or sentence break: where a subject phrase cannot extend past.
    /// No break lies in U+3003..<U+FF01 (the ideographs, most of a Chinese text): a range test
    /// answers those without the table, and so without its lazy-initialization check.
    @inline(__always)
    static func isBreak(_ c: UInt32) -> Bool {
        c &- 0x3003 < 0xFF01 - 0x3003 ? false : has(c, clauseBreak | sentenceBreak)
    }
}
