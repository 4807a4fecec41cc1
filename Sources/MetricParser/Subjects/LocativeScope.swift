/// A place or body named with 在 before the verb, when the clause has no topic of its own (only a
/// pronoun and time words before 在): 我们在立法会财委会得到支持拨款十亿元 → 立法会财委会拨款. The
/// place is where the figure was decided or counted, the scope an analyst needs for a short object.
extension SubjectFinder {
    /// The 在-phrase in `[a, verbStart)`, trimmed, when only pronouns and time words precede it.
    func locativeScope(_ a: Int, _ verbStart: Int) -> String? {
        var k = a
        while k < verbStart, CharClass.isSpace(s[k]) { k += 1 }
        while k < verbStart, let l = Self.pronounsAndTimes.prefix(s, at: k, limit: verbStart) { k += l }
        guard k < verbStart, s[k] == u("在") else { return nil }
        let from = k + 1
        var e = from
        while e < verbStart {
            if e > from,
                PredicateLexicon.verbs.prefix(s, at: e, limit: verbStart) != nil
                    || PredicateLexicon.lightVerbs.prefix(s, at: e, limit: verbStart) != nil
                    || Self.receiving.prefix(s, at: e, limit: verbStart) != nil
            {
                break
            }
            e += 1
        }
        let (x, y) = trim(from, e)
        guard y - x >= 2, y - x <= 10, Anaphora.demonstratives.prefix(s, at: x, limit: y) == nil else {
            return nil
        }
        for m in x..<y where CharClass.isBreak(s[m]) || CharClass.has(s[m], CharClass.asciiDigit) { return nil }
        return clean(x, y)
    }

    static let pronounsAndTimes = WordList(
        "我们 我 你们 他们 她们 本人 刚刚 刚才 剛剛 剛才 今日 今天 昨日 昨天 日前 近日 现在 目前 已 已经 也 还 又 亦 都 均 今年 去年")
    /// Verbs of receiving that end a place phrase (在财委会得到…).
    static let receiving = WordList("得到 获得 取得 争取 获")
}
