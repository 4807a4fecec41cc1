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
        if let mark = Self.mark(s, clauseStart, prefixStart) {
            if prefixStart >= paragraphEnd {
                // Each scalar is scanned once: marks come in text order and reuse the end found before.
                paragraphEnd = prefixStart
                while paragraphEnd < s.count, s[paragraphEnd] != 0x0A { paragraphEnd += 1 }
            }
            frame = (sentence, mark, paragraphEnd)
        }
        if let c = frame, c.sentence == sentence, !base.isEmpty, !InertText.hasPrefix(base, c.word) {
            return c.word + base
        }
        return base
    }

    /// A year (2023年) or a relative time word (今年, 去年, 当年) in `[a, b)`: a sentence with its own period.
    private static func namesTime(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k + 1 < b {
            let next = ScriptFold.simplified(s[k + 1])
            if next == u("年"), CharClass.isDigit(s[k]) || relativeYears.contains(s[k]) { return true }
            k += 1
        }
        return false
    }

    /// 今年, 去年, 当年, 上年, 本年, 明年, 前年.
    static let relativeYears = ScalarSet("今去当當上本明前")

    /// 累计/累計 in `[a, b)` followed by a verb (not by the figure or a linking word: 用电量累计934亿千瓦时).
    private static func mark(_ s: [UInt32], _ a: Int, _ b: Int) -> String? {
        var k = a
        while k + 2 < b {
            if s[k] == u("累"), ScriptFold.simplified(s[k + 1]) == u("计"),
                PredicateLexicon.linkers.prefix(s, at: k + 2, limit: b) == nil, !CharClass.isDigit(s[k + 2]),
                PredicateLexicon.verbs.prefix(s, at: k + 2, limit: b) != nil
                    || PredicateLexicon.lightVerbs.prefix(s, at: k + 2, limit: b) != nil
                    || s[k + 2] == u("新")
            {
                return String(scalars: s[k..<(k + 2)])
            }
            k += 1
        }
        return nil
    }
}
