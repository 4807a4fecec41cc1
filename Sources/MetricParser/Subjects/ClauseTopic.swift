/// The topic of the clause before a figure's own clause, for a clause that is only a link and a
/// figure: 甲市高新技术产业产值实现“破百”，达到119.2亿元 — the second clause says nothing but 达到,
/// so its subject is what the first clause is about (the noun phrase before its verb).
extension SubjectFinder {
    /// - Parameter object: read the object after the clause's verb when there is one (for a clause
    ///   that is only a change: 政府公布第一季度本地生产总值的增长，增长百分之四点五 → what was announced).
    func previousClauseTopic(clauseStart cs: Int, sentenceStart: Int, object: Bool = false) -> String {
        guard cs - 1 > sentenceStart, CharClass.isBreak(s[cs - 1]), s[cs - 1] != u("、") else { return "" }
        let end = cs - 1
        var a = end
        while a > sentenceStart, !CharClass.isBreak(s[a - 1]) { a -= 1 }
        // The topic ends at the clause's first verb (实现, 完成, 达到 …) or a digit: a clause with a
        // figure of its own would have given the figure before this one its subject already.
        // 具有大专学历党员超过一半: a verb opening the clause is not where the topic ends.
        if let l = PredicateLexicon.verbs.prefix(s, at: a, limit: end) ?? PredicateLexicon.linkers.prefix(
            s, at: a, limit: end)
            ?? Self.openingVerbs.prefix(s, at: a, limit: end)
        {
            a += l
        }
        var b = a
        while b < end {
            if CharClass.has(s[b], CharClass.asciiDigit) { return "" }
            if PredicateLexicon.verbs.prefix(s, at: b, limit: end) != nil
                || PredicateLexicon.linkers.prefix(s, at: b, limit: end) != nil
                || Self.announcing.prefix(s, at: b, limit: end) != nil
                || PredicateLexicon.increase.prefix(s, at: b, limit: end).map({ $0 >= 2 }) == true
                || PredicateLexicon.decrease.prefix(s, at: b, limit: end).map({ $0 >= 2 }) == true,
                b > a
            {
                break
            }
            b += 1
        }
        if object, b < end,
            let vl = Self.announcing.prefix(s, at: b, limit: end) ?? PredicateLexicon.verbs.prefix(s, at: b, limit: end)
        {
            // The change is the object's only when the verb carries or announces it (实现利润, 公布…的增长)
            // or the object names a change itself; 工业生产保持平稳，增长5% is about the topic.
            let (ox, oy) = trim(b + vl, end)
            let carries =
                PredicateLexicon.lightVerbs.prefix(s, at: b, limit: end) != nil
                || Self.announcing.prefix(s, at: b, limit: end) != nil
            let namesChange =
                oy - ox >= 2
                && ((PredicateLexicon.increase.suffix(s, before: oy, limit: ox) ?? 0) >= 2
                    || (PredicateLexicon.decrease.suffix(s, before: oy, limit: ox) ?? 0) >= 2
                    || ChangeSubject.rateNouns.suffix(s, before: oy, limit: ox) != nil)
            if oy - ox >= 2, carries || namesChange { return clean(ox, oy) }
        }
        // Without a verb the clause is the topic with its adjective predicate (党员过半).
        var (x, y) = trim(a, b)
        // …营业收入首次突破: adverbs before the verb are not part of the topic.
        while y > x, let l = PredicateLexicon.verbAdverbs.suffix(s, before: y, limit: x), y - l > x { y -= l }
        return y - x >= 2 ? clean(x, y) : ""
    }

    /// Verbs that announce a figure (公布 the growth, 录得 a rise): their object is what changes.
    static let announcing = WordList("公布 发布 宣布 公告 通报 录得")

    /// Verbs of having that open a clause (具有, 拥有): what follows is the topic.
    static let openingVerbs = WordList("具有 拥有 具备 共有 现有")
}
