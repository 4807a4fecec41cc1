/// The subject of a change: the indicator, the comparison it is made against and what changes.
///
/// One indicator is often compared several ways in one article (余额比年初增加…，同比多增…，同比增长…%),
/// so the row header names the comparison: 存款余额比年初增加, 存款同比多增, 存款余额同比增速. A rate
/// (a change in percent) is named by its rate noun (增速, 涨幅, 降幅); an amount by its change word.
enum ChangeSubject {
    /// - Parameter comparison: the comparison phrase as it goes into the subject (同比, 比年初, 高于全国).
    static func compose(
        base: String, _ found: SubjectFinder.Result, comparison: String, kind: MetricKind?, in s: [UInt32]
    ) -> String {
        guard found.change, !base.isEmpty, !comparison.isEmpty || found.changeWord != nil else { return base }
        var out = base
        if !comparison.isEmpty, !InertText.hasSuffix(base, comparison) { out += comparison }
        if endsWithRateNoun(base) {
            // 增速较去年同期回落4.98个百分点: the rate itself changes.
            if let w = found.changeWord { out += SubjectFinder(s: s).compact(w) }
            return out
        }
        // A rate is named by its noun after 同比/环比 or no comparison (同比增速); after a named base the
        // verb reads on (比上年增长, 较年初上涨).
        if kind == .percent, comparison.isEmpty || Self.isPlainPeriodComparison(comparison) {
            // 本地生产总值的增长 / 出口增长预测: a base whose tail already names the growth takes no rate noun.
            if let w = found.changeWord, comparison.isEmpty, periodBasis(of: w, in: s) != nil {
                out += SubjectFinder(s: s).compact(w) + "幅"  // 年增40.1% / 季增13.6% → 营收年增幅, 营收季增幅
            } else if !namesChange(base) {
                out += rateNoun(found, in: s)
            }
        } else if let w = found.changeWord {
            let word = SubjectFinder(s: s).compact(w)
            if !InertText.hasSuffix(base, word) { out += word }
        }
        return out
    }

    /// 同比 / 环比 / 環比 (as `==` would answer).
    private static func isPlainPeriodComparison(_ c: String) -> Bool {
        // One inertness test for the three words (inert themselves): between inert strings `==` is byte equality.
        guard InertText.isInert(c) else { return c == "同比" || c == "环比" || c == "環比" }
        return c.utf8.count == 6
            && (InertText.sameBytes(c, "同比") || InertText.sameBytes(c, "环比") || InertText.sameBytes(c, "環比"))
    }

    /// The extent of the change its verb names: 涨幅 for a price rise (涨), 升幅 for a rise (上升), 跌幅 for a
    /// fall (下跌), else 增速 for a growth and 降幅 for a decrease.
    static func rateNoun(_ found: SubjectFinder.Result, in s: [UInt32]) -> String {
        let word = found.changeWord.map { w in w.map { ScriptFold.simplified(s[$0]) } } ?? []
        if found.direction == .down { return word.contains(u("跌")) ? "跌幅" : "降幅" }
        if word.contains(u("涨")) { return "涨幅" }
        if word.contains(u("升")) { return "升幅" }
        return "增速"
    }

    /// A change word that names its comparison (Taiwan press: 年增/年减 = year on year, 季增/月增/季减/月减 =
    /// on the previous quarter or month): the basis it states, else nil.
    static func periodBasis(of word: Range<Int>, in s: [UInt32]) -> ChangeBasis? {
        guard word.count == 2 else { return nil }
        let second = ScriptFold.simplified(s[word.upperBound - 1])
        guard second == u("增") || second == u("减") else { return nil }
        switch s[word.lowerBound] {
        case u("年"): return .previousYear
        case u("季"), u("月"): return .previousPeriod
        default: return nil
        }
    }

    /// `base` ends with a change word of two or more characters (本地生产总值的增长), or with one and a
    /// forecast noun (出口增长预测); 增加值 is a noun, not a change.
    static func namesChange(_ base: String) -> Bool {
        // A last character that ends none of the words answers without decoding the base.
        guard let last = ScalarEnds.last(base),
            SubjectFinder.estimateVerbs.mayEnd(with: last) || PredicateLexicon.increase.mayEnd(with: last)
                || PredicateLexicon.decrease.mayEnd(with: last)
        else { return false }
        let a = [UInt32](base)
        var end = a.count
        if let l = SubjectFinder.estimateVerbs.suffix(a, before: end, limit: 0), l < end { end -= l }
        return (PredicateLexicon.increase.suffix(a, before: end, limit: 0) ?? 0) >= 2
            || (PredicateLexicon.decrease.suffix(a, before: end, limit: 0) ?? 0) >= 2
    }

    static func endsWithRateNoun(_ subject: String) -> Bool {
        guard let last = ScalarEnds.last(subject), rateNouns.mayEnd(with: last) else { return false }
        let a = [UInt32](subject)
        return rateNouns.suffix(a, before: a.count, limit: 0) != nil
    }

    /// 增幅 / 增速 / 降幅 alone (nothing it is the rate of).
    static func isBareRateNoun(_ subject: String) -> Bool {
        guard subject.utf8.count == 6 else { return false }  // two CJK characters
        let a = [UInt32](subject)
        return rateNouns.suffix(a, before: 2, limit: 0) == 2
    }

    static let rateNouns = WordList("增速 增幅 涨幅 降幅 跌幅 减幅 減幅 增长率 增長率 年增率 增长速度 降速 比重 占比")
}
