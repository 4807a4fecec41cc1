/// A demonstrative with a noun of figures (这一数字, 这个比例, 该数据, 此一指标) stands for the last
/// figure's row header, also across a sentence end within one paragraph: 国防支出占比也在三％以上。其后这一
/// 数字明显下降，长期低于三％ → 国防支出占比.
enum Anaphora {
    static let demonstratives = WordList("这一 这个 这些 此一 此 该 这")
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
