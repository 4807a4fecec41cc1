/// Completes a subject that only makes sense with the figure before it in the same sentence.
///
/// Reports chain figures about one thing: 民营企业进出口5372.0亿元，增长10.4%，占比65.0%，提高2.3个百分点.
/// Read alone, the clauses name nothing (增长), a fragment (比) or the denominator (占出口总值的六成);
/// read in order they are all about 民营企业进出口.
enum SubjectContext {
    /// - Parameter buffer: scratch for the scalars of a short subject, kept by the caller from one
    ///   figure to the next (an array decoded a figure cost more than the tests that read it).
    static func resolve(
        _ found: SubjectFinder.Result, kind: MetricKind?, previous: String?, buffer: inout [UInt32]
    ) -> String {
        let subject = found.subject
        // 机电产品出口3190.5亿元，占出口总值的六成 → 机电产品出口占出口总值比重.
        if let base = found.shareBase {
            // 女党员3.1万名，占25.2%: the share of the last subject in a whole the text leaves implicit.
            if base.isEmpty { return previous.map { InertText.hasSuffix($0, "占比") ? $0 : $0 + "占比" } ?? subject }
            // 占全社会用电比重为1.07%: the whole already names the share.
            return (previous ?? "") + "占" + base + (InertText.hasSuffix(base, "比重") ? "" : "比重")
        }
        // 完成全年目标任务的62.6%: a percent of a target is the completion rate of the last subject.
        if kind == .percent, let target = targetNoun(subject) {
            // 项目完成率达到年度计划的104%: a rate named before the linking verb is the figure's own
            // indicator; the plan is only what it is measured against.
            if let rate = rateBeforeLinker(subject) { return rate }
            return (previous ?? "") + target + "完成率"
        }
        guard let previous, !previous.isEmpty else { return subject }
        // 全年GDP 5000亿元，增长7.7%: a bare change or follow-up figure refers to the last subject.
        if subject.isEmpty {
            // 增幅达78.1%，为783万人次: a count after a rate is of the thing, not of the rate.
            if let kind, kind != .percent, kind != .percentagePoint, let last = ScalarEnds.last(previous),
                rateSuffixes.mayEnd(with: last)
            {
                let p = [UInt32](previous)
                if let l = rateSuffixes.suffix(p, before: p.count, limit: 0), p.count - l >= 2 {
                    return String(scalars: p[..<(p.count - l)])
                }
            }
            // 佔整體旅客約76.5%，按年增長10.8%: a growth in percent after a share is the growth of the share's
            // topic (a share changes by percentage points).
            if found.change, kind == .percent, let topic = shareTopic(previous) { return topic }
            return previous
        }
        // 甲站入境旅客为200万人次，而经乙站入境的旅客则为100万人次: a head the last subject ends with would make
        // the two one row; the 的-modifier cut from it tells them apart.
        if !found.deModifier.isEmpty, subject.unicodeScalars.count <= 2, InertText.hasSuffix(previous, subject) {
            return found.deModifier + subject
        }
        // Everything below is about short words (≤ 5 characters): most subjects skip it.
        guard subject.utf8.count <= 15 else { return subject }
        buffer.empty()
        for c in subject.unicodeScalars { buffer.append(c.value) }
        let scalars = buffer
        let n = scalars.count
        // 发生道路交通事故96起，死亡103人: a casualty verb alone counts the people of the last figure's events.
        if kind == .count, casualtyVerbs.prefix(scalars, at: 0, limit: n) == n {
            return eventHead(previous) + subject + "人数"
        }
        // 占比65.0% / 比重: the share of the last subject.
        if shareWords.prefix(scalars, at: 0, limit: n) == n {
            return InertText.hasSuffix(previous, "占比") ? previous : previous + "占比"
        }
        // 实质增长80.5% / 实际增长7%: an adverb of measurement qualifies the last subject's change.
        if measureAdverbs.prefix(scalars, at: 0, limit: n) == n { return previous + subject }
        // 总数达到1026家 / 降幅收窄: an aggregate or rate of the last subject.
        // A total is of the stock, not of the increment: 新增农民专业合作社64家，总数达到1026家 → 农民专业合作社总数.
        if aggregateWords.prefix(scalars, at: 0, limit: n) == n {
            let p = [UInt32](previous)
            guard subject.hasPrefix("总"),
                let l = PredicateLexicon.incrementVerbs.prefix(p, at: 0, limit: min(4, p.count)),
                p.count - l >= 2
            else { return previous + subject }
            return String(previous.unicodeScalars.dropFirst(l)) + subject
        }
        // 自然增幅2% / 同口径增幅6.1%: a qualified rate of the last subject.
        if n <= 4, rateSuffixes.suffix(scalars, before: n, limit: 0) != nil, !InertText.contains(previous, subject) {
            return previous + subject
        }
        // 开展普法宣传活动120余场，受众近3万人: the audience of the last subject's events.
        if kind == .count, audienceNouns.prefix(scalars, at: 0, limit: n) == n, !InertText.contains(previous, subject) {
            return stripLeadingVerb(previous) + subject
        }
        // 新增186家 / 惠及3860户: the verb acts on the last subject's thing.
        // Only for things counted or measured, and only a plain noun phrase is borrowed: 完成投资1100多亿元
        // is an amount of the action; 收集群众反映强烈的民生问题2140项，协调解决2015项 counts the action.
        if let kind, isPhysical(kind), PredicateLexicon.verbs.prefix(scalars, at: 0, limit: n) == n,
            previous.unicodeScalars.count <= 12, !InertText.contains(previous, "的"),
            !InertText.contains(previous, subject)
        {
            return subject + stripLeadingVerb(previous)
        }
        // 基金收入合计98.6亿元，支出合计87.4亿元: one of a pair of opposite indicators after the other
        // takes its scope (社会保险基金支出).
        if n == 2, let paired = pairedScope(scalars, previous) { return paired }
        // 参保人数1240.76万人，参保率在98%: a short indicator that restates the end of the last
        // subject (参保…) is about the same scope (城镇基本医疗保险).
        if n <= 5, n >= 2, let scoped = sameScope(scalars, previous) {
            // 经乙站入境的旅客为55万人次: a 的-modifier cut from the head is this figure's own scope.
            return found.deModifier.isEmpty ? scoped : found.deModifier + subject
        }
        // 城镇职工医保报销比例为85.2%，居民医保为70.6%: a short scope ending in a word that closes the last
        // subject's scope (…医保) is a sibling scope of the same indicator.
        if n >= 3, n <= 5, let sibling = siblingScope(scalars, previous, share: kind == .percent) { return sibling }
        // 建成村卫生室300个，覆盖率达100%: a bare rate (…率) after a figure is the rate of that figure's thing.
        if kind == .percent, n >= 2, n <= 3, scalars[n - 1] == u("率"), previous.unicodeScalars.count <= 12,
            !InertText.contains(previous, "的"), !InertText.contains(previous, subject),
            !InertText.hasSuffix(previous, "率")
        {
            // 出生人口5.2万人，出生率为8.56‰: a rate whose stem the last subject already holds names its thing.
            if n == 3, InertText.contains(previous, String(scalars: scalars[..<2])) { return subject }
            return stripLeadingVerb(previous) + subject
        }
        // 其中省级9家: a level of the last subject's thing. The level replaces the one the last subject
        // opens with (县级以上龙头企业47家，其中国家级2家、省级13家 → 国家级龙头企业, 省级龙头企业).
        if n <= 3, let last = scalars.last, ScriptFold.simplified(last) == u("级") {  // 省級
            return subject + withoutLeadingLevel(stripLeadingVerb(previous))
        }
        return subject
    }

    /// The part a share is of (内地旅客占整体旅客比重 → 内地旅客, 民营企业进出口占比 → 民营企业进出口), or nil.
    static func shareTopic(_ previous: String) -> String? {
        // The last character first: most subjects are no share, told without decoding them.
        guard let end = ScalarEnds.last(previous), end == u("重") || end == u("比") || end == u("例") else {
            return nil
        }
        let p = [UInt32](previous)
        guard p.count >= 4, let k = p.lastIndex(where: { $0 == u("占") || $0 == u("佔") }), k >= 2 else {
            return nil
        }
        return String(scalars: p[..<k])
    }

    /// What befalls people in an accident or a disaster.
    static let casualtyVerbs = WordList("死亡 受伤 遇难 失踪 重伤 轻伤 伤亡 死伤 獲救 获救 被困 溺亡 罹难 罹難")
    /// Events whose casualties are counted: 事故, 火灾, disasters, cases.
    static let eventNouns = WordList("事故 火灾 火災 灾害 災害 灾情 災情 地震 洪涝 台风 颱風 山洪 泥石流 滑坡 险情 險情 案件 事件")

    /// `previous` up to the end of the first event noun in it, without the verb of occurring before it
    /// (发生道路交通事故致人死亡的案件 → 道路交通事故), or "".
    static func eventHead(_ previous: String) -> String {
        let p = [UInt32](previous)
        let from =
            p.count > 2 && ScriptFold.simplified(p[0]) == u("发") && ScriptFold.simplified(p[1]) == u("生") ? 2 : 0
        for i in from..<p.count {
            if let l = eventNouns.prefix(p, at: i, limit: p.count) { return String(scalars: p[from..<(i + l)]) }
        }
        return ""
    }

    /// Averages over time, heads or events (平均每日's 每日 goes with the unit, 平均 stays).
    static let averageWords = WordList(
        "平均 日均 月均 年均 周均 人均 户均 村均 县均 乡均 镇均 校均 企均 亩均 场均 次均 平均每天 平均每日 平均每月")
    /// Whole-period words a total's subject may hold (去年运量) that its average does not.
    static let totalPeriods = WordList("全年 去年 今年 当年 本年 上年 年内 全月 当月 本月 上半年 下半年 全期")

    /// A subject that is an average word and nothing else (人均, 平均 of 平均每日).
    static func isAverageAlone(_ subject: String) -> Bool {
        // The first character first (most subjects open with none of the words), then the words.
        guard subject.utf8.count <= 15, let first = ScalarEnds.first(subject), averageWords.mayStart(with: first)
        else { return false }
        let a = [UInt32](subject)
        return averageWords.prefix(a, at: 0, limit: a.count) == a.count
    }

    /// `average` of `previous`'s indicator: in place of a whole-period word in it (国道客运去年运量 →
    /// 国道客运平均运量), else before it (接待游客人次 → 日均接待游客人次).
    static func averaged(_ average: String, _ previous: String) -> String {
        let p = [UInt32](previous)
        for i in 0..<p.count {
            if let l = totalPeriods.prefix(p, at: i, limit: p.count) {
                return String(scalars: p[..<i]) + average + String(scalars: p[(i + l)...])
            }
        }
        return average + previous
    }

    static let measureAdverbs = WordList("实质 实际 名义 实质上 按实质计 按可比价格计算 扣除价格因素")
    static let rateSuffixes = WordList("增幅 降幅 增速 涨幅 跌幅 减幅")
    /// Things counted or measured (.count, .area, .length, .mass, .volume).
    static func isPhysical(_ kind: MetricKind) -> Bool {
        switch kind {
        case .count, .area, .length, .mass, .volume: true
        default: false
        }
    }
    static let shareWords = WordList("比 占比 比重 所占比重 占比重")
    static let aggregateWords = WordList("总数 总量 总额 总值 总计 合计 总规模 降幅 增幅 增速 跌幅 涨幅 规模")

    /// `subject` when it ends in a target noun (目标任务, 全年任务, 计划), without a figure inside it
    /// (全年35万目标任务 → 目标任务); else nil.
    static func targetNoun(_ subject: String) -> String? {
        // Cheap first: the last character of 目标 / 任务 / 计划.
        guard let last = ScalarEnds.last(subject), last == u("标") || last == u("务") || last == u("划") else {
            return nil
        }
        let a = [UInt32](subject)
        guard targetWords.suffix(a, before: a.count, limit: 0) != nil else { return nil }
        var start = 0
        for (i, c) in a.enumerated()
        where CharClass.has(c, CharClass.asciiDigit) || c == u("万") || c == u("亿") || c == u(".") {
            start = i + 1
        }
        // 完成年度目标: the verb is already in 完成率.
        if let l = PredicateLexicon.lightVerbs.prefix(a, at: start, limit: a.count), start + l < a.count { start += l }
        return start < a.count ? String(scalars: a[start...]) : nil
    }

    static func sameScope(_ a: [UInt32], _ previous: String) -> String? {
        // Only a pair a[0] a[1] at scalar 1 or later can answer: looked for before decoding.
        guard a.count >= 2, hasPair(a[0], a[1], after: 0, in: previous) else { return nil }
        let p = [UInt32](previous)
        // 总支部 … 支部, 货物进出口总额 … 出口总额: a subject the last one already contains is another
        // indicator, narrower or wider, not the same scope.
        if contains(p, a.prefix(3)) { return nil }
        var i = 1
        while i + 1 < p.count {
            if p[i] == a[0], p[i + 1] == a[1] {
                // A scope is a noun phrase: one ending in an adverb (58个县不同程度受灾，受灾人口…) is a
                // predicate the last subject carries, not a scope of this figure.
                if predicateAdverbs.suffix(p, before: i, limit: 0) != nil { return nil }
                return String(scalars: Array(p[..<i]) + a)
            }
            i += 1
        }
        return nil
    }

    /// Adverbs of manner and extent that end a predicate, never a noun phrase.
    static let predicateAdverbs = WordList("不同程度 全部 均 都 已 已经 基本 全面 先后 陆续 相继 分别 普遍")

    /// Whether scalars `x` `y` stand next to each other in `text`, `x` at a scalar offset above `after`.
    private static func hasPair(_ x: UInt32, _ y: UInt32, after: Int, in text: String) -> Bool {
        // After scalar 0, on the UTF-8 bytes (decoding the scalars cost most of the call): the two
        // scalars' bytes can match only from a lead byte, a scalar boundary, and past byte 0 is past
        // scalar 0.
        if after == 0, let a = Unicode.Scalar(x), let b = Unicode.Scalar(y),
            let found = text.utf8.withContiguousStorageIfAvailable({ p in hasPairBytes(a, b, in: p) })
        {
            return found
        }
        var i = 0
        var last: UInt32? = nil
        for c in text.unicodeScalars {
            if c.value == y, last == x, i - 1 > after { return true }
            last = c.value
            i += 1
        }
        return false
    }

    /// The bytes of `x` then `y` in `p` from byte 1 on.
    private static func hasPairBytes(_ x: Unicode.Scalar, _ y: Unicode.Scalar, in p: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        // The two encodings, packed low byte first (at most 8 bytes): no array a call.
        var packed: UInt64 = 0, n = 0
        UTF8.encode(x) {
            packed |= UInt64($0) << (8 * n)
            n += 1
        }
        UTF8.encode(y) {
            packed |= UInt64($0) << (8 * n)
            n += 1
        }
        let first = UInt8(truncatingIfNeeded: packed)
        var i = 1
        while i + n <= p.count {
            if p[i] == first {
                var k = 1
                while k < n, p[i + k] == UInt8(truncatingIfNeeded: packed >> (8 * k)) { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    private static func contains(_ p: [UInt32], _ w: ArraySlice<UInt32>) -> Bool {
        guard let first = w.first, w.count <= p.count else { return false }
        var i = 0
        while i + w.count <= p.count {
            if p[i] == first, p[i..<(i + w.count)].elementsEqual(w) { return true }
            i += 1
        }
        return false
    }

    /// The part of `subject` before a linking verb (达到, 达, 为) when it ends in 率 and has two
    /// characters or more (项目完成率达到年度计划 → 项目完成率); else nil.
    static func rateBeforeLinker(_ subject: String) -> String? {
        let a = [UInt32](subject)
        var k = 2
        while k < a.count {
            if a[k - 1] == u("率"), let l = rateLinkers.prefix(a, at: k, limit: a.count), k + l < a.count {
                return String(scalars: a[..<k])
            }
            k += 1
        }
        return nil
    }

    /// `previous` with its last word replaced by `a`, when `a` and that word are a pair of opposite
    /// indicators (收入/支出, 出口/进口, 流入/流出, 存款/贷款, 买入/卖出, 借方/贷方) and a scope stands before it.
    static func pairedScope(_ a: [UInt32], _ previous: String) -> String? {
        let x = ScriptFold.simplified(a)
        guard let partner = oppositeIndicators[x] else { return nil }
        let p = [UInt32](previous)
        // 货物进出口…，进口…: a partner inside a compound (进出口, 收支) is no word of its own.
        guard p.count >= 4, ScriptFold.simplified(Array(p[(p.count - 2)...])) == partner,
            ScriptFold.simplified(p[p.count - 3]) != x[0]
        else { return nil }
        return String(scalars: p[..<(p.count - 2)] + a)
    }

    static let oppositeIndicators: [[UInt32]: [UInt32]] = {
        var m: [[UInt32]: [UInt32]] = [:]
        for (a, b) in [("收入", "支出"), ("出口", "进口"), ("流入", "流出"), ("存款", "贷款"), ("买入", "卖出"), ("借方", "贷方")] {
            m[[UInt32](a)] = [UInt32](b); m[[UInt32](b)] = [UInt32](a)
        }
        return m
    }()

    /// Verbs relating a figure to the last one's events (涉及医疗费用21.4亿元).
    /// Verbs relating a figure to what the last figure's events reach: involve (涉及, 涵盖, 牵涉) and benefit
    /// (惠及: 完成泵房改造54座，惠及居民8600余户).
    static let relatingVerbs = WordList("涉及 涉及到 涵盖 牵涉 惠及")

    /// 异地就医直接结算63.8万人次，涉及医疗费用21.4亿元: a clause opening with a relating verb counts what
    /// the last figure's events involve; `subject` (what follows the verb) with the last subject and the verb.
    static func involved(_ subject: String, verb: String, previous: String?) -> String? {
        guard let previous, !previous.isEmpty, !subject.isEmpty, !InertText.contains(subject, previous) else {
            return nil
        }
        // …的事业单位有182家，涉及职工4316人: a person count keeps its action (涉及职工), so the verb is there once.
        return stripLeadingVerb(previous) + (InertText.hasPrefix(subject, verb) ? subject : verb + subject)
    }

    /// `a` (a short scope) with the last subject's indicator: when the last two characters of `a` stand
    /// within the first six of `previous` but `a` does not open it, `a` replaces what `previous` opens
    /// with up to them (居民医保 + 职工医保统筹基金…报销比例 → 居民医保统筹基金…报销比例); else nil.
    /// Only a percent (`share`) is a sibling of a share (…东盟进出口占全省外贸总值比重；对欧盟进出口974.2亿元 is
    /// 欧盟进出口 itself).
    static func siblingScope(_ a: [UInt32], _ previous: String, share: Bool) -> String? {
        let n = a.count
        // Most subjects end in no pair of the last one: told on its bytes, before decoding it.
        guard n >= 2, hasPair(a[n - 2], a[n - 1], after: 0, in: previous) else { return nil }
        let p = [UInt32](previous)
        guard p.count >= n + 4, p[0] != a[0] else { return nil }
        var j = 1
        while j + 1 < min(p.count, 7) {
            if p[j] == a[n - 2], p[j + 1] == a[n - 1] {
                // The scope word ends there: what follows is the indicator (at least four characters).
                guard p.count - (j + 2) >= 4, !contains(p, a[...]) else { return nil }
                // 吸引群众参与…；接待群众4.2万人次: a verb and its object is an action of its own, not a scope.
                if PredicateLexicon.verbs.prefix(a, at: 0, limit: n) != nil { return nil }
                if !share, ScriptFold.simplified(p[j + 2]) == u("占") { return nil }
                return String(scalars: a + p[(j + 2)...])
            }
            j += 1
        }
        return nil
    }

    /// Who an event reaches: its audience (受众, 观众, 听众), readers and participants.
    static let audienceNouns = WordList("受众 观众 听众 读者 参与者 参加者 参与人数 参加人数 参与人次 参加人次")

    static let rateLinkers = WordList("达到 达 为 為 達到 達")

    static let targetWords = WordList("目标 任务 目标任务 计划 年度目标 年度任务")

    /// `s` without the level it opens with: up to three characters and 级, then 以上/以下/及以上 (县级以上,
    /// 国家级, 五星级); `s` itself when it opens with none or nothing would be left of it.
    static func withoutLeadingLevel(_ s: String) -> String {
        let a = [UInt32](s)
        guard let k = a.prefix(4).firstIndex(where: { ScriptFold.simplified($0) == u("级") }), k >= 1 else { return s }
        var rest = k + 1
        if let l = levelBounds.prefix(a, at: rest, limit: a.count) { rest += l }
        return a.count - rest >= 2 ? String(scalars: a[rest...]) : s
    }

    static let levelBounds = WordList("以上 以下 及以上 及以下")

    /// A subject that is one verb and nothing else (完工, 新建).
    static func isBareVerb(_ s: String) -> Bool {
        let a = [UInt32](s)
        return !a.isEmpty && a.count <= 4 && PredicateLexicon.verbs.prefix(a, at: 0, limit: a.count) == a.count
    }

    static func stripLeadingVerb(_ s: String) -> String {
        let a = [UInt32](s)
        guard let l = PredicateLexicon.verbs.prefix(a, at: 0, limit: a.count), l < a.count else { return s }
        return String(scalars: a[l...])
    }
}
