/// 分别 before a change and a list of figures pairs them with the sentence's figures before it, in
/// order: `成交量为3526个，成交价值为175.6亿元，分别按年减少28.5%及31.2%` → 成交量按年减少 28.5%, 成交价值按年减少
/// 31.2% (each figure of the list is the same change of its own indicator).
struct DistributiveChange {
    /// The non-change figures' subjects of the current sentence, in order, with their kinds.
    private var sentence = -1
    private var bases: [(text: String, kind: MetricKind?)] = []
    /// The change the list shares and the subjects still waiting for a figure.
    private var pending: [String] = []
    private var shared: SubjectFinder.Result? = nil

    /// Room for a long sentence's subjects: growing from empty, one doubling at a time, cost
    /// several reallocations an article.
    init() { bases.reserveCapacity(16) }

    mutating func note(base: String, kind: MetricKind?, change: Bool, sentence start: Int) {
        if start != sentence {
            sentence = start
            bases.empty()
            pending.empty()
            if shared != nil { shared = nil }
        }
        if !change, !base.isEmpty { bases.append((base, kind)) }
    }

    /// At the first figure of a 分别 + change list: its subject, when the sentence has one figure before
    /// for each figure of the list (`later` joined to it by 、/及/和/与 only).
    mutating func start(
        _ s: [UInt32], _ found: SubjectFinder.Result, kind: MetricKind?, end: Int, suffixEnd: Int,
        later: ArraySlice<Range<Int>>, sentence start: Int
    ) -> String? {
        guard found.change, found.distributive != nil, start == sentence else { return nil }
        var n = 1, listEnd = suffixEnd
        // The list's figures all written in the first one's unit (17个和9个), not 120万人次和8亿元.
        var oneUnit = end > 0
        for r in later {
            guard Self.onlyJoint(s, listEnd, r.lowerBound) else { break }
            n += 1; listEnd = r.upperBound
            if oneUnit, r.upperBound < 1 || s[r.upperBound - 1] != s[end - 1] { oneUnit = false }
        }
        guard n >= 2, bases.count >= n else { return nil }
        // 50万元以上的村68个、100万元以上的村21个，分别比上年增加17个和9个: a list of changes in one count or
        // amount unit is of the figures of that kind (the thresholds in 元 are not what grew); a rate of
        // change (增长8.2%) may be of any kind, and a list in several units pairs in order.
        var own = bases.suffix(n).map(\.text)
        if oneUnit, let kind, kind != .percent, kind != .percentagePoint,
            bases.suffix(n).contains(where: { $0.kind != kind })
        {
            let same = bases.filter { $0.kind == kind }
            if same.count >= n { own = same.suffix(n).map(\.text) }
        }
        pending = Array(own.dropFirst())
        shared = found
        return own[0]
    }

    /// A figure that continues the list (及31.2%): the next subject and the shared change, else nil.
    mutating func next(_ s: [UInt32], clauseStart: Int, prefixStart: Int, sentence start: Int)
        -> (base: String, change: SubjectFinder.Result)?
    {
        // The joint opens the clause (及31.2%) or ends the one before (、14.2%).
        guard start == sentence, !pending.isEmpty, let shared,
            Self.onlyJoint(s, clauseStart, prefixStart)
                || (clauseStart > 0 && Self.onlyJoint(s, clauseStart - 1, prefixStart))
        else {
            pending = []
            return nil
        }
        return (pending.removeFirst(), shared)
    }

    /// `[a, b)` is one list joint (、及和与) and spaces.
    static func onlyJoint(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var joints = 0
        for k in a..<max(a, b) where !CharClass.isSpace(s[k]) {
            guard Self.joints.contains(ScriptFold.simplified(s[k])) else { return false }
            joints += 1
        }
        return joints == 1
    }

    static let joints = ScalarSet("、及和与")
}
