/// The subject steps for one article, figure by figure in text order, with the state that carries
/// from one figure to the next (the last subject of the sentence, the 其中 scope, a 分别 list, a
/// pair of numbers sharing a unit). `subject(for:…)` lists the steps in order:
///
/// 1. `SubjectFinder.find` reads the figure's own clause (what stands before it, a linking word,
///    a change verb and its comparison, or the noun after the measure word).
/// 2. `SubjectContext` completes a clause that names only part of it from the sentence's last subject.
/// 3. `ClauseTopic`: a clause that is only a link (，达到119.2亿元) takes the previous clause's topic.
/// 4. `Coordination`: 分别 pairs names with figures.
/// 5. `CumulativeFrame`, `SegmentTopic` (a bare noun clause opening a ；-item is the scope of the
///    item's figures); `ScopeTracker`: a part under 其中 borrows the parent's indicator.
/// 6. `ChangeSubject`: a change names its comparison; `BasisReader` classifies it.
/// `MeasureWordSubject` runs over the finished metrics.
struct SubjectPipeline {
    struct Output {
        var found: SubjectFinder.Result
        var basis: BasisReader.Reading?
    }

    /// What the steps read of the figure and where it stands (plain values: no copy of the quantity).
    private struct Figure {
        var kind: MetricKind?
        /// Where the quantity ends (its unit's last character is at `end - 1`).
        var end: Int
        var value: Double
        /// Where the quantity itself starts (after the words before the number).
        var quantityStart: Int
        /// The one-character measure word, if any.
        var measureWord: UInt32?
        var prefixStart: Int
        var suffixEnd: Int
        var floor: Int
        var sentence: Range<Int>
        var later: ArraySlice<Range<Int>>
        var start: Int { sentence.lowerBound }
    }

    /// The change of the figure that opened the current 分别 list (同比分别增长13.2%、15%).
    private struct ListChange {
        var direction: Direction?
        var comparison: Range<Int>?
        var changeWord: Range<Int>?
    }

    private(set) var finder: SubjectFinder
    /// The article's scalars (the finder's, held here too: no copy, no accessor in loops).
    private let s: [UInt32]
    private var previousSubject: (sentence: Int, subject: String)? = nil
    /// The last count's subject in its sentence (a set whose attributes may follow: `SetAttribute`).
    private var previousCount: (sentence: Int, subject: String)? = nil
    /// The last count of things (not of people) by measure word, with its end (`doneWithLastCounted`).
    private var lastCounted: [UInt32: (subject: String, end: Int)] = [:]
    /// The sentence's last subject of each kind (预算收入3.5亿元，自然增幅2%，同口径完成3.67亿元 → the money's).
    private var byKind = KindTable()
    private var scope = ScopeTracker()
    private var coordination = Coordination()
    private var lastBase = ""
    /// The head of the last 的-modifier holding a figure (比例 of …1500元—2000元的比例), for a headless one.
    private var lastModifierHead = ""
    /// The last 的-modifier cut from a subject and the head it was cut from (出口往香港 | 货物总值).
    private var lastCut: (modifier: String, head: String) = ("", "")
    private var cumulative = CumulativeFrame()
    /// The subjects given so far in the article, by kind (one hash lookup a figure).
    private var counted = SubjectSet()
    /// Things counted in a row joined by 和/、 in the current sentence (2091家社会组织和…), by kind.
    private var joined: (sentence: Int, names: [String], kind: MetricKind?) = (-1, [], nil)
    /// The members of the last set counted right after them in the sentence (甲、乙、丙3个专区), with its noun.
    private var members: (sentence: Int, names: [String], noun: String) = (-1, [], "")
    /// The change of the figure that opened the current 分别 list, when it is one.
    private var listHead: ListChange? = nil
    /// The subjects of the last 分别 list of names and where its last figure ends (前者/后者 name them).
    private var listed: (subjects: [String], end: Int) = ([], 0)
    /// The last two figures' finished subjects when both were no change, with their sentence (前者/后者
    /// without a list: 同城…141.8亿件，异地…1622.7亿件，前者同比下降2.6%).
    private var lastTwo: (first: String, second: String, end: Int) = ("", "", -1)
    private var lastPlainSentence = -1
    /// The last figure's finished subject (with its comparison) and its sentence start.
    private var lastFinal: (sentence: Int, subject: String)? = nil
    /// Where the last figure's clause starts, its prefix starts and it ends (`verbOfEnumeration`).
    private var lastItem: (clauseStart: Int, prefixStart: Int, end: Int, sharedHead: String) = (-1, -1, -1, "")
    /// This figure's verb and what precedes it, when borrowed from the item before (`verbOfEnumeration`).
    private var sharedHead = ""
    private var segments = SegmentTopic()
    /// The first of two numbers sharing a unit, waiting for the second: its reading and references.
    private var pair: (found: SubjectFinder.Result, base: String, comparison: String, references: [String])? = nil
    /// End of the previous figure (a pronoun for a figure reaches back to it within the paragraph).
    private var previousEnd = 0
    private var implicitWhole = ImplicitWhole()
    /// `SubjectContext.resolve`'s scratch for a short subject's scalars.
    private var shortSubject: [UInt32] = []
    private var distributiveChange = DistributiveChange()

    init(_ s: [UInt32]) {
        self.s = s
        finder = SubjectFinder(s: s)
    }

    /// - Parameter sharesUnitWithNext: the figure is a bare number that took the next figure's unit.
    mutating func subject(
        for q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int, sentence: Range<Int>,
        later: ArraySlice<Range<Int>>, sharesUnitWithNext: Bool
    ) -> Output {
        let f = Figure(
            kind: q.kind, end: q.end, value: q.value, quantityStart: q.start,
            measureWord: q.unitEnd == q.unitStart + 1 ? ScriptFold.simplified(s[q.unitStart]) : nil,
            prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, sentence: sentence, later: later)
        var found = finder.find(q, prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, later: later)
        // 分别提高6.5和9.3个百分点: a shared unit inside a 分别 list still pairs each figure with its own indicator.
        if let d = distributiveChange.next(
            s, clauseStart: found.clauseStart, prefixStart: prefixStart, sentence: f.start)
        {
            pair = nil
            return distributiveChangeItem(found, d, f)
        }
        if pair != nil { return secondOfSharedUnit(f) }
        let priorEnd = previousEnd
        var before = previousSubject.flatMap { $0.sentence == f.start ? $0.subject : nil }
        var signed = false
        if q.kind == .percent, before != nil, let up = Self.signInParentheses(s, prefixStart, after: priorEnd) {
            // 进口89.1亿元（+3.3%）: a signed rate in parentheses right after a figure is that figure's change
            // (named by its rate noun: no change word says how).
            Self.asChange(&found, up: up)
            signed = true
        }
        if before != nil, found.subject.isEmpty, found.linked, !found.change, let kind = q.kind,
            SubjectContext.isPhysical(kind),
            Self.clauseWithoutFigure(s, from: max(priorEnd, f.start), to: found.clauseStart)
        {
            // …暴雨过程4次，最大日降水量出现在东林站，达286.5毫米: a clause of its own, without a figure,
            // stands between the last figure and this link: the link continues that clause's topic. (Only for
            // things measured or counted: a share after such a clause, 入境旅客中…佔79.6%, is of that clause's scope.)
            before = nil
        }
        previousEnd = suffixEnd
        if let r = finder.statedReference(prefixStart: prefixStart, floor: floor) {
            return statedDifference(&found, r, before: before, f)
        }
        borrowEarlierHead(&found, f)
        scope.advance(s, clauseStart: found.clauseStart, sentence: sentence)
        var base = ownBase(&found, before: before, f)
        if signed { base += ChangeSubject.rateNoun(found, in: s) }
        base = linkedBase(base, found, before: before, priorEnd: priorEnd, q, f)
        base = pairedInList(base, &found, before: before, f)
        base = cumulative.apply(s, base, clauseStart: found.clauseStart, prefixStart: prefixStart, sentence: f.start)
        base = framed(base, found, f)
        let part = breakdown(&base, found, f)
        base = toldApartByAction(base, found, f)
        let statesReference = finder.statesReferenceValue(suffixEnd: suffixEnd)
        if statesReference { base = Self.withoutComparisonHead(base) }
        remember(base, found, part: part, statesReference: statesReference, f)
        return finishSharingUnit(consume found, base: base, sharesUnitWithNext: sharesUnitWithNext, f)
    }

    // MARK: Steps, in the order `subject` takes them.

    /// 5.9和2.9个百分点: the second number has the first one's reading and the next reference.
    @inline(__always)
    private mutating func secondOfSharedUnit(_ f: Figure) -> Output {
        let p = pair.take()!
        let reference = p.references.count == 2 ? p.references[1] : nil
        return finish(
            p.found, base: p.base,
            comparison: reference.map { Self.swapReference(p.comparison, p.references, $0) } ?? p.comparison,
            reference: reference, kind: f.kind, sentence: f.start)
    }

    /// 分别按年减少28.5%及31.2%: the list's next figure is the same change of the next indicator.
    @inline(__always)
    private mutating func distributiveChangeItem(
        _ found: SubjectFinder.Result, _ d: (base: String, change: SubjectFinder.Result), _ f: Figure
    ) -> Output {
        var item = found
        item.change = true; item.direction = d.change.direction
        item.changeWord = d.change.changeWord; item.comparison = d.change.comparison
        previousEnd = f.suffixEnd
        let comparison = item.comparison.map { finder.compact($0) } ?? ""
        return finish(item, base: d.base, comparison: comparison, reference: nil, kind: f.kind, sentence: f.start)
    }

    /// 较整体失业率3.8%高0.3个百分点: the difference of the sentence's subject from the reference.
    @inline(__always)
    private mutating func statedDifference(
        _ found: inout SubjectFinder.Result, _ r: (reference: String, direction: Direction), before: String?,
        _ f: Figure
    ) -> Output {
        found.change = true; found.direction = r.direction; found.changeWord = nil; found.comparison = nil
        let head = r.direction == .up ? "高" : "低"
        let yu = finder.isTraditional(f.sentence) ? "於" : "于"
        return finish(
            found, base: (before ?? "") + head + yu + r.reference, comparison: "", reference: r.reference,
            kind: f.kind, sentence: f.start)
    }

    /// A headless 的-modifier takes the last modifier's head (2000元—3000元的为60%); a pronoun the last
    /// figure's whole row header, comparison included (这虽然低于…的5.1% / 现时将它调低到…).
    @inline(__always)
    private mutating func borrowEarlierHead(_ found: inout SubjectFinder.Result, _ f: Figure) {
        if let modifier = found.headlessModifier {
            found.subject = modifier + lastModifierHead
        } else if !found.modifierHead.isEmpty {
            lastModifierHead = found.modifierHead
        }
        if found.pronoun {
            found.subject = lastFinal.flatMap { $0.sentence == f.start ? $0.subject + found.revision : nil } ?? ""
        }
    }

    /// The figure's own subject, completed from the sentence's last one (`SubjectContext`).
    @inline(__always)
    private mutating func ownBase(_ found: inout SubjectFinder.Result, before: String?, _ f: Figure) -> String {
        var base: String
        if let noun = finder.referenceNounAfter(f.suffixEnd, clauseStart: found.clauseStart, prefixStart: f.prefixStart)
        {
            // 优于72%的考核目标: the reference's value for the last subject (not a completion rate).
            found.change = false
            base = (before ?? "") + noun
        } else {
            base = SubjectContext.resolve(found, kind: f.kind, previous: before, buffer: &shortSubject)
            if found.bareLightVerb, scope.parent == nil, !found.topic.isEmpty, let kind = f.kind,
                let same = byKind.subject(kind, in: f.start), !InertText.hasPrefix(same, found.topic),
                !Self.sameHead(found.topic, same)
            {
                // 预算收入3.5亿元，同口径完成3.67亿元: a light verb with no object continues the last figure's
                // indicator; its topic is the scope (同口径预算收入), as under 其中.
                base = found.topic + same
            }
        }
        // 出口往香港的货物总值为83.2亿元…；出口往中国内地的货物为14.5亿元: a head cut from its 的-modifier
        // again, after another modifier was cut from the same head, needs its modifier to tell the two apart.
        if !found.deModifier.isEmpty {
            if InertText.equal(base, found.subject), !lastCut.head.isEmpty,
                !InertText.equal(lastCut.modifier, found.deModifier), Self.sameOpening(lastCut.head, base)
            {
                base = found.deModifier + base
            }
            lastCut = (found.deModifier, found.subject)
        }
        // 全年接待游客1200万人次，日均3.3万人次; 发放救助资金1860万元，救助群众3.1万人，人均约600元: an average
        // alone is of the sentence's last indicator of its own kind (money per head is of the money), else of
        // its last subject.
        if let kind = f.kind, SubjectContext.isAverageAlone(found.subject),
            let of = byKind.subject(kind, in: f.start) ?? before
        {
            base = SubjectContext.averaged(found.subject, of)
        }
        // 实施改造项目9个，其中A类4个、B类5个，涉及房屋4180户: after a breakdown into a list of parts the
        // relating verb is the whole's (after one part, …其中轮训461期，涉及1万人次, the part's).
        let afterParts = lastItem.clauseStart > 0 && s[lastItem.clauseStart - 1] == u("、")
        if before != nil, let verb = relatingVerb(at: found.clauseStart, before: f.prefixStart), base == found.subject,
            let involved = SubjectContext.involved(
                base, verb: verb, previous: afterParts ? scope.parent ?? before : before)
        {
            base = involved
        }
        if before == nil, let done = doneWithLastCounted(found, f) { base = done }
        sharedHead = ""
        if before != nil, base == found.subject, let shared = verbOfEnumeration(found, before: before!, f) {
            base = shared
            sharedHead = String(shared.unicodeScalars.dropLast(found.subject.unicodeScalars.count))
        }
        if !found.estimate.isEmpty, found.subject.isEmpty {
            // 现估计今年增长为1.5%: a new estimate of the last figure's indicator, not its earlier value.
            base = SubjectFinder.withoutEarlierMarker(base)
        }
        return base
    }

    /// A clause that names nothing of its own borrows: the previous clause's topic, the last figure's
    /// subject (for 这一数字) or an interval's.
    @inline(__always)
    private func linkedBase(
        _ base: String, _ found: SubjectFinder.Result, before: String?, priorEnd: Int, _ q: RawQuantity, _ f: Figure
    ) -> String {
        var base = base
        if base.isEmpty, found.linked || found.change || f.prefixStart < f.quantityStart {
            // ，达到119.2亿元 / ，增长4.5%: a clause that is only a link or a change.
            base = finder.previousClauseTopic(
                clauseStart: found.clauseStart, sentenceStart: f.start, object: found.change && !found.linked)
        } else if before == nil, ChangeSubject.isBareRateNoun(base) {
            // 中國大陸旅客上升顯著，增幅達48.3%: a bare rate is the rate of the previous clause's topic.
            base = finder.previousClauseTopic(clauseStart: found.clauseStart, sentenceStart: f.start) + base
        }
        if let counted = previousCount, counted.sentence == f.start, f.kind != .count, SetAttribute.isAttribute(base) {
            base = SetAttribute.set(counted.subject) + base  // 实施重点项目12个，总投资9.5亿元
        } else if let before, Anaphora.isConversion(base) {
            base = before  // 觀光外匯收入約78.6億美元，折合新台幣約2,452億元: the same figure in another currency
        } else if Anaphora.isAnaphor(base), let last = lastFinal, Self.sameParagraph(s, priorEnd, f.prefixStart) {
            base = last.subject  // 其后这一数字明显下降，长期低于三％
        } else if let last = lastFinal, let named = Anaphora.namedByCategory(base, last: last.subject),
            Self.sameParagraph(s, priorEnd, f.prefixStart)
        {
            base = named  // 博彩及博彩中介業就業人口…，該行業失業率
        } else if let which = Anaphora.formerOrLatter(base) {
            // A share after 前者/后者 stays (前者占全区协议总投资的48.6%: its share of the whole); other words
            // there (後者則因部分食肆結業而…) are no part of the name.
            var rest = String(base.unicodeScalars.dropFirst(2))
            if let first = ScalarEnds.first(rest), ScriptFold.simplified(first) != u("占") { rest = "" }
            if listed.subjects.count == 2, Self.sameParagraph(s, listed.end, f.prefixStart) {
                base = listed.subjects[which] + rest  // 酒店業及飲食業就業人口分別為…，前者按年增加3.6%
            } else if !lastTwo.first.isEmpty, lastTwo.end >= 0, Self.sameParagraph(s, lastTwo.end, f.prefixStart) {
                base = (which == 0 ? lastTwo.first : lastTwo.second) + rest  // 同城…141.8亿件，异地…1622.7亿件，前者…
            }
        }
        if let interval = finder.intervalSubject(q, previous: before, sentence: f.sentence) { base = interval }
        return base
    }

    /// A figure of a list paired with a list of names (`Coordination`): 分别 opening or continuing one,
    /// or a list of figures as long as the things counted, the members or the objects before it.
    @inline(__always)
    private mutating func pairedInList(
        _ base: String, _ found: inout SubjectFinder.Result, before: String?, _ f: Figure
    ) -> String {
        if let mark = found.distributive { return headOfList(base, found, mark: mark, before: before, f) }
        if let listed = coordination.continueList(s, at: f.prefixStart, sentence: f.sentence) {
            if let head = listHead, !found.change {
                // 同比分别增长13.2%、15%: every figure of the list is the head's change, with its comparison.
                found.change = true; found.direction = head.direction
                found.comparison = head.comparison; found.changeWord = head.changeWord
            }
            self.listed.subjects.append(listed); self.listed.end = f.suffixEnd
            return implicitWhole.listItem(listed)
        }
        if let items = implicitListItems(base, found, f) {
            listHead = Self.listChange(found)
            return coordination.startImplicit(items: items.names, indicator: items.indicator, sentence: f.start)
        }
        listHead = nil
        coordination.end()
        implicitWhole.endList()
        if let share = found.shareOfImplicitWhole, !base.isEmpty {
            return implicitWhole.share(base + share + "比", of: before, list: false)
        }
        return base
    }

    /// The first figure after 分别 at `mark`: the first name's subject, or the first of a shared change.
    @inline(__always)
    private mutating func headOfList(
        _ base: String, _ found: SubjectFinder.Result, mark: Int, before: String?, _ f: Figure
    ) -> String {
        implicitWhole.endList()
        if let listed = coordination.start(s, mark: mark, sentence: f.sentence, previous: lastBase) {
            listHead = Self.listChange(found)
            self.listed = ([listed], f.suffixEnd)
            return coordination.sharesOfImplicitWhole ? implicitWhole.share(listed, of: before, list: true) : listed
        }
        if let first = distributiveChange.start(
            s, found, kind: f.kind, end: f.end, suffixEnd: f.suffixEnd, later: f.later, sentence: f.start)
        {
            return first
        }
        return base
    }

    /// A list of figures without 分别 as long as a list before it: the things counted joined by 和/、
    /// (the indicator is this figure's), the members of a set counted before, or objects of one verb.
    /// The list head's change, if it is one.
    private static func listChange(_ found: SubjectFinder.Result) -> ListChange? {
        found.change
            ? ListChange(direction: found.direction, comparison: found.comparison, changeWord: found.changeWord) : nil
    }

    @inline(__always)
    private func implicitListItems(_ base: String, _ found: SubjectFinder.Result, _ f: Figure)
        -> (names: [String], indicator: String)?
    {
        guard !base.isEmpty else { return nil }
        // Every list below has two names or more: a figure with none joined after it pairs with none
        // (most figures; the object list before it is then not read).
        let length = Self.listLength(s, from: f.suffixEnd, f.later)
        guard length >= 2 else { return nil }
        if let kind = f.kind, joined.sentence == f.start, joined.names.count >= 2, joined.kind != kind,
            length == joined.names.count, !joined.names.contains(where: { InertText.hasPrefix(base, $0) })
        {
            return (joined.names, base)
        }
        if members.sentence == f.start, finder.hasDistributive(found.clauseStart, f.prefixStart),
            length == members.names.count
        {
            // 设立甲、乙、丙3个专区，分别提供岗位200个、150个和80个: each figure is its member's (甲专区岗位 …).
            return (members.names.map { $0 + members.noun }, base)
        }
        if let items = finder.objectList(before: found.clauseStart, floor: f.floor), length == items.count + 1 {
            // 分别发放甲补贴、乙补贴300万元和120万元: a list of objects before a list of figures pairs in order.
            return (items + [base], "")
        }
        return nil
    }

    /// What the sentence adds around the subject: a collective predicate after a count
    /// (剩余的31户，62人，全部脱贫 → 剩余…脱贫) and the topic of the ；-item (`SegmentTopic`).
    @inline(__always)
    private mutating func framed(_ base: String, _ found: SubjectFinder.Result, _ f: Figure) -> String {
        var base = base
        if f.kind == .count, !found.linked, !found.change, !base.isEmpty,
            let done = finder.collectivePredicate(
                after: f.suffixEnd, sentenceEnd: f.sentence.upperBound, later: f.later),
            !InertText.hasSuffix(base, done)
        {
            base += done
        }
        let topic = segments.topic(finder, before: f.prefixStart, sentence: f.sentence)
        if !topic.isEmpty, !base.isEmpty, !InertText.hasPrefix(base, topic) { base = topic + base }
        return base
    }

    /// A part under 其中 (`ScopeTracker`); returns whether the figure was read as a part.
    @inline(__always)
    private mutating func breakdown(_ base: inout String, _ found: SubjectFinder.Result, _ f: Figure) -> Bool {
        if scope.parent != nil, Self.opensInventory(s, at: found.clauseStart, f.sentence) {
            // …其中党委54个、党支部1135个；共有党员31742名: a ；-item opening with 共有/还有 takes a new
            // inventory; it ends the breakdown instead of continuing it.
            scope.end()
        }
        guard scope.parent != nil else { return false }
        let own = base  // compared only inside a breakdown
        let cs = found.clauseStart
        let afterSemicolon = cs > 0 && (s[cs - 1] == u("；") || s[cs - 1] == u(";"))
        base = scope.apply(
            found, base: base, kind: f.kind, measureWord: f.measureWord, afterSemicolon: afterSemicolon)
        return !InertText.equal(base, own)
    }

    /// 2126名党员领导干部…；培训了1万多名党员领导干部: the same thing counted again for another action;
    /// the verb tells the figures apart. Every subject given is then counted.
    @inline(__always)
    private mutating func toldApartByAction(_ base: String, _ found: SubjectFinder.Result, _ f: Figure) -> String {
        guard let kind = f.kind else { return base }
        var base = base
        if !found.actionVerb.isEmpty, counted.contains(base, kind) { base = found.actionVerb + base }
        if !base.isEmpty { counted.insert(base, kind) }
        return base
    }

    /// 较整体失业率3.8%（高0.3个百分点）: the reference's own value is the reference, without 比/较.
    private static func withoutComparisonHead(_ base: String) -> String {
        guard let first = ScalarEnds.first(base), first == u("比") || first == u("较") || first == u("較") else {
            return base
        }
        var base = base
        base.unicodeScalars.removeFirst()
        return base
    }

    /// Keeps what later figures read of this one: the sentence's subject (not for a reference's own
    /// value), the members it counts, its place in lists and its kind's last subject, the indicator a
    /// 其中 breaks down.
    @inline(__always)
    private mutating func remember(
        _ base: String, _ found: SubjectFinder.Result, part: Bool, statesReference: Bool, _ f: Figure
    ) {
        if !base.isEmpty {
            lastBase = base
            if !statesReference { previousSubject = (f.start, base) }
            if f.kind == .count, !found.change, let mw = f.measureWord, !SetAttribute.peopleCounters.contains(mw) {
                previousCount = (f.start, base)
                if !SubjectContext.isBareVerb(base) { lastCounted[mw] = (base, f.end) }
            }
        }
        // A set has two to nine members (`objectList` reads at most eight before the last).
        if f.kind == .count, !base.isEmpty, f.value >= 2, f.value <= 9,
            let names = finder.memberSet(
                clauseStart: found.clauseStart, prefixStart: f.prefixStart, floor: f.floor, count: f.value)
        {
            members = (f.start, names, base)
        }
        lastItem = (found.clauseStart, f.prefixStart, f.end, sharedHead)
        distributiveChange.note(base: base, kind: f.kind, change: found.change, sentence: f.start)
        recordJoined(base, kind: f.kind, prefixStart: f.prefixStart, sentence: f.start)
        if let kind = f.kind, !base.isEmpty { byKind.set(kind, base, in: f.start) }
        scope.record(found, base: base, kind: f.kind, measureWord: f.measureWord, part: part)
    }

    /// Names the comparison and reads the basis; the first of two numbers sharing a unit (5.9和2.9个百分点
    /// 高于全国全省) takes the first reference and leaves its reading for the second.
    @inline(__always)
    private mutating func finishSharingUnit(
        _ found: consuming SubjectFinder.Result, base: String, sharesUnitWithNext: Bool, _ f: Figure
    ) -> Output {
        // Only a change with a subject names its comparison (and the first of a pair keeps it).
        let named = (found.change && !base.isEmpty) || sharesUnitWithNext
        let comparison = named ? found.comparison.map { finder.compact($0) } ?? "" : ""
        // 分别为51.3萬、47.9萬及39.6萬人次: in a list of names each figure is its own name's, not the first's.
        if sharesUnitWithNext, !coordination.continues {
            let reading = found.comparison.flatMap { BasisReader.read(s, $0.lowerBound, $0.upperBound) }
            let references = reading?.reference.map(SharedUnit.references) ?? []
            pair = (found, base, comparison, references)
            if references.count == 2 {
                return finish(
                    found, base: base, comparison: Self.swapReference(comparison, references, references[0]),
                    reference: references[0], kind: f.kind, sentence: f.start)
            }
        }
        return finish(
            consume found, base: base, comparison: comparison, reference: nil, kind: f.kind, sentence: f.start)
    }

    // MARK: Helpers of the steps.

    /// 分 (U+5206, UTF-8 E5 88 86) in `subject`'s bytes: one plain scan for both scripts' 分别, the pair
    /// read only after a hit (InertText's canonical-form checks cost more than the whole test).
    private static func holdsFen(_ subject: String) -> Bool {
        var s = subject
        return s.withUTF8 { p in
            var i = 0
            while i + 2 < p.count {
                if p[i] == 0xE5, p[i + 1] == 0x88, p[i + 2] == 0x86 { return true }
                i += 1
            }
            return false
        }
    }

    /// A sign opening a figure that stands in parentheses right after the figure ending at `end` (…亿元（+3.3%）,
    /// …亿元（-4.7%）): true for +, false for −; nil when the figure is no such one.
    private static func signInParentheses(_ s: [UInt32], _ prefixStart: Int, after end: Int) -> Bool? {
        var k = prefixStart
        guard k > 1, k < s.count else { return nil }
        // The sign is in the figure (-4.7%: the number's own) or just before it (+3.3%).
        let up: Bool
        if CharClass.sign(s[k]) == false {
            up = false
        } else if let sign = CharClass.sign(s[k - 1]) {
            up = sign; k -= 1
        } else {
            return nil
        }
        guard k >= 1, s[k - 1] == 0xFF08 || s[k - 1] == 0x28, k - 1 == end else { return nil }
        return up
    }

    /// The first two characters of both are the same (货物 | 货物总值).
    private static func sameOpening(_ a: String, _ b: String) -> Bool {
        var x = a.unicodeScalars.makeIterator(), y = b.unicodeScalars.makeIterator()
        for _ in 0..<2 {
            guard let p = x.next(), let q = y.next(), p == q else { return false }
        }
        return true
    }

    /// `found` as a bare change (no subject, change word or comparison of its own).
    private static func asChange(_ found: inout SubjectFinder.Result, up: Bool) {
        found.change = true; found.direction = up ? .up : .down
        found.subject = ""; found.changeWord = nil; found.comparison = nil
    }

    /// `subject` without 分别/分別.
    private static func withoutDistributive(_ subject: String) -> String {
        let a = [UInt32](subject)
        var kept: [UInt32] = []
        kept.reserveCapacity(a.count)
        var i = 0
        while i < a.count {
            if i + 1 < a.count, a[i] == u("分"), a[i + 1] == u("别") || a[i + 1] == u("別") {
                i += 2
                continue
            }
            kept.append(a[i]); i += 1
        }
        return String(scalars: kept)
    }
    // Static, given the scalars: a method call on the pipeline (832 bytes) copied all of it first.

    /// A ；-item at `cs` that opens with 共有/还有/另有 (a new inventory: ；共有党员31742名).
    private static func opensInventory(_ s: [UInt32], at cs: Int, _ sentence: Range<Int>) -> Bool {
        guard cs > 0, s[cs - 1] == u("；") || s[cs - 1] == u(";") else { return false }
        var k = cs
        while k < sentence.upperBound, CharClass.isSpace(s[k]) { k += 1 }
        guard let l = PredicateLexicon.existential.prefix(s, at: k, limit: sentence.upperBound) else { return false }
        return l >= 2
    }

    /// How many figures form a 、/和-list starting with the figure that ends at `end`. Inlined: asked
    /// for most figures, and most answer 1 at the first scalar.
    @inline(__always)
    private static func listLength(_ s: [UInt32], from end: Int, _ later: ArraySlice<Range<Int>>) -> Int {
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

    /// 新开工改造老旧小区186个。截至12月25日，已完工161个: a count named by a verb alone, in a new sentence
    /// of the paragraph, counts the things the last count of the same measure word counted (完工老旧小区).
    private func doneWithLastCounted(_ found: SubjectFinder.Result, _ f: Figure) -> String? {
        guard f.kind == .count, !found.change, !found.linked, let mw = f.measureWord, let last = lastCounted[mw],
            SubjectContext.isBareVerb(found.subject), Self.sameParagraph(s, last.end, f.prefixStart)
        else { return nil }
        let thing = SubjectContext.stripLeadingVerb(last.subject)
        return InertText.contains(thing, found.subject) ? nil : found.subject + thing
    }

    /// 新建学校5所、医院3家 / 涉及居民2.37万户、楼栋1024栋: an item joined by 、 right after a figure whose
    /// clause is VERB + noun, and with no verb of its own, is another object of that verb: the last
    /// subject with its noun replaced by this item's (新建医院, …涉及楼栋).
    private func verbOfEnumeration(_ found: SubjectFinder.Result, before: String, _ f: Figure) -> String? {
        let cs = found.clauseStart
        guard cs > 0, s[cs - 1] == u("、"), lastItem.end == cs - 1, !found.linked, !found.change,
            let kind = f.kind, SubjectContext.isPhysical(kind)
        else { return nil }
        let item = [UInt32](found.subject)
        guard (1...6).contains(item.count),
            !(0..<item.count).contains(where: { PredicateLexicon.verbs.prefix(item, at: $0, limit: item.count) != nil })
        else { return nil }
        // 新建学校5所、医院3家、养老机构12个: the third item shares the verb the second borrowed.
        if !lastItem.sharedHead.isEmpty { return lastItem.sharedHead + found.subject }
        var k = lastItem.clauseStart
        while k < lastItem.prefixStart {
            // The first verb only, and only when the last subject holds it with its object: the items
            // are then written alike (举办培训班633场次、主题党日活动4858场 names no 举办 in either).
            if let l = PredicateLexicon.verbs.prefix(s, at: k, limit: lastItem.prefixStart), l >= 2 {
                let noun = finder.clean(k + l, lastItem.prefixStart)
                let verb = String(scalars: s[k..<(k + l)])
                guard noun.unicodeScalars.count >= 2, InertText.hasSuffix(before, verb + noun) else { return nil }
                return String(before.unicodeScalars.dropLast(noun.unicodeScalars.count)) + found.subject
            }
            k += 1
        }
        return nil
    }

    /// The relating verb (涉及, 涵盖, 惠及 …) opening the clause at `cs`, if any; most clauses fail at the
    /// first character, in the word list's own first-character test.
    private func relatingVerb(at cs: Int, before end: Int) -> String? {
        var k = cs
        while k < end, CharClass.isSpace(s[k]) { k += 1 }
        guard k < end, let l = SubjectContext.relatingVerbs.prefix(s, at: k, limit: end) else { return nil }
        return String(scalars: s[k..<(k + l)])
    }

    /// A whole clause (a break, then two characters or more, then the break before `b`) in `[a, b)`.
    private static func clauseWithoutFigure(_ s: [UInt32], from a: Int, to b: Int) -> Bool {
        guard b - a >= 4, CharClass.isBreak(s[b - 1]) else { return false }
        var k = b - 2
        var chars = 0
        while k >= a {
            if CharClass.isBreak(s[k]) { return chars >= 2 }
            if !CharClass.isSpace(s[k]) { chars += 1 }
            k -= 1
        }
        return false
    }

    /// No line break between the end of the last figure and `b` (and not too far: one paragraph).
    /// 异地快递业务量 after 同城快递业务量: a topic with the same head noun (last two characters) is an
    /// indicator of its own, not a scope of the other.
    private static func sameHead(_ topic: String, _ other: String) -> Bool {
        let a = topic.unicodeScalars, b = other.unicodeScalars
        return a.count >= 4 && b.count >= 4 && a.suffix(2).elementsEqual(b.suffix(2))
    }

    private static func sameParagraph(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
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
            // A new run: the old one's storage is reused (no array a figure); a run of one, the usual
            // case, takes the new name in place (no removal and append).
            joined.sentence = sentence
            joined.kind = kind
            if joined.names.count == 1, !base.isEmpty {
                joined.names[0] = base
            } else {
                joined.names.empty()
                if !base.isEmpty { joined.names.append(base) }
            }
        }
    }

    private mutating func finish(
        _ found: consuming SubjectFinder.Result, base: String, comparison: String, reference: String?,
        kind: MetricKind?, sentence: Int
    ) -> Output {
        found.subject = ChangeSubject.compose(base: base, found, comparison: comparison, kind: kind, in: s)
        // 高铁分别疏运, 日本分别进出口: 分别 is an adverb of the list, never a word of a row header (a list the
        // names were not paired with leaves it in the last name's subject).
        if Self.holdsFen(found.subject) {
            found.subject = Self.withoutDistributive(found.subject)
        }
        if !found.estimate.isEmpty, !found.subject.isEmpty, !InertText.hasSuffix(found.subject, found.estimate) {
            found.subject += found.estimate  // 生产总值增长现估计 vs 生产总值增长原来
        }
        if !found.subject.isEmpty { lastFinal = (sentence, found.subject) }
        if !found.change, !found.subject.isEmpty {
            // The pair of the sentence's last two plain figures: the older first only within one sentence.
            lastTwo.first = lastPlainSentence == sentence ? lastTwo.second : ""
            lastTwo.second = found.subject
            lastTwo.end = previousEnd
            lastPlainSentence = sentence
        }
        let basis = found.change ? basis(of: found, reference: reference, sentence: sentence) : nil
        return Output(found: found, basis: basis)
    }

    /// What a change is measured against: a stated reference, its change word (年增), its comparison
    /// phrase or a comparison clause before it.
    @inline(__always)
    private func basis(of found: SubjectFinder.Result, reference: String?, sentence: Int) -> BasisReader.Reading? {
        if let reference { return BasisReader.Reading(basis: .reference, reference: reference) }
        if found.comparison == nil, let w = found.changeWord, let basis = ChangeSubject.periodBasis(of: w, in: s) {
            return BasisReader.Reading(basis: basis, reference: nil)
        }
        if let c = found.comparison { return BasisReader.read(s, c.lowerBound, c.upperBound) }
        return Self.leadingComparison(s, before: found.clauseStart, sentence: sentence)
    }

    /// 与去年同期相比，住户月收入中位数增加5.1%: a clause of its own that is only a comparison (与/和/同/跟 …
    /// 相比) frames the changes after it in the sentence.
    private static func leadingComparison(_ s: [UInt32], before clauseStart: Int, sentence: Int)
        -> BasisReader.Reading?
    {
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

    static let frameOpeners = ScalarSet("与和同跟较比")
    static let frameClosers = WordList("相比 相比较 比较 相较 对比")

    /// 高于全国全省 → 高于全省 for the second figure.
    private static func swapReference(_ comparison: String, _ references: [String], _ one: String) -> String {
        guard let first = references.first.map({ [UInt32]($0) }), !first.isEmpty else { return comparison }
        let c = [UInt32](comparison)
        var i = 0
        while i + first.count <= c.count {
            if c[i] == first[0], c[i..<(i + first.count)].elementsEqual(first) { return String(scalars: c[..<i]) + one }
            i += 1
        }
        return comparison
    }
}
