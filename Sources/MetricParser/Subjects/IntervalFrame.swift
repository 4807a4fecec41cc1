/// An average interval: 每 + duration + VERB + 一 + measure word (约每6.2分钟出生一个婴儿, 平均每3秒售出
/// 一台): the duration measures how often the event happens, so the subject is the thing (the
/// sentence's last subject, else the noun after the measure word), the event's verb and 间隔.
extension SubjectFinder {
    /// The interval's subject for a duration right after 每, else nil.
    func intervalSubject(_ q: RawQuantity, previous: String?, sentence: Range<Int>) -> String? {
        guard q.kind == .duration, q.numberStart > 0, s[q.numberStart - 1] == u("每") else { return nil }
        let n = s.count
        var k = q.end
        while k < n, CharClass.isSpace(s[k]) { k += 1 }
        let verbStart = k
        while k < n, k - verbStart < 4, CharClass.isIdeograph(s[k]), s[k] != u("一") { k += 1 }
        guard k > verbStart, k + 1 < n, s[k] == u("一"), MeasureWords.single.contains(ScriptFold.simplified(s[k + 1]))
        else { return nil }
        let verb = clean(verbStart, k)
        var thing = previous ?? ""
        if thing.isEmpty {
            var e = k + 2
            while e < n, e - (k + 2) < 8, CharClass.isIdeograph(s[e]) { e += 1 }
            thing = clean(k + 2, e)
        }
        return (thing.hasSuffix(verb) ? thing : thing + verb) + (isTraditional(sentence) ? "間隔" : "间隔")
    }

    /// The sentence is in traditional characters: its traditional-only characters outnumber the
    /// simplified ones that have a traditional twin (the test `ArticleLocale` makes over a whole text).
    func isTraditional(_ r: Range<Int>) -> Bool {
        let (traditional, simplified) = ArticleLocale.scriptCounts(s[r])
        return traditional > simplified
    }
}
