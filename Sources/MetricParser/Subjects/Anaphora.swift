/// A demonstrative with a noun of figures (这一数字, 这个比例, 该数据, 此一指标) stands for the last
/// figure's row header, also across a sentence end within one paragraph: 国防支出占比也在三％以上。其后这一
/// 数字明显下降，长期低于三％ → 国防支出占比. So does 相应/对应 + such a noun (去年同期的相應數字為20,000元).
enum Anaphora {
    static let demonstratives = WordList("这一 这个 这些 此一 此 该 这 相应 对应")
    static let figureNouns = WordList("数字 数据 数值 比例 比率 比重 指标 数目 数额 水平")

    /// Whether `subject` is exactly demonstrative + figure noun: three to five ideographs (nine to
    /// fifteen UTF-8 bytes), told first from the byte count (free) for most subjects.
    @inline(__always)
    static func isAnaphor(_ subject: String) -> Bool {
        let bytes = subject.utf8.count
        return bytes >= 9 && bytes <= 15 && isShortAnaphor(subject)
    }

    private static func isShortAnaphor(_ subject: String) -> Bool {
        // Most subjects start with no demonstrative: answered before decoding them.
        guard let first = ScalarEnds.first(subject), demonstratives.mayStart(with: first) else { return false }
        let a = [UInt32](subject)
        guard a.count >= 3, a.count <= 5, let d = demonstratives.prefix(a, at: 0, limit: a.count) else { return false }
        return figureNouns.prefix(a, at: d, limit: a.count) == a.count - d
    }

    /// 前者 / 后者 opening a subject (前者按年增加, 后者则因…而): 0 or 1, the first or the second of the
    /// two names a 分别 list just paired; what follows is a predicate of theirs, not a name.
    static func formerOrLatter(_ subject: String) -> Int? {
        guard subject.utf8.count >= 6, subject.unicodeScalars.dropFirst().first == "者" else { return nil }
        guard let first = ScalarEnds.first(subject) else { return nil }
        switch ScriptFold.simplified(first) {
        case u("前"): return 0
        case u("后"): return 1
        default: return nil
        }
    }

    /// A verb of conversion alone or with the currency converted into (折合, 折合人民币, 折算成美元): the
    /// figure restates the sentence's last one in another unit, so it has that figure's subject.
    static func isConversion(_ subject: String) -> Bool {
        let bytes = subject.utf8.count
        guard bytes >= 6, bytes <= 27, let first = ScalarEnds.first(subject), conversions.mayStart(with: first) else {
            return false
        }
        let a = [UInt32](subject)
        guard let l = conversions.prefix(a, at: 0, limit: a.count) else { return false }
        return l == a.count || CurrencyLexicon.names.prefix(a, at: l, limit: a.count) == a.count - l
    }

    static let conversions = WordList("折合 折合成 折合为 折算 折算成 折算为 换算成 换算为 合计约")

    /// 該行業失業率 after 博彩及博彩中介業就業人口: 该 + a category noun (行业, 企业, 项目 …) stands for the
    /// name of that category the last subject opens with, the shortest prefix of it ending as the category
    /// does (博彩及博彩中介業), with the rest of this subject after it. Nil when the last subject has none.
    static func namedByCategory(_ subject: String, last: String) -> String? {
        guard subject.utf8.count >= 9, let first = ScalarEnds.first(subject), ScriptFold.simplified(first) == u("该")
        else { return nil }
        let a = [UInt32](subject)
        guard let l = categories.prefix(a, at: 1, limit: a.count) else { return nil }
        let final = ScriptFold.simplified(a[l])
        let p = [UInt32](last)
        guard let end = p.indices.dropFirst(2).first(where: { ScriptFold.simplified(p[$0]) == final }) else {
            return nil
        }
        return String(scalars: p[...end]) + String(scalars: a[(1 + l)...])
    }

    static let categories = WordList("行业 产业 企业 项目 公司 医院 学校 机构 园区 地区 景区 口岸")

    /// Subjects that are only a time adverb (长期低于三％): they name nothing.
    static let timeAdverbs = WordList(timeAdverbWords)
    private static let timeAdverbWords = "长期 一直 始终 历来 向来 依然 仍然 至今"
    /// UTF-8 bytes of the longest time adverb at most (four a scalar): a longer subject is none, told
    /// without decoding it.
    private static let timeAdverbBytes =
        4 * (timeAdverbWords.split(separator: " ").map(\.unicodeScalars.count).max() ?? 0)

    /// Inlined: most subjects are longer than any time adverb, answered without a call.
    @inline(__always)
    static func isTimeAdverb(_ subject: String) -> Bool {
        let bytes = subject.utf8.count
        return bytes > 0 && bytes <= timeAdverbBytes && isShortTimeAdverb(subject)
    }

    private static func isShortTimeAdverb(_ subject: String) -> Bool {
        guard let first = ScalarEnds.first(subject), timeAdverbs.mayStart(with: first) else { return false }
        let a = [UInt32](subject)
        return !a.isEmpty && timeAdverbs.prefix(a, at: 0, limit: a.count) == a.count
    }
}
