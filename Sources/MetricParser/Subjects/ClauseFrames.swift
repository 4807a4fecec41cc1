/// Clause frames that decide where the subject is before the usual backward reading:
/// - a figure inside a 的-modifier (月薪3000元以上的岗位占…, 2000元—3000元的为60%): the modifier with the
///   figure before is the scope, the head after 的 (or the last such head, when the clause has none)
///   the indicator;
/// - the disposal construction 将/把 + OBJECT + 由/从 + figure (将全年增长预测由原来3%…): the figure is the
///   object's earlier value;
/// - a pronoun standing for the subject (这, 此, 将它): the last subject of the sentence;
/// - a reference's own value (低于上年的5.1%): the same indicator for another period or place.
extension SubjectFinder {
    /// The modifier `[start, de)` holding the previous figure when this figure's clause continues it
    /// with 的 (the previous figure ends at `floor`), else nil.
    func modifierAroundPrevious(floor: Int, prefixStart: Int) -> (start: Int, de: Int)? {
        var k = floor
        while k < prefixStart, CharClass.isSpace(s[k]) { k += 1 }
        guard floor > 0, k < prefixStart, s[k] == u("的") else { return nil }
        var a = floor
        // 1,000萬元或以上的: a comma between digits separates thousands, it breaks no clause.
        while a > 0, floor - a < 40,
            !CharClass.isBreak(s[a - 1])
                || (s[a - 1] == 0x2C && a >= 2 && CharClass.isDigit(s[a - 2]) && CharClass.isDigit(s[a]))
        {
            a -= 1
        }
        let (x, y) = trim(a, k)
        return x < y ? (x, y) : nil
    }

    /// 将/把 OBJECT 由/从 FROM + figure → OBJECT (cut to its head after 的) + FROM; nil otherwise.
    func disposalSubject(_ c: Clause) -> String? {
        guard c.marks.isSuperset(of: [.from, .disposal]) else { return nil }
        var k = c.end - 1
        while k > c.start, c.end - k <= 5 {
            let ch = ScriptFold.simplified(s[k])
            if ch == u("由") || ch == u("从") { break }
            k -= 1
        }
        guard k > c.start, c.end - k <= 5,
            ScriptFold.simplified(s[k]) == u("由") || ScriptFold.simplified(s[k]) == u("从")
        else { return nil }
        var m = k - 1
        while m >= c.start, ScriptFold.simplified(s[m]) != u("将") && s[m] != u("把") { m -= 1 }
        guard m >= c.start else { return nil }
        var a = m + 1
        if let d = lastIndex(of: u("的"), a, k), k - (d + 1) >= 2 { a = d + 1 }
        let (ox, oy) = trim(a, k)
        guard oy - ox >= 2 else { return nil }
        let (fx, fy) = trim(k + 1, c.end)
        return clean(ox, oy) + (fx < fy ? clean(fx, fy) : "")
    }

    enum PronounPhrase { case none, demonstrative, object }

    /// The phrase `[a, b)` stands for an earlier subject: a demonstrative with only conjunctions and
    /// adverbs after it (这虽然, 此), or a pronoun as the object of 将/把 (现时将它 — the figure is then the
    /// thing's revised value).
    func pronounPhrase(_ a: Int, _ b: Int) -> PronounPhrase {
        guard a < b else { return .none }
        if let l = Self.pronouns.prefix(s, at: a, limit: b) {
            var k = a + l
            while k < b, let w = Self.discourseWords.prefix(s, at: k, limit: b) { k += w }
            if k == b { return .demonstrative }
        }
        if let l = Self.pronouns.suffix(s, before: b, limit: a), b - l - 1 >= a {
            let marker = ScriptFold.simplified(s[b - l - 1])
            if marker == u("将") || marker == u("把") { return .object }
        }
        return .none
    }

    /// 优于72%的考核目标 / 高于3%的控制线: a figure after a comparison head, followed by 的 and a
    /// reference noun (a target, standard or level), is that reference's value: the noun, else nil.
    /// The clause before the figure (`[clauseStart, prefixStart)`, its qualifier excluded) holds only a
    /// comparison head or nothing (the head was read as the qualifier: 低于4.5%).
    func referenceNounAfter(_ suffixEnd: Int, clauseStart: Int, prefixStart: Int) -> String? {
        let n = s.count
        var k = suffixEnd
        while k < n, CharClass.isSpace(s[k]) { k += 1 }
        guard k < n, s[k] == u("的") else { return nil }
        var (a, b) = (clauseStart, prefixStart)
        while a < b, CharClass.isSpace(s[a]) { a += 1 }
        while b > a, CharClass.isSpace(s[b - 1]) { b -= 1 }
        guard a == b || PredicateLexicon.referenceHeads.prefix(s, at: a, limit: b) == b - a else { return nil }
        var e = k + 1
        while e < n, e - k <= 10, !CharClass.isBreak(s[e]) { e += 1 }
        guard e < n, e - k <= 10, CharClass.isBreak(s[e]),
            Self.referenceNouns.suffix(s, before: e, limit: k + 1) != nil
        else { return nil }
        let (x, y) = trim(k + 1, e)
        return x < y ? clean(x, y) : nil
    }

    /// Nouns naming what a figure is compared with: targets, standards, levels, lines.
    static let referenceNouns = WordList("目标 标准 水平 要求 任务 计划 指标 平均水平 平均值 均值 控制线 警戒线 红线 底线 基准")

    static let pronouns = WordList("这 这个 这些 此 它 它们 其 该")
    /// 雖 has no entry in the fold table, so its traditional forms are listed.
    static let discourseWords = WordList("虽然 虽 雖然 雖 但 但是 仍 仍然 也 却 卻 还 就 则 亦 只 已")
}
