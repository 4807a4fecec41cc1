/// 实施重点项目12个，总投资9.5亿元: after a count of things (in a one-character counter of things), a bare attribute of a set (its total
/// investment, area, length, amount) in the same sentence is that set's: 重点项目总投资. The attribute
/// alone names no thing of its own, and the count before it is what it totals.
enum SetAttribute {
    /// The attributes, whole: what a report states of a set of projects, sites, roads or funds.
    static let words = WordList(
        """
        总投资 总投资额 计划总投资 计划投资 完成投资 投资 投资额 总面积 面积 建筑面积 总建筑面积 占地面积 \
        总长度 长度 总里程 里程 总长 总金额 金额 总额 总规模 规模 总产值 产值 总容量 容量 总库容 库容 总装机容量 装机容量 \
        资金 总资金 \
        协议投资 协议总投资 协议投资额 合同投资 合同外资 合同金额 签约金额 到位资金 实际到位资金 年产值 新增年产值
        """)

    /// The set named by a count's subject, without the verb that opens it (实施重点项目 → 重点项目): the
    /// attribute is the set's, whatever was done to it.
    static func set(_ counted: String) -> String {
        let a = [UInt32](counted)
        guard let l = PredicateLexicon.verbs.prefix(a, at: 0, limit: a.count), a.count - l >= 2 else { return counted }
        return String(scalars: a[l...])
    }

    /// Measure words of people and households (惠及居民897万户): a count of them is no set of things
    /// with an investment or an area. Compound counters (人次) are never recorded either.
    static let peopleCounters = ScalarSet("人名户位口员")

    /// Whether `subject` is exactly one of `words` (two to six ideographs, told first from its bytes).
    @inline(__always)
    static func isAttribute(_ subject: String) -> Bool {
        let bytes = subject.utf8.count
        guard bytes >= 6, bytes <= 18, let first = ScalarEnds.first(subject), words.mayStart(with: first) else {
            return false
        }
        let a = [UInt32](subject)
        return words.prefix(a, at: 0, limit: a.count) == a.count
    }
}
