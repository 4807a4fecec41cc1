/// Reads what a change is measured against from its comparison phrase (the words between the
/// subject and the change verb: 同比, 比年初, 较去年同期, 与上月相比, 高于全国).
///
/// The phrase is a closed construction: an optional comparison head (比 较 与 同 高于 低于 …), a
/// base, and an optional 相比/相较. The base decides the class: a time relative to the figure's
/// own period (上年, 去年同期 → a year ago; 上月, 上季度 → the period before; 年初, 上年末 → the start
/// of the period) or anything else, which is a named reference (全国, 全省, 控制目标, 计划, 平时).
enum BasisReader {
    struct Reading: Equatable {
        var basis: ChangeBasis
        /// The named reference for `.reference`, else nil.
        var reference: String?
    }

    /// The basis of a comparison phrase `s[a..<b]`, or nil when it names none.
    static func read(_ s: [UInt32], _ a: Int, _ b: Int) -> Reading? {
        guard a < b else { return nil }
        var x = a, y = b
        while x < y, CharClass.isSpace(s[x]) { x += 1 }
        while y > x, CharClass.isSpace(s[y - 1]) || s[y - 1] == u("了") { y -= 1 }
        // 按年实质上升 / 同比实际增长: an adverb of measurement after the comparison is not part of it.
        if let l = SubjectContext.measureAdverbs.suffix(s, before: y, limit: x), y - l > x { y -= l }
        while y > x, CharClass.isSpace(s[y - 1]) { y -= 1 }
        // 同比 / 环比 are the whole phrase.
        if y - x == 2, s[x + 1] == u("比") {
            if s[x] == u("同") { return Reading(basis: .previousYear) }
            if ScriptFold.simplified(s[x]) == u("环") { return Reading(basis: .previousPeriod) }  // 環比
        }
        // 按年 (year on year), 按季 / 按月 (on the previous quarter / month).
        if y - x == 2, s[x] == u("按") {
            if s[x + 1] == u("年") { return Reading(basis: .previousYear) }
            if s[x + 1] == u("季") || s[x + 1] == u("月") { return Reading(basis: .previousPeriod) }
        }
        if let l = heads.prefix(s, at: x, limit: y) { x += l }
        if let l = tails.suffix(s, before: y, limit: x) { y -= l }
        guard x < y else { return nil }
        return classify(s, x, y)
    }

    /// The class of a comparison base `s[a..<b]` (上年, 年初, 全国 …).
    static func classify(_ s: [UInt32], _ a: Int, _ b: Int) -> Reading {
        if contains(startWords, s, a, b) { return Reading(basis: .startOfPeriod) }
        if contains(yearAgoWords, s, a, b) { return Reading(basis: .previousYear) }
        if contains(periodBeforeWords, s, a, b) { return Reading(basis: .previousPeriod) }
        var out = [UInt32]()
        for k in a..<b where !CharClass.isSpace(s[k]) && s[k] != 0x201C && s[k] != 0x201D { out.append(s[k]) }
        return Reading(basis: .reference, reference: String(scalars: out))
    }

    private static func contains(_ words: WordList, _ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            if words.prefix(s, at: k, limit: b) != nil { return true }
            k += 1
        }
        return false
    }

    /// Comparison heads before the base (longest first by WordList).
    static let heads = WordList("比 较 与 和 同 跟 相较 相比 对比 高于 低于 优于 快于 慢于 超过 超 大于 小于 多于 少于")
    /// Words closing the phrase: 与上年相比, 同去年相比较.
    static let tails = WordList("相比 相比较 比较 相较 对比 同期相比")
    /// Bases at the start of the current period (a balance against its opening level).
    static let startWords = WordList("年初 年底 月初 季初 年末 上年末 去年末 上年底 去年底 期初 上月末 上季末")
    /// Bases a year before the figure's own period.
    static let yearAgoWords = WordList("上年 去年 前一年 上一年 同期 上年同期 去年同期 同月 去年同月 上年同月 同季 上年度 前年")
    /// Bases in the period right before the figure's own.
    static let periodBeforeWords = WordList("上月 上个月 上季 上季度 上一季度 上个季度 上周 上期 前一月 上一月 上半年 上旬 前月")
}
