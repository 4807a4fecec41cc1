/// The scope a lead-in sets for the figures after it, tracked in one pass over an article.
///
/// 其中 opens a breakdown of the figure before it: 港口完成货物吞吐量519376万吨。其中，沿海港口完成354599万吨
/// reads "沿海港口 [货物吞吐量]", and 装机容量7487.71万千瓦。其中，水电971.82万千瓦 reads "水电 [装机容量]".
/// The breakdown lasts to the end of the sentence that holds the 其中 (or until a sibling indicator
/// of the parent's kind). The work per figure is constant.
struct ScopeTracker {
    private var sentenceEnd = 0
    /// The indicator of the last figure that named one (without its topic).
    private var lastIndicator = ""
    /// The indicator a 其中 opened, valid up to `sentenceEnd`.
    private(set) var parent: String? = nil
    private var parentScalars: [UInt32] = []
    private var parentKind: MetricKind? = nil
    private var lastKind: MetricKind? = nil
    private var lastMeasureWord: UInt32? = nil
    private var parentMeasureWord: UInt32? = nil
    /// No figure has been read since the 其中 opened.
    private var firstPart = false

    /// Looks for a 其中 opening the figure's clause (其中省级9家) or standing as the clause before it
    /// (其中，水电971.82万千瓦): a constant amount of work per figure, at its clause start.
    mutating func advance(_ s: [UInt32], clauseStart cs: Int, sentence: Range<Int>) {
        if parent != nil, sentence.lowerBound >= sentenceEnd { parent = nil }
        guard !lastIndicator.isEmpty, cs == sentence.lowerBound || (cs > 0 && CharClass.isBreak(s[cs - 1])) else {
            return
        }
        var opens = Self.startsWithQiZhong(s, cs, sentence.upperBound)
        if !opens, cs - 1 > sentence.lowerBound {
            // ，其中，X…: the clause before is 其中 alone.
            var a = cs - 1
            while a > sentence.lowerBound, cs - 1 - a <= 3, !CharClass.isBreak(s[a - 1]) { a -= 1 }
            opens = (a == sentence.lowerBound || CharClass.isBreak(s[a - 1])) && Self.startsWithQiZhong(s, a, cs - 1)
        }
        if opens {
            firstPart = true
            parent = lastIndicator
            parentScalars = [UInt32](lastIndicator)
            parentKind = lastKind
            parentMeasureWord = lastMeasureWord
            sentenceEnd = sentence.upperBound
        }
    }

    private static func startsWithQiZhong(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b, CharClass.isSpace(s[k]) { k += 1 }
        guard k + 1 < b, s[k + 1] == u("中") else { return false }
        return s[k] == u("其") || ((s[k] == u("当") || s[k] == u("當")) && dangZhongIsQiZhong(s, k, b))
    }

    /// 當中 at `k` (Hong Kong and Macao) reads as 其中 before a break, a figure, 有 or a qualifier (or at
    /// `b`); 当中国, 当中央 are 当 + a word. The breakdown rule and the subject's leading words both ask this.
    static func dangZhongIsQiZhong(_ s: [UInt32], _ k: Int, _ b: Int) -> Bool {
        k + 2 >= b || !CharClass.isIdeograph(s[k + 2]) || afterDangZhong.contains(ScriptFold.simplified(s[k + 2]))
    }

    static let afterDangZhong = ScalarSet("有约近超逾不共仅")

    /// The subject of a figure inside a breakdown: the part named plus the parent's indicator.
    /// - Parameters:
    ///   - measureWord: the figure's one-character measure word, if any.
    ///   - afterSemicolon: the figure's clause opens a new ；-item.
    func apply(
        _ found: SubjectFinder.Result, base: String, kind: MetricKind?, measureWord: UInt32?, afterSemicolon: Bool
    ) -> String {
        guard let parent, !found.change else { return base }
        if found.bareLightVerb { return found.topic + parent }
        // 服务中心(站)2079家，其中中心341家、站1738家；卫生技术人员2.8万人: past the breakdown's items (；), a count
        // with another measure word than the parent's is not a part but another indicator of the parent's unit.
        if afterSemicolon, kind == .count, parentKind == .count, let mw = measureWord, let pm = parentMeasureWord,
            mw != pm, !base.isEmpty, !InertText.hasPrefix(base, parent), base.unicodeScalars.count <= 8
        {
            return parent + base
        }
        // 涉及职工4316人，其中制造业(就占)3900余人: an industry (most sections of the national classification
        // of economic activities and the three sectors end in 业: 制造业, 建筑业, 第三产业) is never what a
        // figure counts or measures, only where: a scope of the parent's indicator, of any kind. A parent
        // that names an industry itself (工业增加值, 农业从业人员) is broken down by the others' rules.
        if !base.isEmpty, found.indicator.isEmpty, Self.isIndustry(base), !Self.namesIndustry(parentScalars) {
            return base + parent
        }
        // 编制床位…张，其中社区卫生服务中心7235张: an institution counted with a measure word that does
        // not count institutions (张, 人) is a scope of the parent's indicator.
        if !base.isEmpty, kind == .count, parentKind == .count, !found.linked, found.indicator.isEmpty,
            base.unicodeScalars.count <= 10,
            Self.institutionHeads.suffix([UInt32](base), before: base.unicodeScalars.count, limit: 0) != nil,
            let mw = measureWord,
            !Self.institutionCounters.contains(mw)
        {
            return base + parent
        }
        // 服务中心(站)2079家，其中中心341家、站1738家: a part that is the parent's head word (or its
        // alternative in parentheses) is the parent with that head.
        guard !base.isEmpty, base.utf8.count <= 18 else { return base }  // parts are short (≤ 6 characters)
        let b = [UInt32](base), p = parentScalars
        if let headed = Self.withHead(b, of: p) {
            // ；而经乙站入境的旅客为55万人次: a head with a 的-modifier of its own is a sibling part, scoped by it.
            return found.deModifier.isEmpty ? headed : found.deModifier + base
        }
        // 水电971.82万千瓦 under 装机容量: a bare noun before a physical measure names a scope, not a
        // new indicator (水电 is not measured in 千瓦 by itself). A count's noun is what it counts
        // (其中研发人员8000名) and an amount of money names its own component (其中财政补助395.6亿元).
        // An age under an age (期望寿命82.20岁，其中男性79.85岁) is such a measure too; other durations are
        // parts (共8天，其中法定假日3天).
        guard !found.linked, found.indicator.isEmpty, found.shareBase == nil,
            kind == parentKind, let kind, Self.measures.contains(kind) || (kind == .duration && measureWord == u("岁"))
        else { return base }
        guard b.count <= 6, p.count >= 2 else { return base }
        if sharesHead(b, p) { return base }
        return base + parent
    }

    /// 货物贸易进出口总值…，其中出口4127.3亿元: 进出口 is 进口 and 出口 together; a part that is one of
    /// them is that flow of the parent's indicator (出口总值), not 进 + 出口 (货物贸易进出口); the scope
    /// before 进出口 is the release's whole trade, which every figure of it shares.
    static func tradeMember(_ b: [UInt32], of p: [UInt32]) -> String? {
        guard b.count == 2, ScriptFold.simplified(b[1]) == u("口") else { return nil }
        let first = ScriptFold.simplified(b[0])
        guard first == u("进") || first == u("出") else { return nil }
        var i = 0
        while i + 3 <= p.count {
            if ScriptFold.simplified(p[i]) == u("进"), ScriptFold.simplified(p[i + 1]) == u("出"),
                ScriptFold.simplified(p[i + 2]) == u("口")
            {
                return String(scalars: b + Array(p[(i + 3)...]))
            }
            i += 1
        }
        return nil
    }

    static func withHead(_ b: [UInt32], of p: [UInt32]) -> String? {
        guard b.count <= 3, p.count > b.count + 1 else { return nil }
        if let member = tradeMember(b, of: p) { return member }
        var main = p[...], alternative: ArraySlice<UInt32> = []
        if let close = p.last, close == 0x29 || close == 0xFF09,
            let open = p.lastIndex(where: { $0 == 0x28 || $0 == 0xFF08 })
        {
            main = p[..<open]
            alternative = p[(open + 1)..<(p.count - 1)]
        }
        var i = main.startIndex + 1
        while i + b.count <= main.endIndex {
            // The first scalar first; the slice is compared in place (no array per position).
            if b.isEmpty || (main[i] == b[0] && main[i..<(i + b.count)].elementsEqual(b)) {
                // 次均医药费，其中药费: a part is never the whole; ending inside the parent's last word,
                // it narrows that word (医药费 → 药费).
                if i + b.count == p.count { return String(scalars: Array(main[..<(i - 1)]) + b) }
                return String(scalars: Array(main[..<i]) + b)
            }
            i += 1
        }
        // The alternative replaces a head of two characters: 中心(站) → 站.
        if Array(alternative) == b, main.count > 3 { return String(scalars: Array(main.dropLast(2)) + b) }
        return nil
    }

    /// A name ending in 业 that names an industry (制造业, 住宿和餐饮业, 第三产业, 重点行业), not one of the
    /// words in 业 that name people, bodies, states or activities (企业, 事业, 就业, 毕业, 从业, 停业 …).
    static func isIndustry(_ base: String) -> Bool {
        // The last scalar first (业 and 業 are three UTF-8 bytes ending in 0x9A and 0xAD): most parts end in neither.
        guard let last = base.unicodeScalars.last, ScriptFold.simplified(last.value) == u("业") else { return false }
        let b = [UInt32](base)
        guard b.count >= 2, b.count <= 16 else { return false }
        return notIndustries.suffix(b, before: b.count, limit: 0) == nil
    }

    /// Whether `p` holds an industry's name (a 业 that closes no word of `notIndustries`).
    static func namesIndustry(_ p: [UInt32]) -> Bool {
        for j in p.indices.dropFirst() where ScriptFold.simplified(p[j]) == u("业") {
            if notIndustries.suffix(p, before: j + 1, limit: 0) == nil { return true }
        }
        return false
    }

    static let notIndustries = WordList(
        """
        企业 事业 就业 毕业 专业 创业 作业 失业 职业 学业 营业 结业 肄业 实业 伟业 基业 家业 \
        从业 转业 开业 停业 歇业 复业 待业 主业 副业 置业 守业 修业 课业
        """)

    /// Heads of institution names, and the measure words that count institutions.
    static let institutionHeads = WordList("院 医院 中心 站 所 室 机构 学校 企业 公司 银行 单位")
    static let institutionCounters = Set([UInt32]("家个所座处间"))

    static let measures: Set<MetricKind> = [.area, .length, .mass, .volume, .other]

    /// Ends the current breakdown (a clause that starts a new inventory).
    mutating func end() { parent = nil }

    /// Remembers the figure's indicator as the one a later 其中 breaks down.
    /// - Parameter part: `apply` read the figure as a part of the breakdown.
    mutating func record(
        _ found: SubjectFinder.Result, base: String, kind: MetricKind?, measureWord: UInt32?, part: Bool
    ) {
        let first = firstPart
        firstPart = false
        guard !found.change, !base.isEmpty else { return }
        if parent != nil {
            // 粮食总产量38.7万吨。其中，水稻种植面积41.3万亩，平均亩产528公斤: a breakdown whose first figure
            // is of another kind and no part of the parent's indicator breaks down the thing, indicator by
            // indicator, not the parent's indicator: its figures name their own.
            // …，其中药费256.3元；住院患者人均医药费用22672.7元，其中…: a figure of the parent's kind that names
            // a whole indicator of its own (not a part) ends the breakdown and may open the next one.
            let otherThing = first && kind != parentKind && found.shareBase == nil && !found.linked
            let ownIndicator = kind == parentKind && base.unicodeScalars.count > 6
            guard !part, !found.bareLightVerb, otherThing || ownIndicator else { return }
            parent = nil
        }
        lastIndicator = found.indicator.isEmpty ? base : found.indicator
        lastKind = kind
        lastMeasureWord = measureWord
    }

    /// 发明专利 under 申请专利, 出口 under 进出口总值: a part that shares a word (two characters) with
    /// the parent's indicator names an indicator of its own.
    private func sharesHead(_ b: [UInt32], _ p: [UInt32]) -> Bool {
        var i = 0
        while i + 1 < b.count {
            var j = 0
            while j + 1 < p.count {
                if b[i] == p[j], b[i + 1] == p[j + 1] { return true }
                j += 1
            }
            i += 1
        }
        return false
    }
}
