/// A comparison that states the reference's own value, then a bare comparative and the difference:
/// 失业率为4.1%，较整体失业率3.8%高0.3个百分点 (Hong Kong; mainland 比全国平均水平5.2%低0.4个百分点). The
/// first figure is the reference's (整体失业率, without 较); the second is a change of the sentence's
/// subject before them, named with the reference: 失业率高于整体失业率.
extension SubjectFinder {
    /// For the difference: the reference noun and the direction, when only 高/低/多/少/快/慢 stands between
    /// the previous figure (ending at `floor`) and this one, and that figure's clause opens with 较/比 + noun.
    func statedReference(prefixStart: Int, floor: Int) -> (reference: String, direction: Direction)? {
        var a = floor
        while a < prefixStart, CharClass.isSpace(s[a]) { a += 1 }
        var b = prefixStart
        while b > a, CharClass.isSpace(s[b - 1]) { b -= 1 }
        guard floor > 0, b == a + 1, Self.comparatives.contains(s[a]),
            let noun = referenceOpening(before: floor)
        else { return nil }
        let c = s[a]
        let up = c == u("高") || c == u("多") || c == u("快")
        return (noun, up ? .up : .down)
    }

    /// The figure ending at `suffixEnd` is a stated reference's value: a bare comparative and a figure
    /// follow it, and its clause opens with 较/比 + noun.
    func statesReferenceValue(suffixEnd: Int) -> Bool {
        guard suffixEnd + 1 < s.count, Self.comparatives.contains(s[suffixEnd]) else { return false }
        let n = s[suffixEnd + 1]
        guard CharClass.isDigit(n) || CharClass.has(n, CharClass.cjkDigit) else { return false }
        return referenceOpening(before: suffixEnd) != nil
    }

    /// The noun after 较/比 opening the clause that holds the figure ending at `end` (2–10 characters up to
    /// the figure's first digit, no verb), else nil.
    private func referenceOpening(before end: Int) -> String? {
        var k = end
        while k > 0, end - k <= 24, !CharClass.isBreak(s[k - 1]) { k -= 1 }
        while k < end, CharClass.isSpace(s[k]) { k += 1 }
        guard k < end, s[k] == u("比") || ScriptFold.simplified(s[k]) == u("较") else { return nil }
        var m = k + 1
        while m < end, !CharClass.isDigit(s[m]) {
            if PredicateLexicon.verbs.prefix(s, at: m, limit: end) != nil { return nil }
            m += 1
        }
        // Not trimmed: 全省 in 比全省平均水平 is the reference itself.
        var (x, y) = (k + 1, m)
        while x < y, CharClass.isSpace(s[x]) { x += 1 }
        while y > x, CharClass.isSpace(s[y - 1]) { y -= 1 }
        guard y - x >= 2, y - x <= 10 else { return nil }
        return clean(x, y)
    }
}
