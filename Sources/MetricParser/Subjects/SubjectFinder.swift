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

    struct Result {
        var subject: String
        var change = false
        var direction: Direction? = nil
        /// The X of a clause 占X的…: the figure is a share of X (of the previous figure's subject).
        var shareBase: String? = nil
        /// For a change: the comparison phrase (同比, 比年初, 高于全国) and the change word as written.
        var comparison: Range<Int>? = nil
        var changeWord: Range<Int>? = nil
        /// TOPIC + light verb + OBJECT (高新技术产业实现产值): the topic is scope, the object the indicator.
        var topic: String = ""
        var indicator: String = ""
        /// A light verb with no object (沿海港口完成354599万吨): the indicator is the lead-in's.
        var bareLightVerb = false
        /// Where 分别 starts when the figure heads a distributive list (…分别为4.0%、43.4%和52.6%).
        var distributive: Int? = nil
        /// SUBJECT + linking word + figure (覆盖率达88.8%).
        var linked = false
        /// Where the figure's clause starts.
        var clauseStart = 0
    }

    /// - Parameters:
    ///   - prefixStart: start of the qualifier/currency words before the number.
    ///   - suffixEnd: end of the quantity plus trailing qualifier (左右, 以上).
    ///   - floor: end of the previous metric (a subject never reaches back past it).
    ///   - later: spans of the next metrics (a forward subject stops at them; an enumeration shares
    ///     the noun after the last one).
    func find(_ q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, later: ArraySlice<Range<Int>>) -> Result {
        let cs = clauseStart(before: prefixStart, floor: floor)
        var e = prefixStart
        var linked = false, existential = false, sawDe = false
        var result = Result(subject: "")
        var open = cs
        while open < prefixStart, CharClass.isSpace(s[open]) { open += 1 }
        if open < prefixStart, s[open] == u("占") || s[open] == u("佔") {
            if let d = lastIndex(of: u("的"), open + 1, prefixStart), d > open + 1 {
                result.shareBase = clean(open + 1, d)
            } else if q.kind == .percent {
                // 占党员总数28.65%: the whole is named right before the share; 占25.2% names none.
                let (x, y) = trim(open + 1, prefixStart)
                if y - x >= 2 { result.shareBase = clean(x, y) } else if x >= y { result.shareBase = "" }
            }
        }

        // Peel what stands between the subject and the figure: 了, 达, 就有, 比上年增长, 同比下降.
        var guardCount = 0
        peel: while e > cs, guardCount < 12 {
            guardCount += 1
            while e > cs, CharClass.isSpace(s[e - 1]) { e -= 1 }
            let whole = PredicateLexicon.keepWhole.suffix(s, before: e, limit: cs) ?? 0  // 平均 is not 平 + 均
            if let l = PredicateLexicon.linkers.suffix(s, before: e, limit: cs), whole <= l,
               (PredicateLexicon.verbs.suffix(s, before: e, limit: cs) ?? 0) <= l {  // 设有 is a verb, not 设 + 有
                    if s[e - 1] == u("有") { existential = true }
                linked = true; e -= l; noteDistributive(&result, e); continue
            }
            if let l = PredicateLexicon.particles.suffix(s, before: e, limit: cs), whole <= l {
                // 质量提升的8条: a verb before 的 modifies the noun, it is not a change of the figure.
                if s[e - 1] == u("的") { sawDe = true }
                e -= l; noteDistributive(&result, e); continue
            }
            if !result.change && !sawDe {
                // 提高/降低 are changes; a bare 高/低 only after a comparison (比上年高0.3个百分点).
                // The longer change word wins: 少增 is a decrease, not 增 after 少.
                let downLength = PredicateLexicon.decrease.suffix(s, before: e, limit: cs) ?? 0
                if let l = PredicateLexicon.increase.suffix(s, before: e, limit: cs), l >= downLength,
                   !(l == 1 && e - 2 >= cs && s[e - 2] == u("新")),
                   l > 1 || !Self.comparatives.contains(s[e - 1]) || hasComparison(cs, e - 1) {
                    result.change = true; result.direction = .up; markChange(&result, cs, &e, l); continue
                }
                if let l = PredicateLexicon.decrease.suffix(s, before: e, limit: cs),
                   l > 1 || !Self.comparatives.contains(s[e - 1]) || hasComparison(cs, e - 1) {
                    result.change = true; result.direction = .down; markChange(&result, cs, &e, l); continue
                }
            }
            break peel
        }
        if !result.change, let head = referenceHead(cs, e) {
            // 低于控制目标1.34个百分点 / 超年度目标121.76万人: a difference from a named reference.
            result.change = true; result.direction = head.direction
            result.comparison = head.start..<e; result.changeWord = nil
            e = head.start
        }
        if !result.change {
            if PredicateLexicon.increaseRate.suffix(s, before: e, limit: cs) != nil { result.change = true; result.direction = .up }
            else if PredicateLexicon.decreaseRate.suffix(s, before: e, limit: cs) != nil { result.change = true; result.direction = .down }
        }
        if existential {
            // 其中有5765家单位完成共建: what stands before 有 is scope, the subject follows.
            let (a, b) = trim(cs, e)
            if a < b { existential = false }
        }

        // Backward: the phrase between the clause start (or the verb) and the figure.
        var (a, b) = trim(cs, e)
        // 16个省市和36个地(市): a phrase ending in a conjunction is the previous item, not this one's.
        var rawEnd = e
        while rawEnd > cs, CharClass.isSpace(s[rawEnd - 1]) { rawEnd -= 1 }
        if rawEnd > cs, Self.conjunctions.contains(s[rawEnd - 1]), PredicateLexicon.verbs.suffix(s, before: rawEnd, limit: cs) == nil {
            a = b
        }
        var verbEnd = -1
        if a < b {
            var k = b
            while k > a {
                // 减少农村贫困人口3.2万人: a change verb taking the subject as object.
                // A change verb before 的 modifies a noun (对经济增长的贡献率), it is not a change.
                if k < b, !result.change, !PredicateLexicon.nominalAfterVerb.contains(s[k]), s[k] != u("的") {
                    if let l = PredicateLexicon.increase.suffix(s, before: k, limit: a), l >= 2 {
                        result.change = true; result.direction = .up; verbEnd = k; a = k; break
                    }
                    if let l = PredicateLexicon.decrease.suffix(s, before: k, limit: a), l >= 2 {
                        result.change = true; result.direction = .down; verbEnd = k; a = k; break
                    }
                }
                // A verb right before a linked or changed figure is a noun (固定资产投资同比增长10.5%).
                if let vl = PredicateLexicon.verbs.suffix(s, before: k, limit: a),
                   k == b ? !(linked || result.change) : !PredicateLexicon.nominalAfterVerb.contains(s[k]) {
                    if k < b, s[k] == u("的"), !linked {
                        // The verb sits in a relative clause (群众反映强烈的民生问题): keep the clause,
                        // cut at the first verb that opens it.
                        var start = a
                        var m = a + 1
                        while m < k - vl {
                            if PredicateLexicon.verbs.suffix(s, before: m, limit: a) != nil, !PredicateLexicon.nominalAfterVerb.contains(s[m]) {
                                start = m; break
                            }
                            m += 1
                        }
                        a = start
                    } else {
                        verbEnd = k
                        if PredicateLexicon.lightVerbs.suffix(s, before: k, limit: a) == vl {
                            let (ta, tb) = trim(a, k - vl)
                            if ta < tb, s[tb - 1] != u("的") { result.topic = clean(ta, tb) }
                        }
                        a = k
                    }
                    break
                }
                k -= 1
            }
            // 分批次分领域的轮训就有461期 → 轮训; but a distributive keeps the whole set (…对经济增长的贡献率分别为).
            if linked, result.distributive == nil, a < b, let d = lastIndex(of: u("的"), a, b), b - (d + 1) >= 2 { a = d + 1 }
            (a, b) = trim(a, b)
        }
        var subject = a < b ? clean(a, b) : ""
        if !result.topic.isEmpty {
            if subject.isEmpty { result.topic = "" } else { result.indicator = subject; subject = result.topic + subject }
        } else if verbEnd >= 0, !linked, b - a <= 2, a < b {
            // 农村劳动力转移就业647万人: a short object says little alone; a short topic (a noun, not a
            // long name) and the verb complete it.
            let (ta, tb) = trim(cs, a)
            let topic = tb - ta - verbLength(before: verbEnd, from: ta)
            if topic >= 2, topic <= 6 { subject = clean(ta, tb) + subject }
        }
        // “摸底排查—集中整改—验收评估”3个阶段: a quoted name before the figure modifies the noun after it.
        let quotedBefore = rawEnd > cs && (s[rawEnd - 1] == 0x201D || s[rawEnd - 1] == 0x22)
        if subject.isEmpty || quotedBefore {
            // A clause that opens with the figure (，77278个党员完成报到) or with 有 presents the
            // counted set together with what it did; elsewhere the noun phrase alone is the subject.
            var rawEmpty = true
            for k in cs..<prefixStart where !CharClass.isSpace(s[k]) { rawEmpty = false; break }
            let afterEnumeration = cs > 0 && s[cs - 1] == u("、")
            let f = forward(q, suffixEnd: suffixEnd, later: later,
                            includePredicate: existential || (rawEmpty && !afterEnumeration))
            if !f.isEmpty || subject.isEmpty { subject = f }
            // 涉及128个村: a one-character noun after the measure word counts nothing on its own; the
            // action before the figure says which villages (涉及村).
            if f.unicodeScalars.count == 1 {
                let (va, vb) = trim(cs, e)
                if va < vb { subject = clean(va, vb) + f }
            }
        }
        // 协调解决5708项 / 涉及近1万人次: the action itself is what is counted.
        if subject.isEmpty, verbEnd < 0, !result.change { subject = actionSubject(q, cs, e, &result) }
        if subject.isEmpty, verbEnd >= 0 { subject = actionSubject(q, cs, verbEnd, &result) }
        result.subject = subject
        result.linked = linked
        result.clauseStart = cs
        return result
    }

    /// The verb phrase `[cs, end)` as the subject, with a multi-character person unit (涉及人次).
    /// A light verb with only a topic before it (沿海港口完成354599万吨) marks the topic for the
    /// lead-in's indicator (see ScopeTracker).
    private func actionSubject(_ q: RawQuantity, _ cs: Int, _ end: Int, _ result: inout Result) -> String {
        let (va, vb) = trim(cs, end)
        guard va < vb else { return "" }
        if let vl = PredicateLexicon.lightVerbs.suffix(s, before: vb, limit: va), vl < vb - va {
            let (ta, tb) = trim(va, vb - vl)
            if ta < tb { result.topic = clean(ta, tb); result.bareLightVerb = true }
        }
        var subject = clean(va, vb)
        if q.kind == .count, q.unitEnd > q.unitStart, q.unitEnd - q.unitStart >= 2 {
            subject += String(scalars: s[q.unitStart..<q.unitEnd])
        }
        return subject
    }

    private func verbLength(before k: Int, from a: Int) -> Int {
        PredicateLexicon.verbs.suffix(s, before: k, limit: a) ?? 0
    }

    private func noteDistributive(_ r: inout Result, _ e: Int) {
        if e + 1 < s.count, s[e] == u("分"), s[e + 1] == u("别") || s[e + 1] == u("別") { r.distributive = e }
    }

    /// The noun phrase after the measure word, or the one an enumeration shares.
    func forward(_ q: RawQuantity, suffixEnd: Int, later: ArraySlice<Range<Int>>, includePredicate: Bool) -> String {
        let n = s.count
        var f = suffixEnd
        while f < n, CharClass.isSpace(s[f]) { f += 1 }
        guard f < n else { return "" }
        var clauseEnd = f
        while clauseEnd < n, !(CharClass.isBreak(s[clauseEnd]) && s[clauseEnd] != u("、")) { clauseEnd += 1 }
        let c = s[f]
        if c == u("、") || c == u("和") || c == u("及") || c == u("与") {
            // 4期、近3000本《园区党建简报》: the items share the noun after the last figure.
            guard let last = later.last(where: { $0.lowerBound > f && $0.lowerBound < clauseEnd }) else { return "" }
            var a = last.upperBound
            if let hit = QualifierLexicon.after(s, a, limit: clauseEnd) { a += hit.length }
            while a < clauseEnd, CharClass.isSpace(s[a]) { a += 1 }
            var b = clauseEnd
            if let d = lastIndex(of: u("的"), a, b), b - (d + 1) >= 2 { a = d + 1 }
            var m = a
            while m < b {
                if PredicateLexicon.forwardStops.prefix(s, at: m, limit: b) != nil && m > a { b = m; break }
                m += 1
            }
            let (x, y) = trim(a, b)
            return x < y ? clean(x, y) : ""
        }
        if c == u("的") { f += 1 }
        let limit = min(clauseEnd, f + (includePredicate ? 24 : 20))
        var k = f
        while k < limit {
            let ch = s[k]
            if ch == u("、") { break }
            if k > f, later.contains(where: { $0.lowerBound == k }) { break }
            if includePredicate {
                if k > f, PredicateLexicon.predicateStops.prefix(s, at: k, limit: limit) != nil { break }
            } else {
                if ch == u("的") { break }
                if k > f, PredicateLexicon.forwardStops.prefix(s, at: k, limit: limit) != nil { break }
                if k > f, let vl = PredicateLexicon.verbs.prefix(s, at: k, limit: limit),
                   !(k + vl < n && PredicateLexicon.nominalAfterVerb.contains(s[k + vl])) { break }
            }
            k += 1
        }
        // A figure never names itself: stop before a following number.
        var b = k
        var m = f
        while m < b {
            if CharClass.has(s[m], CharClass.asciiDigit) { b = m; break }
            m += 1
        }
        let (x, y) = trim(f, b)
        return x < y ? clean(x, y) : ""
    }

    /// The start of the clause ending at `end`: after the last break, not counting breaks inside
    /// parentheses (优良水质(一、二类)比例 is one clause).
    func clauseStart(before end: Int, floor: Int) -> Int {
        var cs = end, depth = 0
        while cs > floor {
            let c = s[cs - 1]
            if c == 0x29 || c == 0xFF09 { depth += 1 } else if (c == 0x28 || c == 0xFF08) && depth > 0 { depth -= 1 }
            else if depth == 0, CharClass.isBreak(c) { break }
            cs -= 1
        }
        return cs
    }

    /// Records the change word `s[e-l..<e]` and the comparison phrase before it, moving `e` before both.
    private func markChange(_ r: inout Result, _ cs: Int, _ e: inout Int, _ l: Int) {
        r.changeWord = (e - l)..<e
        e -= l
        let verbStart = e
        e = stripComparison(cs, e)
        // 比2019年底分别提升: adverbs between the base and the verb are not part of the comparison.
        var end = verbStart
        while end > e, let l = PredicateLexicon.particles.suffix(s, before: end, limit: e) { end -= l }
        r.comparison = e < end ? e..<end : nil
    }

    /// 高于全国 / 低于控制目标 / 超年度目标 right before the figure: the head and its direction.
    func referenceHead(_ cs: Int, _ e: Int) -> (start: Int, direction: Direction)? {
        var k = e - 2
        while k >= cs, e - k <= 10 {
            if CharClass.isBreak(s[k]) { return nil }
            guard Self.isReferenceFirst(s[k]) else { k -= 1; continue }
            // 超年度目标121.76万人: a bare 超 before a target (目标, 计划, 任务) is a comparison with it.
            let overTarget = s[k] == u("超") && k + 1 < e && SubjectContext.targetWords.suffix(s, before: e, limit: k + 1) != nil
            if let l = overTarget ? 1 : PredicateLexicon.referenceHeads.prefix(s, at: k, limit: e), k + l < e, k == cs || s[k - 1] != u("不") {
                let up = s[k] == u("高") || s[k] == u("超") || s[k] == u("优") || s[k] == u("快") || s[k] == u("多")
                return (k, up ? .up : .down)
            }
            k -= 1
        }
        return nil
    }

    /// 多/少/快/慢/高/低 are changes only after a comparison (比上年多3个, 比城镇居民快0.9个百分点).
    static let comparatives = Set([UInt32]("多少快慢高低"))
    /// First characters of the reference heads (高于 低于 超过 …): most positions fail here,
    /// without hashing.
    @inline(__always)
    static func isReferenceFirst(_ c: UInt32) -> Bool {
        switch c {
        case 0x9AD8, 0x4F4E, 0x8D85, 0x4F18, 0x5FEB, 0x6162, 0x591A, 0x5C11: return true  // 高低超优快慢多少
        default: return false
        }
    }
    static let conjunctions = Set([UInt32]("和及与或并"))

    func hasComparison(_ a: Int, _ b: Int) -> Bool {
        var k = b - 1
        while k >= a, b - k <= 12 {
            if s[k] == u("比") || s[k] == u("较") || s[k] == u("較") { return true }
            k -= 1
        }
        return false
    }

    /// Drops 同比 / 比上年 / 较去年同期 / 与上年相比 from the end of `[a, e)`.
    func stripComparison(_ a: Int, _ e0: Int) -> Int {
        var e = e0
        while e > a, CharClass.isSpace(s[e - 1]) || s[e - 1] == u("了") { e -= 1 }
        if e - 2 >= a, (s[e - 2] == u("同") || s[e - 2] == u("环")) && s[e - 1] == u("比") { return e - 2 }
        if e - 2 >= a, s[e - 2] == u("相") && s[e - 1] == u("比") {
            var k = e - 3
            while k >= a, e - k <= 14 {
                if s[k] == u("与") || s[k] == u("和") || s[k] == u("同") || s[k] == u("跟") { return k }
                k -= 1
            }
            return e - 2
        }
        var k = e - 1
        while k >= a, e - k <= 12 {
            if s[k] == u("比") || s[k] == u("较") || s[k] == u("較") {
                // 同比上年 / 环比上月: the 同/环 belongs to the comparison.
                if k - 1 >= a, s[k - 1] == u("同") || s[k - 1] == u("环") { return k - 1 }
                return k
            }
            if CharClass.isBreak(s[k]) { break }
            k -= 1
        }
        return e
    }

    func lastIndex(of c: UInt32, _ a: Int, _ b: Int) -> Int? {
        var k = b - 1
        while k >= a { if s[k] == c { return k }; k -= 1 }
        return nil
    }

    /// Trims spaces, scope words (全市, 其中, 2019年…) and particles from both ends.
    func trim(_ a0: Int, _ b0: Int) -> (Int, Int) {
        var a = a0, b = b0
        var changed = true
        var rounds = 0
        while changed && a < b && rounds < 16 {
            changed = false
            rounds += 1
            while a < b, CharClass.isSpace(s[a]) || isOpeningPunct(s[a]) { a += 1; changed = true }
            while b > a, CharClass.isSpace(s[b - 1]) { b -= 1; changed = true }
            // 就业 is not 就 + 业: scope words never leave a single character behind.
            if let l = PredicateLexicon.leadingNoise.prefix(s, at: a, limit: b), a + l <= b, a + l != b - 1 { a += l; changed = true; continue }
            if let y = yearPrefix(a, b) { a = y; changed = true; continue }
            if let l = PredicateLexicon.trailingNoise.suffix(s, before: b, limit: a),
               (PredicateLexicon.verbs.suffix(s, before: b, limit: a) ?? 0) <= l,  // 涉及 keeps its 及
               (PredicateLexicon.keepWhole.suffix(s, before: b, limit: a) ?? 0) <= l {  // 平均 keeps its 均
                b -= l; changed = true; continue
            }
            // 固定资产投资（不含农户）: a closing parenthetical is a remark, not part of the name.
            if b - a > 2, s[b - 1] == 0x29 || s[b - 1] == 0xFF09,
               let open = lastIndex(of: s[b - 1] == 0x29 ? 0x28 : 0xFF08, a, b - 1), open > a, b - 1 - open > 3 {
                b = open; changed = true; continue
            }
        }
        return (a, b)
    }

    private func isOpeningPunct(_ c: UInt32) -> Bool {
        c == 0x2D || c == 0x7E || c == 0xB7 || c == 0x2026 || c == 0x201D || c == 0x2019
    }

    /// "2019年" / "2019年上半年" / "截至2019年底" at `a` → index after it.
    private func yearPrefix(_ a: Int, _ b: Int) -> Int? {
        var k = a
        if k + 2 <= b, s[k] == u("截"), s[k + 1] == u("至") || s[k + 1] == u("止") { k += 2 }
        let d0 = k
        while k < b, CharClass.isDigit(s[k]) || s[k] == u("〇") || CharClass.has(s[k], CharClass.cjkDigit) && k - d0 < 4 { k += 1 }
        guard k - d0 == 4, k < b, s[k] == u("年") else { return nil }
        k += 1
        if let l = PeriodFinder.suffixes.prefix(s, at: k, limit: b) { k += l }
        if k < b, s[k] == u("度") { k += 1 }
        return k
    }

    /// `s[r]` without spaces and 了 (比上年 增长了 → 比上年增长), for comparisons and change words.
    func compact(_ r: Range<Int>) -> String {
        var out = [UInt32]()
        for k in r where !CharClass.isSpace(s[k]) && s[k] != u("了") { out.append(s[k]) }
        return String(scalars: out)
    }

    /// The subject text: quotes removed (“党企交流”活动 → 党企交流活动), 《》 and () kept.
    func clean(_ a: Int, _ b: Int) -> String {
        var out = [UInt32]()
        out.reserveCapacity(b - a)
        for k in a..<b {
            let c = s[k]
            if c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x22 || c == 0x27 { continue }
            if CharClass.isSpace(c) { continue }
            out.append(c)
        }
        return String(scalars: out)
    }
}
