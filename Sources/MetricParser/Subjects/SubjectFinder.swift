/// Finds what a figure measures from the clause around it.
///
/// Chinese reports put the measured thing in one of three places:
/// - before a linking word: 非公企业覆盖率**达**88.8% → 非公企业覆盖率 (the topic; a long
///   modifier ending in 的 is cut to its head: 分批次分领域的轮训就有461期 → 轮训);
/// - between a verb and the number: 召开动员部署会5644场次 → 动员部署会 (a relative clause
///   ending in 的 is kept: 收集群众反映强烈的民生问题2140项);
/// - after the measure word: 压实243名两新党建工作指导员 → 两新党建工作指导员, or shared
///   across an enumeration: 印发4期、近3000本《园区党建简报》 → 《园区党建简报》.
struct SubjectFinder {
    let s: [UInt32]
    /// Whether the article reports figures for the nation and for its own region (`comparesNation`),
    /// read when a phrase first opens with 全国: most articles have none, and skip the scan.
    private let nation = NationScope()

    /// `comparesNation` of the article, computed once; shared by the finder's copies (same text).
    private final class NationScope {
        var compares: Bool? = nil
    }

    /// The article reports figures for the nation and for its own region (全国… / 全省…): 全国 is then a
    /// scope that tells figures apart, not the article's region, and stays in the subject.
    var nationIsScope: Bool {
        if let known = nation.compares { return known }
        let compares = Self.comparesNation(s)
        nation.compares = compares
        return compares
    }

    /// The word lists the rules probe, read out of their globals once per finder.
    let lex = Lexicons.shared

    init(s: [UInt32]) { self.s = s }

    /// The lexicons of the subject rules, in one shared object: every read of a `static let` is a
    /// `swift_once` call, and the peeling, trimming and verb loops read several per character.
    final class Lexicons: Sendable {
        static let shared = Lexicons()
        let actorAdverbs = PredicateLexicon.actorAdverbs
        let decrease = PredicateLexicon.decrease
        let decreaseRate = PredicateLexicon.decreaseRate
        let forwardStops = PredicateLexicon.forwardStops
        let increase = PredicateLexicon.increase
        let increaseRate = PredicateLexicon.increaseRate
        let keepWhole = PredicateLexicon.keepWhole
        let leadingNoise = PredicateLexicon.leadingNoise
        let lightVerbs = PredicateLexicon.lightVerbs
        let linkAdverbs = PredicateLexicon.linkAdverbs
        let ratioCopulas = PredicateLexicon.ratioCopulas
        let falseFriends = QualifierLexicon.falseFriends
        let linkers = PredicateLexicon.linkers
        let nominalAfterVerb = PredicateLexicon.nominalAfterVerb
        let nounsOpeningWithNoise = PredicateLexicon.nounsOpeningWithNoise
        let particles = PredicateLexicon.particles
        let pivotVerbs = PredicateLexicon.pivotVerbs
        let predicateStops = PredicateLexicon.predicateStops
        let referenceHeads = PredicateLexicon.referenceHeads
        let trailingNoise = PredicateLexicon.trailingNoise
        let holdingVerbs = PredicateLexicon.holdingVerbs
        let incrementVerbs = PredicateLexicon.incrementVerbs
        let parentheticalRemarks = PredicateLexicon.parentheticalRemarks
        let verbs = PredicateLexicon.verbs
        let rateBasis = SubjectFinder.rateBasis
        let containment = SubjectFinder.containment
        let conjunctions = SubjectFinder.conjunctions
        let auxiliaries = SubjectFinder.auxiliaries
        let comparatives = SubjectFinder.comparatives
        let clauseMarks = ClauseMarks.table
        /// What `backwardPhrase` probes at each character: a change verb or a verb ending there.
        let changeOrVerbEnds = WordList.Ends([
            PredicateLexicon.increase, PredicateLexicon.decrease, PredicateLexicon.verbs,
        ])
    }

    /// One pass over the article: 全国 and a regional 全省/全市/全区/全县/全州 both occur.
    static func comparesNation(_ s: [UInt32]) -> Bool {
        var nation = false, region = false
        var k = 0
        while k + 1 < s.count {
            if s[k] == u("全") {
                let n = ScriptFold.simplified(s[k + 1])
                if n == u("国") { nation = true } else if Self.regionChars.contains(n) { region = true }
                if nation && region { return true }
            }
            k += 1
        }
        return false
    }

    static let regionChars = ScalarSet("省市区县州")

    struct Result {
        var subject: String
        var change = false
        var direction: Direction? = nil
        /// For a change: the comparison phrase (同比, 比年初, 高于全国) and the change word as written.
        var comparison: Range<Int>? = nil
        var changeWord: Range<Int>? = nil
        /// A light verb with no object (沿海港口完成354599万吨): the indicator is the lead-in's.
        var bareLightVerb = false
        /// Where 分别 starts when the figure heads a distributive list (…分别为4.0%、43.4%和52.6%).
        var distributive: Int? = nil
        /// SUBJECT + linking word + figure (覆盖率达88.8%).
        var linked = false
        /// Where the figure's clause starts.
        var clauseStart = 0
        /// The phrase is a pronoun for an earlier subject (这, 将它), or the figure is a reference's own
        /// value (低于上年的5.1%): the sentence's last subject.
        var pronoun = false
        /// The figure is a reference's own value (低于…的5.1%, 较…的4.3%为低): what follows it is a predicate.
        var ownValue = false
        /// The share's copula says it is approximate (約為…的7成2): the figure's qualifier, when it has none.
        var approximateShare = false
        /// The texts below, out of line: most figures set none of them, and a Result is copied several
        /// times a figure (eleven inline Strings made each copy a 330-byte memcpy plus a retain and a
        /// release per String). Shared between copies until one writes (`writableDetails`).
        private var details: Details? = nil

        init(subject: String) { self.subject = subject }

        /// The X of a clause 占X的…: the figure is a share of X (of the previous figure's subject).
        var shareBase: String? {
            get { details?.shareBase }
            set { if details != nil || newValue != nil { writableDetails().shareBase = newValue } }
        }
        /// TOPIC + light verb + OBJECT (高新技术产业实现产值): the topic is scope, the object the indicator.
        var topic: String {
            get { details?.topic ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().topic = newValue } }
        }
        var indicator: String {
            get { details?.indicator ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().indicator = newValue } }
        }
        /// A 的-modifier holding the previous figure with no head of its own (2000元—3000元的为60%): the
        /// head is the last such modifier's (see `ClauseFrames`).
        var headlessModifier: String? {
            get { details?.headlessModifier }
            set { if details != nil || newValue != nil { writableDetails().headlessModifier = newValue } }
        }
        /// The head after a 的-modifier holding the previous figure (…1500元—2000元的比例 → 比例).
        var modifierHead: String {
            get { details?.modifierHead ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().modifierHead = newValue } }
        }
        /// The period a reference's own value names (低于去年第四季度的5.1% → 去年第四季度).
        var referencePeriod: String? {
            get { details?.referencePeriod }
            set { if details != nil || newValue != nil { writableDetails().referencePeriod = newValue } }
        }
        /// For a pronoun object (将它调低到): the revision verb as written, added to the last subject.
        var revision: String {
            get { details?.revision ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().revision = newValue } }
        }
        /// An estimate verb opening the clause, as written (现估计, 本来预计): see `EstimateFrame`.
        var estimate: String {
            get { details?.estimate ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().estimate = newValue } }
        }
        /// X + 占 + percent with no whole named (香港旅客占60.7%): 占 as written; the whole is the
        /// sentence's last figure's thing (see `ImplicitWhole`).
        var shareOfImplicitWhole: String? {
            get { details?.shareOfImplicitWhole }
            set { if details != nil || newValue != nil { writableDetails().shareOfImplicitWhole = newValue } }
        }
        /// The 的-modifier cut from a linked subject (经某口岸入境的旅客为… → 经某口岸入境), the scope when
        /// the head alone would borrow the previous figure's.
        var deModifier: String {
            get { details?.deModifier ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().deModifier = newValue } }
        }
        /// The verb before a figure whose subject follows its measure word (培训了1万多名党员领导干部 → 培训).
        var actionVerb: String {
            get { details?.actionVerb ?? "" }
            set { if details != nil || !newValue.isEmpty { writableDetails().actionVerb = newValue } }
        }

        private final class Details {
            var shareBase: String? = nil, headlessModifier: String? = nil, referencePeriod: String? = nil
            var shareOfImplicitWhole: String? = nil
            var topic = "", indicator = "", modifierHead = "", revision = "", estimate = "", deModifier = ""
            var actionVerb = ""

            func copy() -> Details {
                let d = Details()
                d.shareBase = shareBase; d.headlessModifier = headlessModifier; d.referencePeriod = referencePeriod
                d.shareOfImplicitWhole = shareOfImplicitWhole
                d.topic = topic; d.indicator = indicator; d.modifierHead = modifierHead; d.revision = revision
                d.estimate = estimate; d.deModifier = deModifier; d.actionVerb = actionVerb
                return d
            }
        }

        /// The details to write to: made on the first write, copied first when another Result shares them.
        private mutating func writableDetails() -> Details {
            if details == nil {
                details = Details()
            } else if !isKnownUniquelyReferenced(&details) {
                details = details!.copy()
            }
            return details!
        }
    }

    /// - Parameters:
    ///   - prefixStart: start of the qualifier/currency words before the number.
    ///   - suffixEnd: end of the quantity plus trailing qualifier (左右, 以上).
    ///   - floor: end of the previous metric (a subject never reaches back past it).
    ///   - later: spans of the next metrics (a forward subject stops at them; an enumeration shares
    ///     the noun after the last one).
    func find(_ q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, later: ArraySlice<Range<Int>>) -> Result {
        // Filled in place and returned once: a `return result` on each path copied the whole struct.
        var result = Result(subject: "")
        read(q, prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, later: later, into: &result)
        return result
    }

    /// `find` into `result` (which starts empty); `parenthesized`: the figure stands in a parenthesis
    /// opening at `prefixStart`.
    private func read(
        _ q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, later: ArraySlice<Range<Int>>,
        into result: inout Result
    ) {
        read(
            q, prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, later: later, parenthesized: false,
            into: &result)
    }

    private func read(
        _ q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, later: ArraySlice<Range<Int>>,
        parenthesized: Bool, into result: inout Result
    ) {
        var c = Clause(start: clauseStart(before: prefixStart, floor: floor), end: prefixStart)
        if let joined = coordinatedStart(c.start, prefixStart, floor: floor, q: q, suffixEnd: suffixEnd) {
            c.start = joined
        }
        c.marks = ClauseMarks(s, c.start, prefixStart, table: lex.clauseMarks)
        if !parenthesized, c.marks.contains(.open), let p = parenthesizedFigure(c.start, prefixStart) {
            // 建造業（由7.2%跌至6.8%）: the figure stands in a parenthesis right after its noun; the noun is read
            // as if the figure followed it.
            read(
                q, prefixStart: p, suffixEnd: suffixEnd, floor: floor, later: later, parenthesized: true,
                into: &result)
            return
        }
        // 較去年同期（0.6%）: after a compared base the parenthesis is the base's 的 (较去年同期的0.6%).
        if parenthesized, c.marks.contains(.compared) { c.sawDe = true }
        if !c.marks.isDisjoint(with: [.from, .to]), let frame = fromToFrame(c.start, prefixStart) {
            // 失业率由二月至四月的2.9%微升至三月至五月的3.0%: the indicator's values in two periods.
            result.subject = frame.subject; result.referencePeriod = frame.period
            result.ownValue = true; result.clauseStart = c.start
            return
        }
        if q.kind == .percent, let reference = referenceValue(c.start, prefixStart) {
            // 但仍高於同期整體失業率的3.8%: the figure is the reference's own value (整體失業率), as 较…的 is.
            result.subject = reference; result.ownValue = true; result.clauseStart = c.start
            return
        }
        if c.marks.contains(.share) { readShare(q, &c, &result) }
        peel(q, &c, &result)
        // 东部、中部、西部地区快递业务量分别完成1347.4亿件…: 分别 before a light verb opens a list as before 为.
        if result.distributive == nil, let l = lex.lightVerbs.suffix(s, before: c.end, limit: c.start),
            c.end - l - 2 >= c.start
        {
            noteDistributive(&result, c.end - l - 2)
        }
        // 四类产业分别签约项目72个、58个…: 分别 before a full verb and its object opens a list too.
        if result.distributive == nil, let m = distributiveVerb(c.start, c.end) { result.distributive = m }
        readReferenceOrRate(&c, &result)
        result.linked = c.linked
        result.clauseStart = c.start
        if let d = disposalSubject(c) { result.subject = d; return }
        if q.kind == .count, let de = headlessExistential(c.start, prefixStart) {
            // 增速低于全省平均水平的有4个市, 参加培训的有300人: those who (do) X number N; the subject is
            // X with the noun the measure word counts (增速低于全省平均水平的市).
            let (x, y) = trim(c.start, de)
            if y - x >= 2 {
                let noun = forward(q, suffixEnd: suffixEnd, later: later, includePredicate: false)
                result.subject = clean(x, y) + (noun.isEmpty ? "" : "的" + noun)
                return
            }
        }
        var object = backwardPhrase(&c, &result, counted: q.kind == .count, share: q.kind == .percent)
        switch c.marks.contains(.pronoun) ? pronounPhrase(object.a, object.b) : .none {
        case .none: break
        case .demonstrative: result.pronoun = true; return
        case .object:
            // 现时将它调低到-2.5%: the revised value; the verb of the revision tells it from the first.
            result.pronoun = true
            result.revision = compact(object.b..<c.figure)
            return
        }
        if c.marks.contains(.estimate), let e = estimateVerb(c.start, object.b) {
            result.estimate = e.word
            if object.a < e.end { (object.a, object.b) = trim(e.end, object.b) }
        }
        var subject = object.a < object.b ? clean(object.a, object.b) : ""
        if Anaphora.isTimeAdverb(subject) { subject = "" }  // 长期低于三％ names nothing
        if object.a < object.b, Self.estimateVerbs.prefix(s, at: object.a, limit: object.b) == object.b - object.a {
            // 今年出口增长预计为5%: the estimate verb ends the indicator before it.
            let (x, y) = trim(c.start, object.a)
            if x < y { subject = clean(x, y) + subject }
        }
        subject = withTopic(subject, c, &object, &result)
        if !result.change, c.linked || q.kind == .percent || (q.kind == .count && !subject.isEmpty),
            let m = modifierAroundPrevious(floor: floor, prefixStart: prefixStart)
        {
            // 岗位月薪在3000元以上的比例为16%: the band with the figure before is the scope; so is a
            // threshold before a counted head (收入超过20万元的村15个 → 超过20万元村).
            if subject.isEmpty { result.headlessModifier = clean(m.start, m.de); return }
            result.modifierHead = subject
            result.subject = clean(m.start, m.de) + subject
            return
        }
        // 二零二一至二二年度為14,300個單位: a linked clause whose topic is only a period gives a value of the
        // sentence's indicator (the lead-in's); the noun after the measure word is what it counts in.
        if subject.isEmpty, c.linked, !result.change, object.a >= object.b, periodOnlyTopic(c.start, c.end) {
            result.subject = ""
            return
        }
        subject = forwardOrAction(q, subject, c, object, suffixEnd: suffixEnd, floor: floor, later: later, &result)
        if Anaphora.isTimeAdverb(subject) { subject = "" }
        if let capped = capFrame(subject, suffixEnd: suffixEnd) { subject = capped }
        result.subject = subject
        result.linked = c.linked
        result.clauseStart = c.start
    }

    /// 每户每季以750元为上限: 以 + figure + 为上限 (为限, 为最高限额) states a cap; the subject is what is capped
    /// (the text before 以) and the cap, not a phrase ending in the preposition.
    private func capFrame(_ subject: String, suffixEnd: Int) -> String? {
        // The text after the figure first: most figures have no 为/作 there, and a String's last scalar costs more.
        guard suffixEnd + 1 < s.count, ScriptFold.simplified(s[suffixEnd]) == u("为") || s[suffixEnd] == u("作"),
            let l = Self.capWords.prefix(s, at: suffixEnd, limit: min(s.count, suffixEnd + 6)),
            subject.utf8.last == 0xA5, subject.unicodeScalars.last == "以"
        else { return nil }
        let word = clean(suffixEnd + l - 2, suffixEnd + l)  // 上限 / 为限 → the noun of the cap
        return String(subject.unicodeScalars.dropLast()) + (word == "为限" || word == "為限" ? "上限" : word)
    }

    static let capWords = WordList("为上限 为限 作为上限 为最高限额 为下限")

    /// `[cs, e)` holds a year (or fiscal year) and nothing else once trimmed: 二零二二至二三年度, 2024年.
    private func periodOnlyTopic(_ cs: Int, _ e: Int) -> Bool {
        var k = cs
        while k < e, CharClass.isSpace(s[k]) { k += 1 }
        guard e - k >= 3, (k..<e).contains(where: { s[$0] == u("年") }),
            (k..<e).contains(where: { CharClass.isDigit(s[$0]) || CharClass.has(s[$0], CharClass.cjkDigit) })
        else { return false }  // 上半年共为2.4万名失业人员: no year, 为 is "for"
        let (x, y) = trim(k, e)
        return x >= y
    }

    /// The opening parenthesis of `[cs, end)` when a figure at `end` opens it: nothing but a 由/从 between
    /// them, and a noun (an ideograph) right before it. A parenthesis closed before the figure (县（市、区）)
    /// or with words of its own (（其中三级医院3家）) is left to the other rules.
    private func parenthesizedFigure(_ cs: Int, _ end: Int) -> Int? {
        var k = end
        while k > cs, CharClass.isSpace(s[k - 1]) { k -= 1 }
        if k > cs, ScriptFold.simplified(s[k - 1]) == u("由") || ScriptFold.simplified(s[k - 1]) == u("从") { k -= 1 }
        guard k - 1 > cs, s[k - 1] == 0x28 || s[k - 1] == 0xFF08, s[k - 2] >= 0x3400 && s[k - 2] < 0xA000 else {
            return nil
        }
        return k - 1
    }

    /// Verbs of containment read only right before a figure (辖9个乡镇, 下辖12个街道, 包括3个园区).
    /// What a figure is counted per after 每 (每晚, 每日, 每人, 每平方米).
    static let rateBasis = WordList("晚 日 天 月 年 周 人 户 次 小时 公斤 千克 吨 平方米 平米 亩 件 间 套 位 名 个")
    static let containment = WordList("辖 下辖 管辖 轄 下轄 管轄 包括 包含")

    /// Auxiliaries before a predicate (将组织, 拟举办, 要开展).
    static let auxiliaries = ScalarSet("将將要拟擬")

    /// Benefactive prepositions: 为/给/替 + beneficiary + verb.
    static let benefactive = ScalarSet("为為给給替")

    /// A phrase ending in one of these belongs to the previous item (16个省市和36个地(市)).
    static let conjunctions = ScalarSet("和及与或并")

    /// The clause being read: `[start, end)` shrinks from the right as words are peeled off.
    struct Clause {
        var start: Int
        var end: Int
        /// The figure's prefix start (where peeling began).
        var figure: Int
        var linked = false, existential = false, sawDe = false
        /// What the clause up to the figure holds (the rules that need none of it are skipped).
        var marks: ClauseMarks = []
        init(start: Int, end: Int) { self.start = start; self.end = end; figure = end }
    }

    /// What stands before the figure once peeled: the phrase `[a, b)` and where its verb ends.
    struct Phrase {
        var a: Int, b: Int
        var verbEnd = -1
        /// End of the raw text before the figure (spaces dropped).
        var rawEnd: Int
        /// The clause before the figure, trimmed (kept: several rules read it).
        var clause: (a: Int, b: Int)
    }

    /// 占X的N / 占X + percent: the figure is a share of X (of the previous figure's subject). So is a
    /// percent of X stated with a copula (为调整预算的101.3%, 相当于全国平均水平的78%): the previous
    /// figure is that percent of X.
    private func readShare(_ q: RawQuantity, _ c: inout Clause, _ result: inout Result) {
        var open = c.start
        while open < c.end, CharClass.isSpace(s[open]) { open += 1 }
        guard open < c.end else { return }
        // ，约占网格员总数的42%: an approximation before 占 qualifies the share, as 约为 does.
        if open + 1 < c.end, ScriptFold.simplified(s[open]) == u("约") || s[open] == u("近"),
            s[open + 1] == u("占") || s[open + 1] == u("佔")
        {
            open += 1
            result.approximateShare = true
        }
        if q.kind == .percent, s[open] != u("占"), s[open] != u("佔"),
            let l = lex.ratioCopulas.prefix(s, at: open, limit: c.end),
            let d = lastIndex(of: u("的"), open + l, c.end), d - (open + l) >= 2, isBlank(d + 1, c.end)
        {
            result.shareBase = clean(open + l, d)
            result.approximateShare = ScriptFold.simplified(s[open]) == u("约")  // 约为, 約為
            return
        }
        if s[open] != u("占"), s[open] != u("佔"), let m = distributiveShare(open, c.end) {
            result.distributive = m  // 甲县、乙县分别占全市的30%和20%: a list of shares (see Coordination)
            return
        }
        guard s[open] == u("占") || s[open] == u("佔") else { return }
        if let d = lastIndex(of: u("的"), open + 1, c.end), d > open + 1 {
            result.shareBase = clean(open + 1, d)
        } else if q.kind == .percent {
            // 占党员总数28.65%: the whole is named right before the share; 占25.2% names none.
            let (x, y) = trim(open + 1, c.end)
            if y - x >= 2 { result.shareBase = clean(x, y) } else if x >= y { result.shareBase = "" }
        }
    }

    /// 共受理消费者投诉、举报、咨询14.62万件: names joined by 、 before a figure, none with a figure of its own
    /// and no 分别 after them, are one subject (the total of them all): where the first starts, or nil.
    /// Not when the names pair with a list of figures (分别, or 8632万元和2418万元) or a count says how many
    /// they are (高校毕业生、退役军人、残疾人3个专区).
    private func coordinatedStart(_ cs: Int, _ prefixStart: Int, floor: Int, q: RawQuantity, suffixEnd: Int) -> Int? {
        guard cs > floor, s[cs - 1] == u("、"), prefixStart - cs >= 1, prefixStart - cs <= 8 else { return nil }
        var after = suffixEnd
        while after < s.count, CharClass.isSpace(s[after]) { after += 1 }
        if after + 1 < s.count, SharedUnit.joints.contains(s[after]),
            CharClass.isDigit(s[after + 1]) || CharClass.has(s[after + 1], CharClass.cjkDigit)
        {
            return nil
        }
        var start = cs
        var parts = 1
        while start > floor, s[start - 1] == u("、") {
            let a = clauseStart(before: start - 1, floor: floor)
            // Figures before stop at `floor`; the first part is the clause's opening, of any length.
            guard start - 1 - a >= 1, start - 1 - a <= 8 || !(a > floor && s[a - 1] == u("、")) else { return nil }
            start = a; parts += 1
        }
        guard parts >= 2, start == 0 || CharClass.isBreak(s[start - 1]), !hasDistributive(start, prefixStart),
            !(q.kind == .count && q.value == Double(parts))
        else { return nil }
        return start
    }

    /// 高于/低于 + REFERENCE + 的 right before the figure: the reference (without a leading 同期), or nil.
    private func referenceValue(_ cs: Int, _ e0: Int) -> String? {
        var e = e0
        while e > cs, CharClass.isSpace(s[e - 1]) { e -= 1 }
        guard e - cs >= 5, s[e - 1] == u("的") else { return nil }
        var k = e - 3
        while k >= cs, e - k <= 14 {
            if let l = lex.referenceHeads.prefix(s, at: k, limit: e - 1), e - 1 - (k + l) >= 2 {
                var a = k + l
                if let p = Self.sameTime.prefix(s, at: a, limit: e - 1), e - 1 - (a + p) >= 2 { a += p }
                // 低於去年第四季度的五點一: a reference that is a time is the indicator's own earlier value.
                guard
                    !(a..<(e - 1)).contains(where: {
                        CharClass.isDigit(s[$0]) || CharClass.isBreak(s[$0]) || Self.timeChars.contains(s[$0])
                    })
                else { return nil }
                return clean(a, e - 1)
            }
            k -= 1
        }
        return nil
    }
    static let sameTime = WordList("同期 同年 同时期 同月")
    static let timeChars = ScalarSet("年季月期周日")

    /// `…的有` (or 的共有) right before the figure at `e`: where 的 stands.
    private func headlessExistential(_ a: Int, _ e0: Int) -> Int? {
        var e = e0
        while e > a, CharClass.isSpace(s[e - 1]) { e -= 1 }
        guard e - a >= 4, s[e - 1] == u("有") else { return nil }
        var d = e - 2
        if s[d] == u("共") { d -= 1 }
        return d > a && s[d] == u("的") ? d : nil
    }

    /// 分别 + a full verb with its object inside `[a, b)`, after a name: where 分别 starts. Also 分别 + a
    /// predicate of one to three characters right before the figure (对韩国、日本分别进出口503.8亿元、447.1亿元;
    /// 城区和乡镇分别新增1800个、3000个): each name did it.
    private func distributiveVerb(_ a: Int, _ b: Int) -> Int? {
        distributiveMark(a + 2, b) { Coordination.isEachNamesPredicate(s, $0 + 2, b) }
    }

    /// 分别占 inside `[a, b)`: where 分别 starts.
    private func distributiveShare(_ a: Int, _ b: Int) -> Int? {
        distributiveMark(a, b) { $0 + 2 < b && ScriptFold.simplified(s[$0 + 2]) == u("占") }
    }

    /// 排队时间由高峰期的1小时以上缩短至…: before a change verb with 至, 由/从 and the old value (not read as
    /// a figure of its own) belong to the change, not to the subject: where 由 stands, when a subject of two
    /// characters or more is left before it; else `e`.
    private func beforeFromValue(_ cs: Int, _ e: Int) -> Int {
        var f = e - 1
        while f > cs + 1, e - f <= 16 {
            let c = ScriptFold.simplified(s[f])
            if c == u("由") || c == u("从") {
                let (x, y) = trim(cs, f)
                return y - x >= 2 ? f : e
            }
            f -= 1
        }
        return e
    }

    /// Nothing but spaces in `[a, b)`.
    private func isBlank(_ a: Int, _ b: Int) -> Bool { (a..<max(a, b)).allSatisfy { CharClass.isSpace(s[$0]) } }

    /// Peels what stands between the subject and the figure: 了, 达, 就有, 比上年增长, 同比下降.
    private func peel(_ q: RawQuantity, _ c: inout Clause, _ result: inout Result) {
        let cs = c.start
        var e = c.end
        var guardCount = 0
        var ratePeels = 0
        peel: while e > cs, guardCount < 12 {
            guardCount += 1
            while e > cs, CharClass.isSpace(s[e - 1]) { e -= 1 }
            // 平均房租为每晚1,486港元: a rate basis (每 + time or unit) right before the figure belongs to the
            // figure's unit, not to the subject; the linking word before it still links.
            // Two of them in a row (提高至每人每月183元) as well.
            if guardCount == ratePeels + 1, ratePeels < 2, let l = lex.rateBasis.suffix(s, before: e, limit: cs + 1),
                s[e - l - 1] == u("每")
            {
                e -= l + 1; ratePeels += 1
                continue
            }
            let whole = lex.keepWhole.suffix(s, before: e, limit: cs) ?? 0  // 平均 is not 平 + 均
            // 提升至15.3%, 回落到3.1%: any change verb with 至/到 states the new level, as the listed 增至
            // and 提高到 do (the linkers list only some of them).
            if e - 1 > cs, s[e - 1] == u("至") || s[e - 1] == u("到"), !result.change {
                let verb = max(
                    lex.increase.suffix(s, before: e - 1, limit: cs) ?? 0,
                    lex.decrease.suffix(s, before: e - 1, limit: cs) ?? 0)
                if verb >= 1, verb + 1 > (lex.linkers.suffix(s, before: e, limit: cs) ?? 0) {
                    c.linked = true; e -= verb + 1
                    e = withoutDegreeAdverbs(cs, e)
                    e = beforeFromValue(cs, e)
                    noteDistributive(&result, e); continue
                }
            }
            if var l = lex.linkers.suffix(s, before: e, limit: cs), whole <= l,
                (lex.verbs.suffix(s, before: e, limit: cs) ?? 0) <= l
            {  // 设有 is a verb, not 设 + 有
                // 住宅樓宇買賣合約有5,236份: the linker's first character closes a word (合約), so only the
                // rest links (有), when the rest is a linker.
                // 平均达10万元 as well: 均达 links, but 均 closes 平均.
                if l >= 2,
                    (lex.falseFriends.suffix(s, before: e - l + 1, limit: cs) ?? 0) >= 2
                        || (lex.keepWhole.suffix(s, before: e - l + 1, limit: cs) ?? 0) >= 2,
                    lex.linkers.suffix(s, before: e, limit: e - l + 1) == l - 1
                {
                    l -= 1
                }
                if s[e - 1] == u("有") { c.existential = true }
                let toLevel = s[e - 1] == u("至") || s[e - 1] == u("到")
                if l == 1, guardCount == 1, q.kind == .percent, ScriptFold.simplified(s[e - 1]) == u("占"),
                    trim(cs, e - 1).0 < e - 1
                {
                    result.shareOfImplicitWhole = String(scalars: [s[e - 1]])
                }
                c.linked = true; e -= l
                if toLevel { e = withoutDegreeAdverbs(cs, e) }
                noteDistributive(&result, e); continue
            }
            // 首次突破100亿元, 再次达到: an adverb of occasion before the linking verb (or the bound, 突破) is no
            // part of the subject; no noun ends in one.
            if let l = lex.linkAdverbs.suffix(s, before: e, limit: cs), e - l > cs {
                e -= l; continue
            }
            if let l = lex.particles.suffix(s, before: e, limit: cs), whole <= l {
                // 质量提升的8条: a verb before 的 modifies the noun, it is not a change of the figure.
                if s[e - 1] == u("的") { c.sawDe = true }
                e -= l; noteDistributive(&result, e); continue
            }
            if !result.change && !c.sawDe {
                // 提高/降低 are changes; a bare 高/低 only after a comparison (比上年高0.3个百分点).
                // The longer change word wins across both lists: 少增 and 负成长 are decreases.
                let downLength = lex.decrease.suffix(s, before: e, limit: cs) ?? 0
                if let l = lex.increase.suffix(s, before: e, limit: cs), l >= downLength,
                    !(l == 1 && e - 2 >= cs && s[e - 2] == u("新")),
                    l > 1 || !lex.comparatives.contains(s[e - 1]) || hasComparison(cs, e - 1)
                {
                    result.change = true; result.direction = .up; markChange(&result, cs, &e, l); continue
                }
                let l = downLength
                if l > 0, l > 1 || !lex.comparatives.contains(s[e - 1]) || hasComparison(cs, e - 1) {
                    result.change = true; result.direction = .down; markChange(&result, cs, &e, l); continue
                }
            }
            break peel
        }
        c.end = e
    }

    /// 失业率由年初的3.9%轻微回落至3.7%, 大幅下降至31微克: a degree adverb before a verb of reaching a level
    /// is no part of the subject (no noun ends in 轻微 or 大幅); `e` without them.
    private func withoutDegreeAdverbs(_ cs: Int, _ e: Int) -> Int {
        var e = e
        while let l = PredicateLexicon.degreeAdverbs.suffix(s, before: e, limit: cs), e - l >= cs { e -= l }
        return e
    }

    /// 低于控制目标1.34个百分点 / 超年度目标121.76万人: a difference from a named reference; 增速为7.7%:
    /// a rate noun marks a change.
    private func readReferenceOrRate(_ c: inout Clause, _ result: inout Result) {
        let cs = c.start
        let mayRefer = c.marks.contains(.reference), mayCompare = c.marks.contains(.compared)
        if !result.change, c.sawDe,
            let head = (mayRefer ? referenceHead(cs, c.end) : nil) ?? (mayCompare ? comparedBase(cs, c.end) : nil)
        {
            // 低于去年第四季度的5.1%: the figure is the reference's own value of the same indicator
            // (what stands before the comparison, else the sentence's last subject), not a difference.
            // A time as the reference (去年第四季度) is the figure's period.
            let from = head.start + (lex.referenceHeads.prefix(s, at: head.start, limit: c.end) ?? 1)
            var rx = from, ry = c.end  // not trimmed: 去年 is the reference itself
            while rx < ry, CharClass.isSpace(s[rx]) { rx += 1 }
            while ry > rx, CharClass.isSpace(s[ry - 1]) { ry -= 1 }
            if rx < ry, BasisReader.classify(s, rx, ry).basis != .reference { result.referencePeriod = clean(rx, ry) }
            c.end = withoutDegreeAdverbs(cs, head.start)  // 远低于原来预算的330亿元
            result.ownValue = true
            return
        }
        if !result.change, mayRefer, let head = referenceHead(cs, c.end) {
            result.change = true; result.direction = head.direction
            result.comparison = head.start..<c.end; result.changeWord = nil
            c.end = head.start
        }
        if !result.change {
            if lex.increaseRate.suffix(s, before: c.end, limit: cs) != nil {
                result.change = true; result.direction = .up
            } else if lex.decreaseRate.suffix(s, before: c.end, limit: cs) != nil {
                result.change = true; result.direction = .down
            }
        }
        if c.existential {
            // 其中有5765家单位完成共建: what stands before 有 is scope, the subject follows.
            let (a, b) = trim(cs, c.end)
            if a < b { c.existential = false }
        }
    }

    /// The phrase between the clause start (or the verb) and the figure.
    private func backwardPhrase(_ c: inout Clause, _ result: inout Result, counted: Bool, share: Bool) -> Phrase {
        let cs = c.start, e = c.end, linked = c.linked
        let whole = trimmed(cs, e)
        var (a, b) = (whole.a, whole.b)
        // 16个省市和36个地(市): a phrase ending in a conjunction is the previous item, not this one's.
        var rawEnd = e
        while rawEnd > cs, CharClass.isSpace(s[rawEnd - 1]) { rawEnd -= 1 }
        if rawEnd > cs, lex.conjunctions.contains(s[rawEnd - 1]),
            lex.verbs.suffix(s, before: rawEnd, limit: cs) == nil
        {
            a = b
        }
        var verbEnd = -1
        if a < b, !linked, let l = lex.containment.suffix(s, before: b, limit: a), b - l >= a {
            // 全县辖9个乡镇 / 下辖12个街道: a verb of containment right before the figure; what it contains
            // follows the measure word (辖 alone is no verb elsewhere: 辖区).
            verbEnd = b; a = b
        }
        // 新能源新增装机约占全部新增装机的75.8%: X占Y names the share; a verb in Y or in a short X (新增) names
        // the thing measured, it is no predicate to cut at; a long X is cut at its predicate as any phrase
        // (…达成十年内提高国防预算占GDP五％). 约占 states the share approximately.
        var top = b
        if share, a < b, c.marks.contains(.share), let m = shareVerb(a, b) {
            if ScriptFold.simplified(s[m - 1]) == u("约") { result.approximateShare = true }
            top = m - a <= 8 ? a : m
        }
        if a < top {
            let increase = lex.increase, decrease = lex.decrease, verbs = lex.verbs, ends = lex.changeOrVerbEnds
            var k = top
            while k > a {
                // No change verb and no verb ends here (most characters): nothing below applies.
                if !ends.contains(s[k - 1]) { k -= 1; continue }
                // 减少农村贫困人口3.2万人: a change verb taking the subject as object.
                // A change verb before 的 modifies a noun (对经济增长的贡献率), it is not a change.
                if k < top, !result.change, s[k] != u("的"),
                    increase.mayEnd(with: s[k - 1]) || decrease.mayEnd(with: s[k - 1]),
                    !lex.nominalAfterVerb.contains(ScriptFold.simplified(s[k]))
                {
                    if let l = increase.suffix(s, before: k, limit: a), l >= 2 {
                        result.change = true; result.direction = .up; verbEnd = k; a = k; break
                    }
                    if let l = decrease.suffix(s, before: k, limit: a), l >= 2 {
                        result.change = true; result.direction = .down; verbEnd = k; a = k; break
                    }
                }
                // A verb right before a linked or changed figure is a noun (固定资产投资同比增长10.5%).
                if let vl = verbs.suffix(s, before: k, limit: a),
                    k == top
                        ? !(linked || result.change || top < b)
                        : !makesNoun(s[k], afterVerbOf: vl, before: k, from: a) && !opensAmountNoun(at: k, b)
                {
                    let light = lex.lightVerbs.suffix(s, before: k, limit: a) == vl
                    if k < top, s[k] == u("的"), !linked {
                        // The verb sits in a relative clause (群众反映强烈的民生问题): keep the clause,
                        // cut at the first verb that opens it.
                        var start = a
                        var m = a + 1
                        while m < k - vl {
                            if lex.verbs.suffix(s, before: m, limit: a) != nil,
                                !lex.nominalAfterVerb.contains(ScriptFold.simplified(s[m]))
                            {
                                start = m; break
                            }
                            m += 1
                        }
                        a = start
                    } else if counted, k < top, !light, namesCounted(verbOf: vl, before: k, from: a, to: b) {
                        a = k - vl
                    } else {
                        verbEnd = k
                        if light {
                            var (ta, tb) = trim(a, k - vl)
                            // 具有资质的建筑业企业实现总产值: a long modified topic is cut to its head.
                            if ta < tb, let d = lastIndex(of: u("的"), ta, tb), tb - (d + 1) >= 2 { ta = d + 1 }
                            if ta < tb, s[tb - 1] != u("的") { result.topic = clean(ta, tb) }
                        }
                        a = k
                    }
                    break
                }
                k -= 1
            }
            // 水电气热等各类老化管线: the items before 等 are examples; the noun after it is the object.
            if !linked, c.marks.contains(.examples), let after = afterExamples(a, b) { a = after }
            // 分批次分领域的轮训就有461期 → 轮训; but a distributive keeps the whole set (…对经济增长的贡献率分别为).
            // A bare ratio (…实行居民自治管理的比例达到91.5%) is nothing without what it is the ratio of: kept.
            if linked, result.distributive == nil, a < b, let d = lastIndex(of: u("的"), a, b), b - (d + 1) >= 2,
                !isEstimateHead(d + 1, b), !(d - a >= 2 && Self.bareRatios.prefix(s, at: d + 1, limit: b) == b - d - 1)
            {
                let (mx, my) = trim(a, d)
                if mx < my { result.deModifier = clean(mx, my) }
                a = d + 1
            }
            if !(whole.settled && a == whole.a && b == whole.b) { (a, b) = trim(a, b) }
        }
        return Phrase(a: a, b: b, verbEnd: verbEnd, rawEnd: rawEnd, clause: (whole.a, whole.b))
    }

    /// 占/佔 inside `[a, b)` with a name of two characters or more before it and a whole after it: where.
    private func shareVerb(_ a: Int, _ b: Int) -> Int? {
        var m = b - 2
        while m >= a + 2 {
            if s[m] == u("占") || s[m] == u("佔") { return m }
            m -= 1
        }
        return nil
    }

    /// TOPIC + light verb + OBJECT → topic + object; a short object after a full verb takes its short topic.
    @inline(__always)
    private func withTopic(_ subject: String, _ c: Clause, _ p: inout Phrase, _ result: inout Result) -> String {
        if !result.topic.isEmpty {
            if subject.isEmpty { result.topic = ""; return subject }
            result.indicator = subject
            return result.topic + subject
        }
        if p.verbEnd >= 0, !c.linked, p.b - p.a <= 2, p.a < p.b {
            // 农村劳动力转移就业647万人: a short object says little alone; a short topic (a noun, not a
            // long name) and the verb complete it.
            var (ta, tb) = trim(c.start, p.a)
            // 平均每月可为村集体增加收入: the beneficiary of 为/给/替 is the scope; the adverbs before it are not.
            // A per-period word before it (每月, 每年) makes the figure a rate, told apart from a total.
            var k = tb - 1
            while k > ta, !Self.benefactive.contains(s[k]) { k -= 1 }
            var rate = ""
            if k > ta {
                if let m = perPeriod(ta, k) { rate = String(scalars: s[m..<(m + 2)]) }
                (ta, tb) = trim(k, tb)
            }
            let topic = tb - ta - verbLength(before: p.verbEnd, from: ta)
            if topic >= 2, topic <= 6 { return rate + clean(ta, tb) + subject }
            if let scope = locativeScope(ta, p.verbEnd - verbLength(before: p.verbEnd, from: ta)) {
                return scope + subject
            }
        }
        return subject
    }

    /// A verb followed by a nominal character is part of a noun (培训班, 生产总值); a light verb only
    /// with a character of amount (完成率, 完成额): 实现总产值 is a verb and its object.
    private func makesNoun(_ c: UInt32, afterVerbOf vl: Int, before k: Int, from a: Int) -> Bool {
        let ch = ScriptFold.simplified(c)
        guard lex.nominalAfterVerb.contains(ch) else {
            // 出口升幅扩大, 投资增速回落: a verb before a rate noun names the action the rate is of (one noun).
            let limit = min(s.count, k + 6)
            guard
                (lex.increaseRate.prefix(s, at: k, limit: limit) ?? 0) >= 2
                    || (lex.decreaseRate.prefix(s, at: k, limit: limit) ?? 0) >= 2
            else { return false }
            return lex.lightVerbs.suffix(s, before: k, limit: a) != vl
        }
        guard lex.lightVerbs.suffix(s, before: k, limit: a) == vl else { return true }
        return Self.amountChars.contains(ch)
    }

    /// 农村转移劳动力1935人, 引进创新创业团队10个: a verb right before the noun a count counts says which
    /// of them are counted (转移的劳动力, 引进的团队, 新增的床位: 新增床位 is not the stock of 床位), as an analyst's
    /// row header does; one of having (共有) or holding (召开会议), or one with an aspect particle or before
    /// a scope word, is the clause's predicate and says nothing of them. (Light verbs are left out by the caller.)
    private func namesCounted(verbOf vl: Int, before k: Int, from a: Int, to b: Int) -> Bool {
        s[k - 1] != u("有") && !Self.aspectMarks.contains(s[k])
            && lex.holdingVerbs.suffix(s, before: k, limit: a) != vl
            && lex.leadingNoise.prefix(s, at: k, limit: b) == nil
    }

    /// 投资完成率, 招商实现额: a light verb and an amount character right after a verb make one noun
    /// with it (the rate of the verb's action), not a new verb phrase.
    private func opensAmountNoun(at k: Int, _ b: Int) -> Bool {
        guard let l = lex.lightVerbs.prefix(s, at: k, limit: b), k + l < b else { return false }
        return Self.amountChars.contains(s[k + l])
    }

    static let amountChars = ScalarSet("率额值数量")
    /// Aspect particles after a verb (吸引了, 参加过): the verb is the clause's predicate.
    static let aspectMarks = ScalarSet("了过着")

    /// The clause at `cs` is the last item of a 、-list whose items hold no figure (甲、乙、丙3个园区).
    private func closesMemberList(_ cs: Int, floor: Int) -> Bool {
        guard cs > 0, s[cs - 1] == u("、"), cs - 1 > floor else { return false }
        let ps = clauseStart(before: cs - 1, floor: floor)
        // An item that starts right after a figure (5个党支部、) is that figure's noun, not a member.
        guard ps == 0 || CharClass.isBreak(s[ps - 1]) else { return false }
        for k in ps..<(cs - 1) where CharClass.isIdeograph(s[k]) { return true }
        return false
    }

    /// The 、-items before the clause at `cs` that hold no figure (分别发放甲补贴、乙补贴300万元…), the first
    /// read from after its verb; nil when there are none or one is not a short noun.
    func objectList(before cs0: Int, floor: Int) -> [String]? {
        var items: [String] = [], cs = cs0
        while closesMemberList(cs, floor: floor), items.count < 8 {
            let ps = clauseStart(before: cs - 1, floor: floor)
            var a = ps
            var m = cs - 2  // an item that is itself a verb (孵化) is a name, not a verb before one
            while m > ps {
                if lex.verbs.suffix(s, before: m, limit: ps) != nil,
                    !lex.nominalAfterVerb.contains(ScriptFold.simplified(s[m]))
                {
                    a = m; break
                }
                m -= 1
            }
            let (x, y) = trim(a, cs - 1)
            guard x < y, y - x <= 10 else { return nil }
            items.insert(clean(x, y), at: 0)
            cs = ps
        }
        return items.isEmpty ? nil : items
    }

    /// 甲、乙、丙3个园区: the members of a set counted right after them, when there are as many as the
    /// count says; nil otherwise.
    func memberSet(clauseStart cs: Int, prefixStart: Int, floor: Int, count: Double) -> [String]? {
        guard let items = objectList(before: cs, floor: floor), Double(items.count + 1) == count else { return nil }
        let (x, y) = trim(cs, prefixStart)
        guard x < y, y - x <= 10 else { return nil }
        return items + [clean(x, y)]
    }

    /// 分别 in `[a, b)` (…，分别提供岗位2140个).
    func hasDistributive(_ a: Int, _ b: Int) -> Bool { distributiveMark(a, b) { _ in true } != nil }

    /// The first 分别 (分別) in `[a, b)` for which `also` holds of its position.
    @inline(__always)
    private func distributiveMark(_ a: Int, _ b: Int, where also: (Int) -> Bool) -> Int? {
        var k = a
        while k + 1 < b {
            if s[k] == u("分"), s[k + 1] == u("别") || s[k + 1] == u("別"), also(k) { return k }
            k += 1
        }
        return nil
    }

    /// Without a phrase before the figure: the noun after the measure word, else the action itself.
    private func forwardOrAction(
        _ q: RawQuantity, _ subject0: String, _ c: Clause, _ p: Phrase, suffixEnd: Int, floor: Int,
        later: ArraySlice<Range<Int>>, _ result: inout Result
    ) -> String {
        let cs = c.start
        var subject = subject0
        // “摸底排查—集中整改—验收评估”3个阶段: a quoted name before the figure modifies the noun after it.
        let quotedBefore = p.rawEnd > cs && (s[p.rawEnd - 1] == 0x201D || s[p.rawEnd - 1] == 0x22)
        // 技工、文秘、财务等100多个工种: the items before 等 are examples; the counted thing follows. So are
        // the members of a 、-list without figures of their own (甲、乙、丙3个园区): the count is of the set.
        let examplesBefore =
            q.kind == .count && p.rawEnd > cs && (s[p.rawEnd - 1] == u("等") || closesMemberList(cs, floor: floor))
        // 花4484亿元的“少子女化对策计划”: a figure modifying a quoted name is that name's figure.
        var after = suffixEnd
        while after < s.count, CharClass.isSpace(s[after]) { after += 1 }
        let namedAfter =
            after + 1 < s.count && s[after] == u("的") && (s[after + 1] == 0x201C || s[after + 1] == u("《"))
        if namedAfter, let name = quotedName(at: after + 1) { return name }
        // 我市将组织232场招聘会: a word after an auxiliary (将, 要, 拟) is the predicate, not a noun; its
        // object follows the measure word.
        let auxiliaryBefore =
            p.a > cs && p.b - p.a <= 2 && lex.auxiliaries.contains(s[p.a - 1]) && p.verbEnd < 0 && !c.linked
        // 12个市58个县: a short word right after the last figure, with no break between, is that figure's
        // counted noun; this count's own follows its measure word.
        let previousNoun =
            q.kind == .count && floor > 0 && cs == floor && !CharClass.isBreak(s[floor - 1]) && p.b - p.a <= 3
            && p.verbEnd < 0 && !c.linked && q.unitEnd > q.unitStart && !result.change
        // 剩余25个小区, 已完工12个项目: a verb (or 剩余/其余) alone before a count says what was done with the
        // things the measure word counts; the noun after it says which things (剩余小区).
        let verbAlone =
            q.kind == .count && !c.linked && !result.change && p.a < p.b && p.b - p.a <= 3 && q.unitEnd > q.unitStart
            && (lex.verbs.prefix(s, at: p.a, limit: p.b) == p.b - p.a
                || Self.remainders.prefix(s, at: p.a, limit: p.b) == p.b - p.a)
        // 全省11个设区市中有10个市用电量同比正增长: a count among a set named before 中有 is of the members that
        // do what follows (设区市用电量同比正增长).
        if q.kind == .count, !subject.isEmpty, c.end - 1 > cs, c.end < c.figure, s[c.end - 1] == u("中"),
            s[c.end] == u("有")
        {
            let f = [UInt32](forward(q, suffixEnd: suffixEnd, later: later, includePredicate: true))
            let own = [UInt32](subject)
            let rest = f.first != nil && f.first == own.last ? f.dropFirst() : f[...]
            if rest.count >= 3 { return subject + String(scalars: rest) }
        }
        if verbAlone, !examplesBefore, !quotedBefore {
            let f = forward(q, suffixEnd: suffixEnd, later: later, includePredicate: false)
            if !f.isEmpty, !Self.isOneScalar(f) { return subject + f }
        }
        if (subject.isEmpty && !result.ownValue) || quotedBefore || examplesBefore || auxiliaryBefore || previousNoun {
            // A clause that opens with the figure (，77278个党员完成报到) or with 有 presents the
            // counted set together with what it did; elsewhere the noun phrase alone is the subject.
            var rawEmpty = true
            for k in cs..<c.figure where !CharClass.isSpace(s[k]) { rawEmpty = false; break }
            let afterEnumeration = cs > 0 && s[cs - 1] == u("、")
            let f = forward(
                q, suffixEnd: suffixEnd, later: later,
                includePredicate: c.existential || (rawEmpty && !afterEnumeration))
            if !f.isEmpty || subject.isEmpty { subject = f }
            if !f.isEmpty, p.verbEnd >= 0, isVerbal(q) {
                // 书记每年参加1次集中培训: a verbal measure word counts the actor's doings; the actor is scope.
                subject = actor(cs, before: p.verbEnd) + f
            } else if !f.isEmpty, subject0.isEmpty, p.verbEnd >= 0 {
                let vl = verbLength(before: p.verbEnd, from: cs)
                if vl > 0 { result.actionVerb = String(scalars: s[(p.verbEnd - vl)..<p.verbEnd]) }
            }
            // 涉及128个村: a one-character noun after the measure word counts nothing on its own; the
            // action before the figure says which villages (涉及村).
            if Self.isOneScalar(f) {
                let (va, vb) = p.clause
                if va < vb { subject = clean(va, vb) + f }
            }
        }
        // 协调解决5708项 / 涉及近1万人次: the action itself is what is counted.
        if subject.isEmpty, p.verbEnd < 0, !result.change { subject = actionSubject(q, p.clause, &result) }
        if subject.isEmpty, p.verbEnd >= 0 { subject = actionSubject(q, trim(cs, p.verbEnd), &result) }
        // 带来约72亿港元的额外消费: a bare verb before a figure that modifies a noun (figure + 的 + noun) takes
        // that noun as its object: 带来额外消费.
        if !subject.isEmpty, after < s.count, s[after] == u("的"), Self.hasAtMostThreeScalars(subject),
            let noun = nounAfterDe(after)
        {
            subject += noun
        } else if !subject.isEmpty, after < s.count, s[after] == u("的"), let attribute = attributeEnding(subject),
            let noun = attributedNoun(after)
        {
            // 改建为面积约900平方米的社区食堂: an attribute named before the figure is the noun's after 的.
            subject = noun + attribute
        } else if q.kind == .money, let purpose = purposeAfter(after),
            let l = Self.allocating.suffix(s, before: c.end, limit: cs), c.end - l >= cs
        {
            // 特区政府已拨款逾11亿港元推动盛事经济: the purpose after the money says what it is for; the actor
            // and the time before the verb are not the row header.
            subject = purpose + compact((c.end - l)..<c.end)
        }
        return subject
    }

    /// Attributes a figure gives a thing it modifies (面积约900平方米的食堂, 总长3.5公里的绿道).
    static let attributes = WordList("面积 建筑面积 占地面积 总面积 长度 总长 全长 总投资 投资 规模 容量 库容 高度 总长度")

    /// The attribute `subject` ends with, when it does: with its modifier (活动面积), after a copula
    /// (改建为面积 → 面积), or the attribute word alone in a longer phrase.
    private func attributeEnding(_ subject: String) -> String? {
        let a = [UInt32](subject)
        guard let l = Self.attributes.suffix(a, before: a.count, limit: 0) else { return nil }
        if let k = a.lastIndex(where: { $0 == u("为") || $0 == u("為") }), k < a.count - l {
            return String(scalars: a[(k + 1)...])
        }
        return a.count <= 6 ? subject : String(scalars: a[(a.count - l)...])
    }

    /// The noun phrase after 的 at `de`: to the next break or verb, two to twelve characters, no digit.
    private func attributedNoun(_ de: Int) -> String? {
        var e = de + 1
        while e < s.count, e - de <= 13, !CharClass.isBreak(s[e]),
            e == de + 1 || lex.verbs.prefix(s, at: e, limit: s.count) == nil
        {
            if CharClass.isDigit(s[e]) || CharClass.has(s[e], CharClass.cjkDigit) { return nil }
            e += 1
        }
        guard e - de <= 13 else { return nil }
        let (x, y) = trim(de + 1, e)
        return y - x >= 2 ? clean(x, y) : nil
    }

    /// Ratio heads that name no indicator alone.
    static let bareRatios = WordList("比例 比重 占比 比率 份额")

    /// What is left of a set (剩余25个小区, 其余3家).
    static let remainders = WordList("剩余 其余 尚余 余下 剩下 其他 其它")

    /// A purpose (用于, 推动, 支持 … + object, 4–14 characters to the clause end, no figure) right after a
    /// figure at `k`, else nil.
    private func purposeAfter(_ k: Int) -> String? {
        guard k < s.count, let l = Self.purposeVerbs.prefix(s, at: k, limit: min(s.count, k + 3)) else {
            return nil
        }
        // 用于/用作/用来 only mark the purpose: 拨款用于老旧小区改造 → 老旧小区改造拨款.
        let from = s[k] == u("用") ? k + l : k
        var e = k
        while e < s.count, e - k <= 14, !CharClass.isBreak(s[e]) {
            if CharClass.isDigit(s[e]) { return nil }
            e += 1
        }
        guard e - k >= 4, e - k <= 14, e == s.count || CharClass.isBreak(s[e]), e - from >= 2 else { return nil }
        return clean(from, e)
    }

    /// Verbs of allocating money (拨款 is both the act and the noun): their figure is money for a purpose.
    static let allocating = WordList("拨款 拨出 斥资 预留 拨付 下拨 投放 筹集 撥款 撥出 撥付 下撥")
    /// Verbs opening a purpose after an allocated sum.
    static let purposeVerbs = WordList("用于 用作 用来 推动 推进 支持 资助 发展 兴建 改善 扶持 推广 促进 协助 援助")

    /// The noun phrase from after the 的 at `de` to the clause's end (2–8 characters, no figure), else nil.
    private func nounAfterDe(_ de: Int) -> String? {
        var e = de + 1
        while e < s.count, e - de <= 9, !CharClass.isBreak(s[e]) {
            if CharClass.isDigit(s[e]) || CharClass.has(s[e], CharClass.cjkDigit) { return nil }
            e += 1
        }
        guard e - de <= 9, e == s.count || CharClass.isBreak(s[e]) else { return nil }
        let (x, y) = trim(de + 1, e)
        return y - x >= 2 ? clean(x, y) : nil
    }

    /// The verb phrase before the figure (`trimmed`: its range, trimmed) as the subject, with a
    /// multi-character person unit (涉及人次).
    /// A light verb with only a topic before it (沿海港口完成354599万吨) marks the topic for the
    /// lead-in's indicator (see ScopeTracker).
    private func actionSubject(_ q: RawQuantity, _ trimmed: (Int, Int), _ result: inout Result) -> String {
        let (va, vb) = trimmed
        guard va < vb else { return "" }
        var reported: String? = nil
        if let vl = lex.lightVerbs.suffix(s, before: vb, limit: va), vl < vb - va {
            let (ta, tb) = trim(va, vb - vl)
            if ta < tb {
                result.topic = clean(ta, tb); result.bareLightVerb = true
                // 农林牧渔业总产值完成112.3亿元: a light verb right before the figure only reports it
                // (as 达到 does); the subject is what stands before it.
                reported = result.topic
            }
        }
        var subject = reported ?? clean(va, vb)
        if q.kind == .count, q.unitEnd > q.unitStart, q.unitEnd - q.unitStart >= 2 {
            subject += q.unit ?? String(scalars: s[q.unitStart..<q.unitEnd])  // 人(次) → 人次
        }
        return subject
    }

    /// The name in the quotes or title marks opening at `open` (“…” or 《…》), without the quotes.
    private func quotedName(at open: Int) -> String? {
        let close: UInt32 = s[open] == u("《") ? u("》") : 0x201D
        var k = open + 1
        while k < s.count, k - open <= 30, s[k] != close, !CharClass.isBreak(s[k]) { k += 1 }
        guard k < s.count, s[k] == close, k - open >= 3 else { return nil }
        return clean(open, k + 1)
    }

    /// After X等 (and 各类, 各种, 多种) in `[a, b)` when two or more characters follow: where the noun starts.
    private func afterExamples(_ a: Int, _ b: Int) -> Int? {
        guard let d = lastIndex(of: u("等"), a + 1, b), d + 1 < b, !Self.notExamples.contains(s[d + 1]) else {
            return nil
        }
        var k = d + 1
        if let l = Self.examplesClassifier.prefix(s, at: k, limit: b) { k += l }
        return b - k >= 2 ? k : nil
    }

    /// 等级, 等待, 等于, 等同, 等候: 等 is not the end of a list of examples.
    static let notExamples = ScalarSet("级級待于於同候")
    static let examplesClassifier = WordList("各类 各类的 各种 多种 多类 多项 方面的 领域的 的")

    /// 全村剩余的31户，62人，全部脱贫: counted sets that end their clauses, then a clause that is only an
    /// adverb of totality and a short predicate; the predicate (脱贫) says what the counted did. Reads
    /// forward over at most the next few clauses.
    func collectivePredicate(after suffixEnd: Int, sentenceEnd: Int, later: ArraySlice<Range<Int>>) -> String? {
        var k = suffixEnd
        var spans = later.makeIterator()
        for _ in 0..<4 {
            guard k < sentenceEnd, s[k] == u("，") || s[k] == u(",") else { return nil }
            k += 1
            // Another figure alone in its clause (，62人，) belongs to the same set.
            if let next = spans.next(), next.lowerBound == k {
                k = next.upperBound
                continue
            }
            guard let l = Self.totality.prefix(s, at: k, limit: sentenceEnd) else { return nil }
            let a = k + l
            // ，均为女性 / ，都是新建: a linking word describes the set; it is not what the set did.
            if lex.linkers.prefix(s, at: a, limit: sentenceEnd) != nil { return nil }
            var b = a
            while b < sentenceEnd, CharClass.isIdeograph(s[b]), !CharClass.isBreak(s[b]) { b += 1 }
            guard b - a >= 2, b - a <= 4, b == sentenceEnd || CharClass.isBreak(s[b]) else { return nil }
            return clean(a, b)
        }
        return nil
    }

    /// Characters before 均/都 that make a word with it (人均, 户均, 平均, 成都, 首都, 京都).
    static let closesWithTotality = ScalarSet("人户亩平日月年生场成首京国古旧帝故")

    /// `totality` without the verb some of its entries include (全部实现).
    /// 已/已经 too: 等7个项目已竣工投用 counts the projects completed, as 均已 does.
    static let totalityAdverbs = WordList("全部 全部已 全都 均 均已 都 都已 已 已经")

    /// Adverbs of totality opening a predicate of the whole set: 全部脱贫, 均已出列, 都已就业.
    static let totality = WordList("全部 全部已 全都 均 均已 都 都已 已全部 全部实现")

    /// 每 + a time unit (每月, 每年, 每天) in `[a, b)`: where it starts.
    private func perPeriod(_ a: Int, _ b: Int) -> Int? {
        var m = a
        while m + 1 < b {
            if s[m] == u("每"), Self.periodUnits.contains(s[m + 1]) { return m }
            m += 1
        }
        return nil
    }

    static let periodUnits = ScalarSet("年月日天周季")

    /// The figure counts with a verbal measure word (次, 回, 趟, 遍, 轮).
    private func isVerbal(_ q: RawQuantity) -> Bool {
        q.kind == .count && q.unitEnd == q.unitStart + 1 && MeasureWords.verbal.contains(s[q.unitStart])
    }

    /// The actor before the verb ending at `verbEnd`: what precedes the verb, without an opening pivot
    /// verb (要求/鼓励/组织 + actor + action) and without the adverbs between actor and verb.
    private func actor(_ cs: Int, before verbEnd: Int) -> String {
        var (a, b) = trim(cs, verbEnd - verbLength(before: verbEnd, from: cs))
        if let l = lex.pivotVerbs.prefix(s, at: a, limit: b) { (a, b) = trim(a + l, b) }
        while a < b, let l = lex.actorAdverbs.suffix(s, before: b, limit: a) { b -= l }
        return a < b ? clean(a, b) : ""
    }

    private func verbLength(before k: Int, from a: Int) -> Int {
        lex.verbs.suffix(s, before: k, limit: a) ?? 0
    }

    private func noteDistributive(_ r: inout Result, _ e: Int) {
        if e + 1 < s.count, s[e] == u("分"), s[e + 1] == u("别") || s[e + 1] == u("別") { r.distributive = e }
    }

    /// A sign or an ASCII or full-width digit.
    private static func opensFigure(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0xFF10 && c <= 0xFF19) || CharClass.sign(c) != nil
    }

    /// 同比/环比/比/较/按年… or a change word of two characters or more (增长, 下降) at `f`.
    private func opensChange(at f: Int) -> Bool {
        let c0 = ScriptFold.simplified(s[f])
        let c1 = f + 1 < s.count ? ScriptFold.simplified(s[f + 1]) : 0
        if c0 == u("比") || c0 == u("较") { return true }
        if c0 == u("同") || c0 == u("环") || c0 == u("相"), c1 == u("比") || c1 == u("较") { return true }
        if c0 == u("按"), c1 == u("年") || c1 == u("季") || c1 == u("月") { return true }
        let limit = min(s.count, f + 6)
        // Two characters at least: a bare 高/低/多 opens nouns too (高龄老年人).
        return (lex.increase.prefix(s, at: f, limit: limit) ?? 0) >= 2
            || (lex.decrease.prefix(s, at: f, limit: limit) ?? 0) >= 2
    }

    /// The noun phrase after the measure word, or the one an enumeration shares.
    func forward(_ q: RawQuantity, suffixEnd: Int, later: ArraySlice<Range<Int>>, includePredicate: Bool) -> String {
        let n = s.count
        var f = suffixEnd
        while f < n, CharClass.isSpace(s[f]) { f += 1 }
        // 建造業（由7.2%跌至6.8%）及零售業: what follows a parenthesis the figure closes is outside it.
        guard f < n, s[f] != 0x29, s[f] != 0xFF09 else { return "" }
        // 进口89.1亿元（+3.3%）: a parenthesis that opens with a figure or its sign holds no noun of this one.
        if s[f] == 0x28 || s[f] == 0xFF08, f + 1 < n, Self.opensFigure(s[f + 1]) { return "" }
        // 新增就业21.92万人 完成全年目标任务: a space before a verb separates two statements (a headline).
        if f > suffixEnd,
            lex.verbs.prefix(s, at: f, limit: n) != nil
                || lex.lightVerbs.prefix(s, at: f, limit: n) != nil
        {
            return ""
        }
        // 外贸进出口6318.6亿元同比增长5.7% (a headline): a comparison or a change word after the figure opens
        // the predicate of the next figure, no noun of this one.
        if opensChange(at: f) { return "" }
        var clauseEnd = f
        var openedAt = -1  // an open parenthesis (县（市、区）): its breaks are inside the noun
        while clauseEnd < n {
            let c = s[clauseEnd]
            // Ideographs (U+3400–U+9FFF) are no break: most of the clause, told without the class table.
            if !(c >= 0x3400 && c < 0xA000) {
                if c == 0x28 || c == 0xFF08 {
                    openedAt = clauseEnd
                } else if c == 0x29 || c == 0xFF09 {
                    openedAt = -1
                } else if openedAt < 0 || clauseEnd - openedAt > 12, CharClass.isBreak(c) && c != u("、") {
                    break
                }
            }
            clauseEnd += 1
        }
        let c = s[f]
        if c == u("、") || c == u("和") || c == u("及") || ScriptFold.simplified(c) == u("与") {
            // 4期、近3000本《园区党建简报》: the items share the noun after the last figure.
            guard let last = later.last(where: { $0.lowerBound > f && $0.lowerBound < clauseEnd }) else { return "" }
            var a = last.upperBound
            if let hit = QualifierLexicon.after(s, a, limit: clauseEnd) { a += hit.length }
            while a < clauseEnd, CharClass.isSpace(s[a]) { a += 1 }
            var b = clauseEnd
            if let d = lastIndex(of: u("的"), a, b), b - (d + 1) >= 2 { a = d + 1 }
            var m = a
            while m < b {
                if lex.forwardStops.prefix(s, at: m, limit: b) != nil && m > a { b = m; break }
                m += 1
            }
            let (x, y) = trim(a, b)
            return x < y ? clean(x, y) : ""
        }
        if c == u("的") { f += 1 }
        let limit = min(clauseEnd, f + (includePredicate ? 24 : 20))
        // The reading stops at the next figure: the nearest later span starting after `f`.
        var nextFigure = Int.max
        for span in later where span.lowerBound > f && span.lowerBound < nextFigure { nextFigure = span.lowerBound }
        // 1,056個旅行團約2.8萬人次: the next figure's qualifier is part of it, not of this noun.
        if nextFigure < limit, let hit = QualifierLexicon.before(s, nextFigure, limit: f + 1) {
            nextFigure -= hit.length
        }
        // 为8.7万名80周岁以上老年人: an age bracket opening the noun is part of it (it is no figure).
        let bracketEnd = CharClass.has(s[f], CharClass.asciiDigit) ? ageBracketEnd(at: f, before: limit) ?? f : f
        var k = bracketEnd
        var open = -1
        while k < limit || (open >= 0 && k < clauseEnd) {
            let ch = s[k]
            // 58个县（市、区）: a short parenthesis after the noun is part of it, breaks and all.
            if ch == 0x28 || ch == 0xFF08, k > f, k + 2 < clauseEnd { open = k; k += 1; continue }
            if open >= 0 {
                if ch == 0x29 || ch == 0xFF09 {
                    open = -1
                } else if k - open > 12 {
                    k = open; break
                }
                k += 1
                continue
            }
            // 1286家中小学、幼儿园食堂均实现…: nouns joined by 、 with no figure of their own to the clause's end
            // are one counted set; before a figure (4期、近3000本) the 、 joins figures.
            if ch == u("、"), q.kind != .count || includePredicate || nextFigure < clauseEnd || clauseEnd > limit {
                break
            }
            if k >= nextFigure { break }
            if includePredicate {
                if k > f, lex.predicateStops.prefix(s, at: k, limit: limit) != nil { break }
            } else {
                // 50个新建的非公企业党组织: a verb before 的 modifies the noun after it; read on.
                if ch == u("的") {
                    if k + 1 < limit, lex.verbs.suffix(s, before: k, limit: f) != nil {
                        k += 1; continue
                    }
                    break
                }
                if k > f, lex.forwardStops.prefix(s, at: k, limit: limit) != nil { break }
                if k > f, let vl = lex.verbs.prefix(s, at: k, limit: limit),
                    !(k + vl < n
                        && (lex.nominalAfterVerb.contains(ScriptFold.simplified(s[k + vl]))
                            || s[k + vl] == u("的"))),
                    // 1次集中培训，: after a verbal measure word a verb that ends the clause names the event.
                    !(k + vl >= clauseEnd && isVerbal(q))
                {
                    break
                }
            }
            k += 1
        }
        // A figure never names itself: stop before a following number.
        var b = k
        var m = bracketEnd
        while m < b {
            if CharClass.has(s[m], CharClass.asciiDigit) { b = m; break }
            m += 1
        }
        let (x, y) = trim(f, b)
        guard x < y else { return "" }
        if b == k, let done = totalityPredicate(at: k, clauseEnd: clauseEnd, nextFigure: nextFigure) {
            return done + "的" + clean(x, y)
        }
        return clean(x, y)
    }

    /// The end of an age bracket (80周岁以上, 60岁及以下) opening at `m`, when one does and ends before `b`.
    private func ageBracketEnd(at m: Int, before b: Int) -> Int? {
        var k = m
        while k < b, CharClass.has(s[k], CharClass.asciiDigit) { k += 1 }
        if k < b, ScriptFold.simplified(s[k]) == u("周") { k += 1 }
        guard k < b, ScriptFold.simplified(s[k]) == u("岁") else { return nil }
        k += 1
        if k < b, s[k] == u("及") || s[k] == u("或") { k += 1 }
        guard k + 1 < b, s[k] == u("以"), s[k + 1] == u("上") || s[k + 1] == u("下") else { return nil }
        return k + 2
    }

    /// 全县226个村（社区）全部实现党组织书记、主任“一肩挑”: an adverb of totality after the counted noun, then
    /// a verb phrase to the clause's end with no figure, says what every one counted did; the count is
    /// of those (实现…一肩挑的村（社区）, as 2196个建制村均建立了党组织 is 建立党组织的建制村). The predicate,
    /// without the adverb and the verb's 了; nil for any other clause.
    private func totalityPredicate(at k: Int, clauseEnd: Int, nextFigure: Int) -> String? {
        guard k < clauseEnd, nextFigure >= clauseEnd,
            s[k] == u("全") || s[k] == u("均") || s[k] == u("都") || s[k] == u("已"),
            let l = Self.totalityAdverbs.prefix(s, at: k, limit: clauseEnd),
            // 人均, 平均, 成都, 首都: the character closes a word of the noun, it is no adverb.
            k == 0 || !Self.closesWithTotality.contains(ScriptFold.simplified(s[k - 1]))
        else { return nil }
        let a = k + l
        // 均达到国家…标准: with no figure after it a verb of reaching takes an object, as any verb; a copula
        // (均为贫困村) classifies the noun, it names no doing.
        let linker = lex.linkers.prefix(s, at: a, limit: clauseEnd)
        guard clauseEnd - a >= 2, clauseEnd - a <= 24,
            linker == nil || (linker! >= 2 && !Self.copulaFirst.contains(ScriptFold.simplified(s[a]))),
            let vl = lex.verbs.prefix(s, at: a, limit: clauseEnd) ?? linker
        else { return nil }
        let (x, y) = trim(a, clauseEnd)
        guard x < y else { return nil }
        // 举办了招聘会, 建立了党组织: the verb's 了 (standing after it, or listed with it) is dropped.
        var v = a + vl
        if v - 1 >= a, s[v - 1] == u("了") { v -= 1 }
        guard x <= v, v < y, s[v] == u("了"), v + 1 < y else { return clean(x, y) }
        return clean(x, v) + clean(v + 1, y)
    }

    static let copulaFirst = ScalarSet("为是属")

    /// The start of the clause ending at `end`: after the last break, not counting breaks inside
    /// parentheses (优良水质(一、二类)比例 is one clause).
    func clauseStart(before end: Int, floor: Int) -> Int {
        var cs = end, depth = 0
        while cs > floor {
            let c = s[cs - 1]
            // Most of a clause is ideographs (U+3400–U+9FFF): neither a parenthesis nor a break.
            if c >= 0x3400 && c < 0xA000 { cs -= 1; continue }
            if c == 0x29 || c == 0xFF09 {
                depth += 1
            } else if (c == 0x28 || c == 0xFF08) && depth > 0 {
                depth -= 1
            } else if depth == 0, CharClass.isBreak(c) {
                break
            }
            cs -= 1
        }
        return cs
    }
}
