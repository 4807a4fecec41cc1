/// Comparisons before a change word: 同比, 比上年, 较去年同期, 与上年相比, 高于全国 — where they start,
/// so the subject can name them and `BasisReader` can classify them.
extension SubjectFinder {
    /// Records the change word `s[e-l..<e]` and the comparison phrase before it, moving `e` before both.
    func markChange(_ r: inout Result, _ cs: Int, _ e: inout Int, _ l: Int) {
        r.changeWord = (e - l)..<e
        e -= l
        let verbStart = e
        e = stripComparison(cs, e)
        // 比2019年底分别提升: adverbs between the base and the verb are not part of the comparison.
        var end = verbStart
        while end > e,
            let l = PredicateLexicon.particles.suffix(s, before: end, limit: e)
                ?? PredicateLexicon.degreeAdverbs.suffix(s, before: end, limit: e)
        {
            end -= l
            // 同比分别增长13.2%、15%: 分别 between the comparison and the verb still opens a list. With names
            // in this clause their shared phrase ends before the comparison (…销售额 | 同比); without
            // (，比上年底分别提升) the list is the clause before's.
            if l == 2, s[end] == u("分"), ScriptFold.simplified(s[end + 1]) == u("别") {
                r.distributive = (cs..<e).contains(where: { !CharClass.isSpace(s[$0]) }) ? e : end
            }
        }
        r.comparison = e < end ? e..<end : nil
    }

    /// 高于全国 / 低于控制目标 / 超年度目标 right before the figure: the head and its direction.
    func referenceHead(_ cs: Int, _ e: Int) -> (start: Int, direction: Direction)? {
        var k = e - 2
        while k >= cs, e - k <= 10 {
            // Only a character outside the ideographs (U+3400–U+9FFF) can be a break.
            let c = s[k]
            guard Self.isReferenceFirst(c) else {
                if !(c >= 0x3400 && c < 0xA000), CharClass.isBreak(c) { return nil }
                k -= 1
                continue
            }
            // 超年度目标121.76万人: a bare 超 before a target (目标, 计划, 任务) is a comparison with it.
            let overTarget =
                s[k] == u("超") && k + 1 < e && SubjectContext.targetWords.suffix(s, before: e, limit: k + 1) != nil
            if let l = overTarget ? 1 : PredicateLexicon.referenceHeads.prefix(s, at: k, limit: e), k + l < e,
                k == cs || s[k - 1] != u("不")
            {
                let up = s[k] == u("高") || s[k] == u("超") || s[k] == u("优") || s[k] == u("快") || s[k] == u("多")
                return (k, up ? .up : .down)
            }
            k -= 1
        }
        return nil
    }

    /// 较去年第四季的4.3%为低 (Hong Kong: lower than last quarter's 4.3%): a clause opening with 较/比 and
    /// its base, then 的 and the figure, names the base's own value of the same indicator, like 低于…的.
    /// So does 较 after the indicator (跌幅较九月份的5.9%明显收窄: 5.9% is September's 跌幅); 比 only opens
    /// the clause (比重, 占比 are words).
    func comparedBase(_ cs: Int, _ e: Int) -> (start: Int, direction: Direction)? {
        var k = cs
        while k < e, CharClass.isSpace(s[k]) { k += 1 }
        if k + 2 < e, s[k] != u("比"), ScriptFold.simplified(s[k]) != u("较") {
            var m = k + 1
            while m + 2 < e, ScriptFold.simplified(s[m]) != u("较") || s[m - 1] == u("比") { m += 1 }
            guard m + 2 < e else { return nil }
            for j in k..<m where PredicateLexicon.verbs.prefix(s, at: j, limit: m) != nil { return nil }
            k = m
        }
        guard k + 2 < e, s[k] == u("比") || ScriptFold.simplified(s[k]) == u("较") else { return nil }
        for m in (k + 1)..<e where PredicateLexicon.verbs.prefix(s, at: m, limit: e) != nil { return nil }
        return (k, .down)
    }

    /// 多/少/快/慢/高/低 are changes only after a comparison (比上年多3个, 比城镇居民快0.9个百分点).
    static let comparatives = ScalarSet("多少快慢高低")
    /// First characters of the reference heads (高于 低于 超过 …): most positions fail here,
    /// without hashing.
    @inline(__always)
    static func isReferenceFirst(_ c: UInt32) -> Bool {
        switch c {
        case 0x9AD8, 0x4F4E, 0x8D85, 0x4F18, 0x5FEB, 0x6162, 0x591A, 0x5C11: return true  // 高低超优快慢多少
        default: return false
        }
    }

    func hasComparison(_ a: Int, _ b: Int) -> Bool {
        var k = b - 1
        while k >= a, b - k <= 12 {
            if s[k] == u("比") || s[k] == u("较") || s[k] == u("較") { return true }
            k -= 1
        }
        return false
    }

    /// Drops 同比 / 比上年 / 较去年同期 / 与上年相比 from the end of `[a, e)`.
    func stripComparison(_ a: Int, _ e0: Int) -> Int {
        var e = e0
        while e > a, CharClass.isSpace(s[e - 1]) || s[e - 1] == u("了") { e -= 1 }
        // 按年大幅增长 / 同比轻微下跌: an adverb of degree says how much, not what changes.
        while let l = PredicateLexicon.degreeAdverbs.suffix(s, before: e, limit: a), e - l >= a { e -= l }
        // 按年实质上升: an adverb of measurement between the comparison and the change word.
        if let l = SubjectContext.measureAdverbs.suffix(s, before: e, limit: a), e - l - 2 >= a { e -= l }
        if e - 2 >= a, (s[e - 2] == u("同") || ScriptFold.simplified(s[e - 2]) == u("环")) && s[e - 1] == u("比") {
            return e - 2
        }
        // 按年上升 / 按季下跌 (Hong Kong: year on year, quarter on quarter).
        if e - 2 >= a, s[e - 2] == u("按"), s[e - 1] == u("年") || s[e - 1] == u("季") || s[e - 1] == u("月") {
            return e - 2
        }
        if e - 2 >= a, s[e - 2] == u("相") && s[e - 1] == u("比") {
            var k = e - 3
            while k >= a, e - k <= 14 {
                if ScriptFold.simplified(s[k]) == u("与") || s[k] == u("和") || s[k] == u("同") || s[k] == u("跟") {
                    return k
                }
                k -= 1
            }
            return e - 2
        }
        var k = e - 1
        while k >= a, e - k <= 12 {
            if s[k] == u("比") || s[k] == u("较") || s[k] == u("較") {
                // 同比上年 / 环比上月: the 同/环 belongs to the comparison.
                // 同比上年 / 环比上月 / 相较去年同期: the first character belongs to the comparison.
                if k - 1 >= a, s[k - 1] == u("同") || ScriptFold.simplified(s[k - 1]) == u("环") || s[k - 1] == u("相") {
                    return k - 1
                }
                return k
            }
            if CharClass.isBreak(s[k]) { break }
            k -= 1
        }
        return e
    }
}
