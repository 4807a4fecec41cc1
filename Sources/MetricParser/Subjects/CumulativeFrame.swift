/// 累计新开工改造…22万个，惠及居民…: 累计 before a verb makes the sentence's figures from there on
/// cumulative totals, told apart from the period's own figures of the same things (累计 is put
/// before their subjects).
/// The frame holds on through the paragraph's later sentences until one names its own time
/// (…累计新开工改造…。各地在改造过程中，共改造提升…: still the cumulative totals).
struct CumulativeFrame {
    /// The sentence whose figures are cumulative, with 累计 as written and the end of its paragraph.
    private var frame: (sentence: Int, word: String, paragraphEnd: Int)? = nil
    /// The end of the paragraph holding the last 累计 mark.
    private var paragraphEnd = 0

    /// `base` with the frame's 累计 for the figure whose clause is `[clauseStart, prefixStart)`.
    mutating func apply(_ s: [UInt32], _ base: String, clauseStart: Int, prefixStart: Int, sentence: Int) -> String {
        if let c = frame, c.sentence != sentence {
            if prefixStart >= c.paragraphEnd || Self.namesTime(s, sentence, prefixStart) {
                frame = nil
            } else {
                frame?.sentence = sentence
            }
        }
        // 南沿江高速公路南山段累计完成投资42.6亿元: after a named thing, 累计 is that figure's own (its
        // subject holds it); only after nothing, a whole (全国, 各地) or a time does it frame what follows.
        if let mark = Self.mark(s, clauseStart, prefixStart), Self.opensFrame(s, clauseStart, mark.at) {
            if prefixStart >= paragraphEnd {
                // Each scalar is scanned once: marks come in text order and reuse the end found before.
                paragraphEnd = prefixStart
                while paragraphEnd < s.count, s[paragraphEnd] != 0x0A { paragraphEnd += 1 }
            }
            frame = (sentence, mark.word, paragraphEnd)
        }
        if let c = frame, c.sentence == sentence, !base.isEmpty, !InertText.contains(base, c.word) {
            return c.word + base
        }
        return base
    }

    /// Whether what stands before 累计 at `at` in its clause (from `a`) leaves it to frame the figures
    /// after it: nothing, a whole of up to three characters (全国, 全市, 各地, 本区), a time (2019年以来,
    /// 五年来), or a time then a whole (五年来全市).
    private static func opensFrame(_ s: [UInt32], _ a: Int, _ at: Int) -> Bool {
        var x = a, y = at
        while x < y, CharClass.isSpace(s[x]) { x += 1 }
        while y > x, CharClass.isSpace(s[y - 1]) { y -= 1 }
        if let w = (max(x, y - 3)..<y).first(where: { wholes.contains(s[$0]) }) { y = w }
        if x == y { return true }
        return namesTime(s, x, y, spans: true) || s[y - 1] == u("来") || s[y - 1] == u("來")
    }

    /// 全 (全国, 全市), 各 (各地), 本 (本区), 我 (我市): what opens a word for a whole.
    static let wholes = ScalarSet("全各本我")

    /// A year (2023年) or a relative time word (今年, 去年, 当年) in `[a, b)`: a sentence with its own period.
    /// With `spans`, a span of years in Chinese numerals counts too (五年来 before 累计).
    private static func namesTime(_ s: [UInt32], _ a: Int, _ b: Int, spans: Bool = false) -> Bool {
        var k = a
        while k + 1 < b {
            let next = ScriptFold.simplified(s[k + 1])
            if next == u("年"),
                CharClass.isDigit(s[k]) || relativeYears.contains(s[k]) || (spans && ChineseNumeral.digit(s[k]) != nil)
            {
                return true
            }
            k += 1
        }
        return false
    }

    /// 今年, 去年, 当年, 上年, 本年, 明年, 前年.
    static let relativeYears = ScalarSet("今去当當上本明前")

    /// 累计/累計 in `[a, b)` followed by a verb (not by the figure or a linking word: 用电量累计934亿千瓦时).
    private static func mark(_ s: [UInt32], _ a: Int, _ b: Int) -> (word: String, at: Int)? {
        var k = a
        while k + 2 < b {
            if s[k] == u("累"), ScriptFold.simplified(s[k + 1]) == u("计"),
                PredicateLexicon.linkers.prefix(s, at: k + 2, limit: b) == nil, !CharClass.isDigit(s[k + 2]),
                PredicateLexicon.verbs.prefix(s, at: k + 2, limit: b) != nil
                    || PredicateLexicon.lightVerbs.prefix(s, at: k + 2, limit: b) != nil
                    || s[k + 2] == u("新")
            {
                return (String(scalars: s[k..<(k + 2)]), k)
            }
            k += 1
        }
        return nil
    }
}
