/// 由 PERIOD 的 A + 升至/降至 + PERIOD 的 B: both figures are the indicator's values, each in its own
/// period (经季节性调整的失业率由二月至四月的2.9%微升至三月至五月的3.0%; 失业率由上月的5.2%降至本月的5.0%).
/// The indicator stands before 由; the period of each figure is the phrase before its 的.
extension SubjectFinder {
    /// The frame around a figure whose clause `[cs, end)` ends in 的: (subject, period), or nil. The
    /// second figure's subject is empty (the sentence's last subject).
    func fromToFrame(_ cs: Int, _ end: Int) -> (subject: String, period: String)? {
        var e = end
        while e > cs, CharClass.isSpace(s[e - 1]) { e -= 1 }
        guard e - 1 > cs, s[e - 1] == u("的") else { return nil }
        let de = e - 1
        // The second figure: the clause opens with a 至-linker (升至, 降至, 微升至 …).
        var k = cs
        while k < de, CharClass.isSpace(s[k]) { k += 1 }
        @inline(__always) func reachingLinker(at k: Int) -> Int? {
            guard let l = PredicateLexicon.linkers.prefix(s, at: k, limit: de), l >= 2,
                ScriptFold.simplified(s[k + l - 1]) == u("至") || s[k + l - 1] == u("到")
            else { return nil }
            return l
        }
        // 回落至 is a linker of its own; 回 + 升至 takes the modifier.
        var linker = reachingLinker(at: k)
        if linker == nil, let l = Self.linkerModifiers.prefix(s, at: k, limit: de) {
            k += l
            linker = reachingLinker(at: k)
        }
        if let l = linker {
            return periodLike(k + l, de) ? ("", clean(k + l, de)) : nil  // not trimmed: the period is the text
        }
        // The first: INDICATOR 由 PERIOD 的.
        var f = de - 1
        while f > cs, de - f <= 12 {
            let c = ScriptFold.simplified(s[f])
            if c == u("由") || c == u("从") { break }
            f -= 1
        }
        guard f > cs, de - f <= 12, ScriptFold.simplified(s[f]) == u("由") || ScriptFold.simplified(s[f]) == u("从")
        else { return nil }
        let (px, py) = (f + 1, de)
        let (sx, sy) = trim(cs, f)
        guard sy - sx >= 2, periodLike(px, py), Self.earlierMarkers.prefix(s, at: px, limit: py) == nil else {
            return nil
        }
        // 将/把 OBJECT 由原来的…: a disposal, read by `disposalSubject`.
        for k in sx..<sy where ScriptFold.simplified(s[k]) == u("将") || s[k] == u("把") { return nil }
        return (clean(sx, sy), clean(px, py))
    }

    /// A short phrase with no verb, figure or break: a period such as 二月至四月, 上月, 去年同期 (digits
    /// only as months, 8月至10月).
    private func periodLike(_ a: Int, _ b: Int) -> Bool {
        guard b - a >= 2, b - a <= 12 else { return false }
        for k in a..<b {
            let digit = CharClass.has(s[k], CharClass.asciiDigit)
            if CharClass.isBreak(s[k])
                || digit && !(k + 1 < b && (CharClass.has(s[k + 1], CharClass.asciiDigit) || s[k + 1] == u("月")))
            {
                return false
            }
            if PredicateLexicon.verbs.prefix(s, at: k, limit: b) != nil { return false }
        }
        return true
    }

    /// What fuses onto a 至-linker in this frame (微升至, 回升至, 再降至): single characters such as 微, 回
    /// and 再 are no words on their own, so this is not `PredicateLexicon.degreeAdverbs`.
    static let linkerModifiers = WordList("微 略 稍 大幅 轻微 进一步 再 回")
}
