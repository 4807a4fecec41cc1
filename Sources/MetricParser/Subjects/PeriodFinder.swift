/// The period a sentence states for its figures: "2019年全市新组建…" → "2019",
/// "2019年上半年…" → "2019年上半年", "2016-2019年" → "2016-2019".
enum PeriodFinder {
    static let suffixes = WordList(
        """
        上半年 下半年 全年 年末 年底 年初 末 底 一季度 二季度 三季度 四季度 第一季度 第二季度 第三季度 第四季度 \
        前三季度 前两季度 前三个季度 1-6月 1-9月 1-3月 1-11月 1-12月 1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月
        """)
    /// Words before a year that make it a comparison base or a start point, not the period.
    static let notPeriodBefore = ScalarSet("比较与同和从自较")
    static let notPeriodAfter = WordList("以来 起 以前 之前 前 开始 相比 同期 以后 之后 后")

    /// `years`: year quantities (normalized offsets, ascending). Returns the nearest one before
    /// `position` in the same sentence that states a period.
    static func period(_ s: [UInt32], years: [RawQuantity], sentenceStart: Int, position: Int) -> String? {
        // The best year's index, not a copy: a quantity (with its unit String) copied per year read
        // cost more than the tests.
        var best: Int? = nil
        // Years are sorted: start at the sentence (binary search) so the cost per figure does not
        // grow with the article.
        var lo = 0, hi = years.count
        while lo < hi {
            let mid = (lo + hi) / 2; if years[mid].start < sentenceStart { lo = mid + 1 } else { hi = mid }
        }
        for k in lo..<years.count {
            let start = years[k].start, end = years[k].end
            if start >= position { break }
            guard end <= position else { continue }
            let before = NonMetricFilter.precedingChar(s, start)
            if notPeriodBefore.contains(ScriptFold.simplified(before)) { continue }  // 較111年, 與去年
            if notPeriodAfter.prefix(s, at: end, limit: min(s.count, end + 3)) != nil { continue }
            best = k
        }
        guard let best else { return nil }
        let end = years[best].end
        let yearText: String
        if let lo = years[best].lower, let hi = years[best].upper, hi != lo {
            yearText = "\(Int(lo))-\(Int(hi))"
        } else {
            // 民國112年 / 112年: a three-digit year is a Minguo year (Taiwan), 1911 + N.
            let n = Int(years[best].number)
            yearText = "\(n >= 100 && n < 200 ? n + 1911 : n)"
        }
        if let len = suffixes.prefix(s, at: end, limit: min(s.count, end + 6)) {
            return yearText + "年" + String(scalars: s[end..<(end + len)])
        }
        return yearText
    }
}
