/// An estimate opening the clause: 现估计今年增长为1.5% / 本来预计今年的消费物价指数为…: the figure
/// is an estimate of the indicator named after the verb, told apart from the actual figure (and from
/// the earlier estimate) by the verb as written, with the time adverb before it (现估计, 本来预计).
extension SubjectFinder {
    /// The estimate verb at the start of `[cs, end)` (after a time adverb): its text and end, else nil.
    /// Who estimates may stand before the verb (主计总处预估今年经济成长率为…: up to six characters, no
    /// verb); the indicator must then follow it (今年增长预计为5%: the verb ends the indicator, no frame).
    func estimateVerb(_ cs: Int, _ end: Int) -> (word: String, end: Int)? {
        var a = cs
        while a < end, CharClass.isSpace(s[a]) { a += 1 }
        guard mayHoldEstimateVerb(a, end) else { return nil }
        var start = a
        while start < end, start - a <= 6 {
            if Self.estimateAdverbs.prefix(s, at: start, limit: end) != nil
                || Self.estimateVerbs.prefix(s, at: start, limit: end) != nil
            {
                break
            }
            if start > a, PredicateLexicon.verbs.prefix(s, at: start, limit: end) != nil { return nil }
            start += 1
        }
        var k = start
        if let l = Self.estimateAdverbs.prefix(s, at: k, limit: end) { k += l }
        guard let l = Self.estimateVerbs.prefix(s, at: k, limit: end) else { return nil }
        if start > a {
            let (x, y) = trim(k + l, end)
            guard y - x >= 2 else { return nil }
        }
        return (clean(start, k + l), k + l)
    }

    /// Whether an estimate verb can start where `estimateVerb` looks for one (within seven characters
    /// of `a`, after an adverb of at most two): most clauses have none, answered without a look-up.
    private func mayHoldEstimateVerb(_ a: Int, _ end: Int) -> Bool {
        let verbs = Self.estimateVerbs
        var k = a
        while k < end, k - a <= 9 {
            if verbs.mayStart(with: s[k]) { return true }
            k += 1
        }
        return false
    }

    /// `[a, b)` is an estimate used as a noun (临时估计, 初步估计, 预测): after 的 it does not name the
    /// indicator, the modifier does (零售业总销货价值的临时估计为302亿元).
    func isEstimateHead(_ a: Int, _ b: Int) -> Bool {
        var k = a
        if let l = Self.estimateAdverbs.prefix(s, at: k, limit: b) { k += l }
        return Self.estimateVerbs.prefix(s, at: k, limit: b) == b - k
    }

    /// The complete list of verbs of estimating and forecasting before an indicator.
    static let estimateVerbs = WordList("估计 预计 预测 预期 预料 估算 推算 预估 初步估计 初步预计")
    static let estimateAdverbs = WordList("现 现时 现在 目前 本来 原来 原先 原本 早前 最新 临时 初步")
    /// An earlier value's marker at the end of a subject (生产总值增长原来): not part of a new estimate's.
    static let earlierMarkers = WordList("原来 原先 原本 本来")

    /// `subject` without a trailing earlier-value marker.
    static func withoutEarlierMarker(_ subject: String) -> String {
        let a = [UInt32](subject)
        guard let l = earlierMarkers.suffix(a, before: a.count, limit: 0), l < a.count else { return subject }
        return String(scalars: a[..<(a.count - l)])
    }
}
