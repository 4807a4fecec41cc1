/// The subject steps for one article, figure by figure in text order, with the state that carries
/// from one figure to the next (the last subject of the sentence, the 其中 scope, a 分别 list, a
/// pair of numbers sharing a unit).
///
/// 1. `SubjectFinder.find` reads the figure's own clause (what stands before it, a linking word,
///    a change verb and its comparison, or the noun after the measure word).
/// 2. `SubjectContext` completes a clause that names only part of it from the sentence's last subject.
/// 3. `ClauseTopic`: a clause that is only a link (，达到119.2亿元) takes the previous clause's topic.
/// 4. `Coordination`: 分别 pairs names with figures.
/// 5. `SegmentTopic`: a bare noun clause opening a ；-item is the scope of the item's figures;
///    `ScopeTracker`: a part under 其中 borrows the parent's indicator.
/// 6. `ChangeSubject`: a change names its comparison; `BasisReader` classifies it.
/// `MeasureWordSubject` runs over the finished metrics.
struct SubjectPipeline {
    struct Output {
        var found: SubjectFinder.Result
        var basis: BasisReader.Reading?
    }

    private(set) var finder: SubjectFinder
    private var s: [UInt32] { finder.s }
    private var previousSubject: (sentence: Int, subject: String)? = nil
    /// The sentence's last subject of each kind (预算收入3.5亿元，自然增幅2%，同口径完成3.67亿元 → the money's).
    private var byKind: (sentence: Int, subjects: KindTable) = (-1, KindTable())
    private var scope = ScopeTracker()
    private var coordination = Coordination()
    private var lastBase = ""
    /// The head of the last 的-modifier holding a figure (比例 of …1500元—2000元的比例), for a headless one.
    private var lastModifierHead = ""
    /// The sentence whose figures are cumulative, with 累计 as written and the end of its paragraph.
    private var cumulative: (sentence: Int, word: String, paragraphEnd: Int)? = nil
    /// The end of the paragraph holding the last 累计 mark.
    private var paragraphEnd = 0

    /// A year (2023年) or a relative time word (今年, 去年, 当年) in `[a, b)`: a sentence with its own period.
    private func namesTime(_ a: Int, _ b: Int) -> Bool {
        var k = a
        while k + 1 < b {
            let next = ScriptFold.simplified(s[k + 1])
            if next == u("年"), CharClass.isDigit(s[k]) || Self.relativeYears.contains(s[k]) { return true }
            k += 1
        }
        return false
    }

    /// A ；-item at `cs` that opens with 共有/还有/另有 (a new inventory: ；共有党员31742名).
    private func opensInventory(at cs: Int, _ sentence: Range<Int>) -> Bool {
        guard cs > 0, s[cs - 1] == u("；") || s[cs - 1] == u(";") else { return false }
        var k = cs
        while k < sentence.upperBound, CharClass.isSpace(s[k]) { k += 1 }
        guard let l = PredicateLexicon.existential.prefix(s, at: k, limit: sentence.upperBound) else { return false }
        return l >= 2
    }

    /// 今年, 去年, 当年, 上年, 本年, 明年, 前年.
    static let relativeYears = Set([UInt32]("今去当當上本明前"))

    /// 累计/累計 in `[a, b)` followed by a verb (not by the figure or a linking word: 用电量累计934亿千瓦时).
    private func cumulativeMark(_ a: Int, _ b: Int) -> String? {
        var k = a
        while k + 2 < b {
            if s[k] == u("累"), ScriptFold.simplified(s[k + 1]) == u("计"),
                PredicateLexicon.linkers.prefix(s, at: k + 2, limit: b) == nil, !CharClass.isDigit(s[k + 2]),
                PredicateLexicon.verbs.prefix(s, at: k + 2, limit: b) != nil
                    || PredicateLexicon.lightVerbs.prefix(s, at: k + 2, limit: b) != nil
                    || s[k + 2] == u("新")
            {
                return String(scalars: s[k..<(k + 2)])
            }
            k += 1
        }
        return nil
    }

    /// The subjects given so far in the article, by kind (one hash lookup a figure).
    private var counted = SubjectSet()
    /// Things counted in a row joined by 和/、 in the current sentence (2091家社会组织和…), by kind.
    private var joined: (sentence: Int, names: [String], kind: MetricKind?) = (-1, [], nil)

    /// How many figures form a 、/和-list starting with the figure that ends at `end`.
    private func listLength(from end: Int, _ later: ArraySlice<Range<Int>>) -> Int {
        var n = 1, k = end
        for span in later {
            var j = k
            while j < span.lowerBound, CharClass.isSpace(s[j]) { j += 1 }
            guard j < span.lowerBound, Coordination.listJoints.contains(s[j]) else { break }
            j += 1
            while j < span.lowerBound, CharClass.isSpace(s[j]) { j += 1 }
            guard j == span.lowerBound else { break }
            n += 1; k = span.upperBound
        }
        return n
    }

    /// The members of the last set counted right after them in the sentence (甲、乙、丙3个专区), with its noun.
    private var members: (sentence: Int, names: [String], noun: String) = (-1, [], "")

    /// The reading of the figure that opened the current 分别 list.
    private var listHead: SubjectFinder.Result? = nil

    /// The last figure's finished subject (with its comparison) and its sentence start.
    private var lastFinal: (sentence: Int, subject: String)? = nil
    private var segments = SegmentTopic()
    /// The first of two numbers sharing a unit, waiting for the second: its reading and references.
    private var pair: (found: SubjectFinder.Result, base: String, comparison: String, references: [String])? = nil

    /// End of the previous figure (a pronoun for a figure reaches back to it within the paragraph).
    private var previousEnd = 0
    /// The whole of the current 分别占 list of shares (以甲、乙旅客为主，分别占…).
    private var listWhole: String? = nil
    /// The whole named by the share before a 分别占 list (甲占总数58.1%；乙及丙分别占…): the list's too.
    private var listNamedWhole: String? = nil
    private var distributiveChange = DistributiveChange()

    init(_ s: [UInt32]) {
        finder = SubjectFinder(s: s)
        finder.nationIsScope = SubjectFinder.comparesNation(s)
    }

    /// - Parameter sharesUnitWithNext: the figure is a bare number that took the next figure's unit.
    mutating func subject(
        for q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, sentence: Range<Int>,
        later: ArraySlice<Range<Int>>, sharesUnitWithNext: Bool
    ) -> Output {
        var found = finder.find(q, prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, later: later)
        if let p = pair {
            // 5.9和2.9个百分点: the second number has the first one's reading and the next reference.
            pair = nil
            var second = p.found
            second.changeWord = p.found.changeWord
            let reference = p.references.count == 2 ? p.references[1] : nil
            return finish(
                &second, base: p.base,
                comparison: reference.map { swapReference(p.comparison, p.references, $0) } ?? p.comparison,
                reference: reference, kind: q.kind, sentence: sentence.lowerBound)
        }
        if let d = distributiveChange.next(
            s, clauseStart: found.clauseStart, prefixStart: prefixStart, sentence: sentence.lowerBound)
        {
            // 分别按年减少28.5%及31.2%: the list's next figure is the same change of the next indicator.
            var item = found
            item.change = true; item.direction = d.change.direction
            item.changeWord = d.change.changeWord; item.comparison = d.change.comparison
            previousEnd = suffixEnd
            let comparison = item.comparison.map { finder.compact($0) } ?? ""
            return finish(
                &item, base: d.base, comparison: comparison, reference: nil, kind: q.kind, sentence: sentence.lowerBound
            )
        }
        let before = previousSubject.flatMap { $0.sentence == sentence.lowerBound ? $0.subject : nil }
        let priorEnd = previousEnd
        previousEnd = suffixEnd
        if let r = finder.statedReference(prefixStart: prefixStart, floor: floor) {
            // 较整体失业率3.8%高0.3个百分点: the difference of the sentence's subject from the reference.
            found.change = true; found.direction = r.direction; found.changeWord = nil; found.comparison = nil
            let head = r.direction == .up ? "高" : "低"
            let yu = finder.isTraditional(sentence) ? "於" : "于"
            return finish(
                &found, base: (before ?? "") + head + yu + r.reference, comparison: "", reference: r.reference,
                kind: q.kind, sentence: sentence.lowerBound)
        }
        if let modifier = found.headlessModifier {
            found.subject = modifier + lastModifierHead  // 2000元—3000元的为60%
        } else if !found.modifierHead.isEmpty {
            lastModifierHead = found.modifierHead
        }
        if found.pronoun {
            // 这虽然低于…的5.1% / 现时将它调低到…: the last figure's whole row header, comparison included.
            found.subject =
                lastFinal.flatMap { $0.sentence == sentence.lowerBound ? $0.subject + found.revision : nil } ?? ""
        }
        scope.advance(s, clauseStart: found.clauseStart, sentence: sentence)
        var base: String
        if let noun = finder.referenceNounAfter(suffixEnd, clauseStart: found.clauseStart, prefixStart: prefixStart) {
            // 优于72%的考核目标: the reference's value for the last subject (not a completion rate).
            found.change = false
            base = (before ?? "") + noun
        } else {
            base = SubjectContext.resolve(found, kind: q.kind, previous: before)
            if found.bareLightVerb, scope.parent == nil, !found.topic.isEmpty, let kind = q.kind,
                byKind.sentence == sentence.lowerBound, let same = byKind.subjects[kind], !same.hasPrefix(found.topic)
            {
                // 预算收入3.5亿元，同口径完成3.67亿元: a light verb with no object continues the last figure's
                // indicator; its topic is the scope (同口径预算收入), as under 其中.
                base = found.topic + same
            }
        }
        if !found.estimate.isEmpty, found.subject.isEmpty {
            // 现估计今年增长为1.5%: a new estimate of the last figure's indicator, not its earlier value.
            base = SubjectFinder.withoutEarlierMarker(base)
        }
        if base.isEmpty, found.linked || found.change || prefixStart < q.start {
            // ，达到119.2亿元 / ，增长4.5%: a clause that is only a link or a change.
            base = finder.previousClauseTopic(
                clauseStart: found.clauseStart, sentenceStart: sentence.lowerBound,
                object: found.change && !found.linked)
        } else if before == nil, ChangeSubject.isBareRateNoun(base) {
            // 中國大陸旅客上升顯著，增幅達48.3%: a bare rate is the rate of the previous clause's topic.
            base = finder.previousClauseTopic(clauseStart: found.clauseStart, sentenceStart: sentence.lowerBound) + base
        }
        if Anaphora.isAnaphor(base), let last = lastFinal, sameParagraph(priorEnd, prefixStart) {
            base = last.subject  // 其后这一数字明显下降，长期低于三％
        }
        if let interval = finder.intervalSubject(q, previous: before, sentence: sentence) { base = interval }
        if let mark = found.distributive {
            listWhole = nil
            listNamedWhole = nil
            if let listed = coordination.start(s, mark: mark, sentence: sentence, previous: lastBase) {
                base = listed
                listHead = found
                if coordination.sharesOfImplicitWhole { base = implicitWhole(base, of: before, list: true) }
            } else if let first = distributiveChange.start(
                s, found, suffixEnd: suffixEnd, later: later, sentence: sentence.lowerBound)
            {
                base = first
            }
        } else if let listed = coordination.continueList(s, at: prefixStart, sentence: sentence) {
            base = listed
            if let whole = listWhole { base = whole + "中" + base }
            if let whole = listNamedWhole { base = Self.shareOf(base, whole) }
            if let head = listHead, head.change, !found.change {
                // 同比分别增长13.2%、15%: every figure of the list is the head's change, with its comparison.
                found.change = true; found.direction = head.direction
                found.comparison = head.comparison; found.changeWord = head.changeWord
            }
        } else if let kind = q.kind, joined.sentence == sentence.lowerBound, joined.names.count >= 2,
            joined.kind != kind, !base.isEmpty, listLength(from: suffixEnd, later) == joined.names.count,
            !joined.names.contains(where: { base.hasPrefix($0) })
        {
            base = coordination.startImplicit(items: joined.names, indicator: base, sentence: sentence.lowerBound)
            listHead = found
        } else if !base.isEmpty, members.sentence == sentence.lowerBound,
            finder.hasDistributive(found.clauseStart, prefixStart),
            listLength(from: suffixEnd, later) == members.names.count
        {
            // 设立甲、乙、丙3个专区，分别提供岗位200个、150个和80个: each figure is its member's (甲专区岗位 …).
            base = coordination.startImplicit(
                items: members.names.map { $0 + members.noun }, indicator: base, sentence: sentence.lowerBound)
            listHead = found
        } else if !base.isEmpty, let items = finder.objectList(before: found.clauseStart, floor: floor),
            listLength(from: suffixEnd, later) == items.count + 1
        {
            // 分别发放甲补贴、乙补贴300万元和120万元: a list of objects before a list of figures pairs in order.
            base = coordination.startImplicit(items: items + [base], indicator: "", sentence: sentence.lowerBound)
            listHead = found
        } else {
            listHead = nil
            coordination.end()
            listWhole = nil
            listNamedWhole = nil
            if let share = found.shareOfImplicitWhole, !base.isEmpty {
                base = implicitWhole(base + share + "比", of: before, list: false)
            }
        }
        // 累计新开工改造…22万个，惠及居民…: 累计 before a verb makes the sentence's figures from there on
        // cumulative totals, told apart from the period's own figures of the same things.
        // The frame holds on through the paragraph's later sentences until one names its own time
        // (…累计新开工改造…。各地在改造过程中，共改造提升…: still the cumulative totals).
        if let c = cumulative, c.sentence != sentence.lowerBound {
            if prefixStart >= c.paragraphEnd || namesTime(sentence.lowerBound, prefixStart) {
                cumulative = nil
            } else {
                cumulative?.sentence = sentence.lowerBound
            }
        }
        if let mark = cumulativeMark(found.clauseStart, prefixStart) {
            if prefixStart >= paragraphEnd {
                // Each scalar is scanned once: marks come in text order and reuse the end found before.
                paragraphEnd = prefixStart
                while paragraphEnd < s.count, s[paragraphEnd] != 0x0A { paragraphEnd += 1 }
            }
            cumulative = (sentence.lowerBound, mark, paragraphEnd)
        }
        if let c = cumulative, c.sentence == sentence.lowerBound, !base.isEmpty, !base.hasPrefix(c.word) {
            base = c.word + base
        }
        if q.kind == .count, !found.linked, !found.change, !base.isEmpty,
            let done = finder.collectivePredicate(after: suffixEnd, sentenceEnd: sentence.upperBound, later: later),
            !base.hasSuffix(done)
        {
            base += done  // 剩余的31户，62人，全部脱贫 → 剩余…脱贫
        }
        let topic = segments.topic(finder, before: prefixStart, sentence: sentence)
        if !topic.isEmpty, !base.isEmpty, !base.hasPrefix(topic) { base = topic + base }
        var part = false
        if scope.parent != nil, opensInventory(at: found.clauseStart, sentence) {
            // …其中党委54个、党支部1135个；共有党员31742名: a ；-item opening with 共有/还有 takes a new
            // inventory; it ends the breakdown instead of continuing it.
            scope.end()
        }
        if scope.parent != nil {
            let own = base  // compared only inside a breakdown
            let measureWord = q.unitEnd == q.unitStart + 1 ? ScriptFold.simplified(s[q.unitStart]) : nil
            let cs = found.clauseStart
            let afterSemicolon = cs > 0 && (s[cs - 1] == u("；") || s[cs - 1] == u(";"))
            base = scope.apply(
                found, base: base, kind: q.kind, measureWord: measureWord, afterSemicolon: afterSemicolon)
            part = base != own
        }
        if !found.actionVerb.isEmpty, let kind = q.kind, counted.contains(base, kind) {
            // 2126名党员领导干部…；培训了1万多名党员领导干部: the same thing counted again for another action;
            // the verb tells the figures apart.
            base = found.actionVerb + base
        }
        if let kind = q.kind, !base.isEmpty { counted.insert(base, kind) }
        // 较整体失业率3.8%（高0.3个百分点）: the reference's own value; the sentence's subject stays the one before.
        let statesReference = finder.statesReferenceValue(suffixEnd: suffixEnd)
        if statesReference, let first = base.unicodeScalars.first, first == "比" || first == "较" || first == "較" {
            base.unicodeScalars.removeFirst()
        }
        if !base.isEmpty {
            lastBase = base
            if !statesReference { previousSubject = (sentence.lowerBound, base) }
        }
        if q.kind == .count, !base.isEmpty,
            let names = finder.memberSet(
                clauseStart: found.clauseStart, prefixStart: prefixStart, floor: floor, count: q.value)
        {
            members = (sentence.lowerBound, names, base)
        }
        distributiveChange.note(base: base, change: found.change, sentence: sentence.lowerBound)
        recordJoined(base, kind: q.kind, prefixStart: prefixStart, sentence: sentence.lowerBound)
        if let kind = q.kind, !base.isEmpty {
            if byKind.sentence != sentence.lowerBound {
                byKind.sentence = sentence.lowerBound
                byKind.subjects.removeAll()
            }
            byKind.subjects[kind] = base
        }
        scope.record(
            found, base: base, kind: q.kind,
            measureWord: q.unitEnd == q.unitStart + 1 ? ScriptFold.simplified(s[q.unitStart]) : nil, part: part)
        let comparison = found.comparison.map { finder.compact($0) } ?? ""
        if sharesUnitWithNext {
            let reading = found.comparison.flatMap { BasisReader.read(s, $0.lowerBound, $0.upperBound) }
            let references = reading?.reference.map(SharedUnit.references) ?? []
            pair = (found, base, comparison, references)
            if references.count == 2 {
                return finish(
                    &found, base: base, comparison: swapReference(comparison, references, references[0]),
                    reference: references[0], kind: q.kind, sentence: sentence.lowerBound)
            }
        }
        return finish(
            &found, base: base, comparison: comparison, reference: nil, kind: q.kind, sentence: sentence.lowerBound)
    }

    /// 经甲码头入境旅客…为5084179人次，香港旅客占60.7%: a share whose whole the text leaves implicit is
    /// a share of the sentence's last figure's thing (WHOLE中PART占比); not when that figure is a share itself.
    private mutating func implicitWhole(_ share: String, of whole: String?, list: Bool) -> String {
        guard let whole, !whole.isEmpty, !share.hasPrefix(whole) else { return share }
        if Self.isShare(whole) {
            guard list, let named = Self.namedWhole(whole) else { return share }
            listNamedWhole = named
            return Self.shareOf(share, named)
        }
        if list { listWhole = whole }
        return whole + "中" + share
    }

    /// The whole a share names (甲占总数 → 总数, 甲占旅客总数比重 → 旅客总数), or nil.
    private static func namedWhole(_ share: String) -> String? {
        let a = [UInt32](share)
        guard let k = a.lastIndex(where: { $0 == u("占") || $0 == u("佔") }) else { return nil }
        var w = Array(a[(k + 1)...])
        if w.count > 2, w.suffix(2) == [u("比"), u("重")] { w.removeLast(2) }
        return w.count >= 2 ? String(scalars: w) : nil
    }

    /// 乙占比 + 总数 → 乙占总数比重.
    private static func shareOf(_ share: String, _ whole: String) -> String {
        let a = [UInt32](share)
        guard a.count > 2, a.last == u("比"), a[a.count - 2] == u("占") || a[a.count - 2] == u("佔") else {
            return share
        }
        return String(scalars: a[..<(a.count - 1)]) + whole + "比重"
    }

    private static func isShare(_ subject: String) -> Bool {
        subject.hasSuffix("比重") || subject.hasSuffix("占比") || subject.hasSuffix("佔比") || subject.contains("占")
            || subject.contains("佔")
    }

    /// No line break between the end of the last figure and `b` (and not too far: one paragraph).
    private func sameParagraph(_ a: Int, _ b: Int) -> Bool {
        guard a <= b, b - a <= 400 else { return false }
        for k in a..<b where s[k] == 0x0A || s[k] == 0x0D { return false }
        return true
    }

    /// Extends the run of joined counts with this figure when 和/及/与/、 stands right before it.
    private mutating func recordJoined(_ base: String, kind: MetricKind?, prefixStart: Int, sentence: Int) {
        var k = prefixStart
        while k > 0, CharClass.isSpace(s[k - 1]) { k -= 1 }
        if k > 0, Coordination.listJoints.contains(s[k - 1]), joined.sentence == sentence, joined.kind == kind,
            !joined.names.isEmpty, !base.isEmpty
        {
            joined.names.append(base)
        } else if joined.sentence != sentence || kind == joined.kind || joined.names.count < 2 {
            joined = (sentence, base.isEmpty ? [] : [base], kind)
        }
    }

    private mutating func finish(
        _ found: inout SubjectFinder.Result, base: String, comparison: String, reference: String?,
        kind: MetricKind?, sentence: Int
    ) -> Output {
        found.subject = ChangeSubject.compose(base: base, found, comparison: comparison, kind: kind, in: s)
        if !found.estimate.isEmpty, !found.subject.isEmpty, !found.subject.hasSuffix(found.estimate) {
            found.subject += found.estimate  // 生产总值增长现估计 vs 生产总值增长原来
        }
        if !found.subject.isEmpty { lastFinal = (sentence, found.subject) }
        guard found.change else { return Output(found: found, basis: nil) }
        if let reference {
            return Output(found: found, basis: BasisReader.Reading(basis: .reference, reference: reference))
        }
        if found.comparison == nil, let w = found.changeWord, let basis = ChangeSubject.periodBasis(of: w, in: s) {
            return Output(found: found, basis: BasisReader.Reading(basis: basis, reference: nil))
        }
        if let c = found.comparison {
            return Output(found: found, basis: BasisReader.read(s, c.lowerBound, c.upperBound))
        }
        return Output(found: found, basis: leadingComparison(before: found.clauseStart, sentence: sentence))
    }

    /// 与去年同期相比，住户月收入中位数增加5.1%: a clause of its own that is only a comparison (与/和/同/跟 …
    /// 相比) frames the changes after it in the sentence.
    private func leadingComparison(before clauseStart: Int, sentence: Int) -> BasisReader.Reading? {
        var b = clauseStart - 1
        while b > sentence, clauseStart - b <= 60 {
            var a = b
            while a > sentence, !CharClass.isBreak(s[a - 1]) { a -= 1 }
            var x = a, y = b
            while x < y, CharClass.isSpace(s[x]) { x += 1 }
            while y > x, CharClass.isSpace(s[y - 1]) { y -= 1 }
            if y - x >= 4, Self.frameOpeners.contains(ScriptFold.simplified(s[x])),
                Self.frameClosers.suffix(s, before: y, limit: x) != nil
            {
                return BasisReader.read(s, x, y)
            }
            b = a - 1
        }
        return nil
    }

    static let frameOpeners = Set([UInt32]("与和同跟较比"))
    static let frameClosers = WordList("相比 相比较 比较 相较 对比")

    /// 高于全国全省 → 高于全省 for the second figure.
    private func swapReference(_ comparison: String, _ references: [String], _ one: String) -> String {
        guard let first = references.first.map({ [UInt32]($0) }), !first.isEmpty else { return comparison }
        let c = [UInt32](comparison)
        var i = 0
        while i + first.count <= c.count {
            if Array(c[i..<(i + first.count)]) == first { return String(scalars: c[..<i]) + one }
            i += 1
        }
        return comparison
    }
}
