/// Distributive coordination: a list of names and a list of figures paired in order by 分别.
///
/// 甲县、乙县和丙区分别达到86.3亿元、79.6亿元和70.7亿元 gives 甲县 → 86.3亿元, 乙县 → 79.6亿元, 丙区 → 70.7亿元;
/// what each name has is the rest of the phrase before 分别 (第一产业、第二产业和第三产业对经济增长的贡献率
/// → 第一产业对经济增长的贡献率 …) or, when the names stand alone (甲县、乙县紧随其后，分别达到…), the
/// indicator of the figure before them with its own name replaced (丙市高新技术产业产值 → 甲县高新技术产业产值).
struct Coordination {
    private var items: [String] = []
    private var indicator = ""
    private var next = 0
    private var sentence = -1
    /// The list is of shares (分别占) with no whole named.
    private(set) var sharesOfImplicitWhole = false
    /// The last list paired without 分别 (see `startImplicit`), for a 分别 later in its sentence.
    private var implicit: (sentence: Int, items: [String], indicator: String) = (-1, [], "")
    /// The last list with names of its own, each with its indicator, for a later list of its sentence.
    private var named: (sentence: Int, items: [String]) = (-1, [])

    /// 甲企业…和乙组织…建立了党组织，覆盖率达到91.58%、88.98%: a list of figures as long as a list of things
    /// counted before in the sentence pairs with them in order. Returns the first figure's subject.
    mutating func startImplicit(items: [String], indicator: String, sentence: Int) -> String {
        self.items = items; self.indicator = indicator; self.sentence = sentence; next = 1
        implicit = (sentence, items, indicator)
        return items[0] + indicator
    }

    /// Starts a list at a figure whose clause reads `… 分别[为|达到] FIGURE`; `mark` is where 分别 starts.
    /// Returns the first figure's subject, or nil when no list of names precedes.
    mutating func start(_ s: [UInt32], mark: Int, sentence: Range<Int>, previous: String) -> String? {
        // …分别签约项目72个、58个…，协议投资分别为586.3亿元、372.9亿元: a second list of the sentence with no
        // names of its own is of the first list's names.
        let earlier = named.sentence == sentence.lowerBound ? named.items : []
        items = []; next = 0; self.sentence = sentence.lowerBound
        var end = mark
        var begin = Self.clauseStart(s, before: end, floor: sentence.lowerBound)
        var namesAlone = false
        if Self.isBlank(s, begin, end) || Self.isComparison(s, begin, end), begin > sentence.lowerBound {
            // 甲县、乙县紧随其后，分别达到…: the names are in the clause before, with a predicate of their own.
            end = begin - 1
            begin = Self.clauseStart(s, before: end, floor: sentence.lowerBound)
            namesAlone = true
        }
        // 信息传输、软件和信息技术服务业，批发和零售业，住宿和餐饮业用电量分别…: a clause that is one industry's
        // name before a clause opening with another's is a name of the same list.
        while begin > sentence.lowerBound, s[begin - 1] == 0xFF0C || s[begin - 1] == 0x2C,
            IndustryNames.list.prefix(s, at: begin, limit: end) != nil
        {
            let before = Self.clauseStart(s, before: begin - 1, floor: sentence.lowerBound)
            guard IndustryNames.list.prefix(s, at: before, limit: begin - 1) == begin - 1 - before else { break }
            begin = before
        }
        var (names, rest) = Self.split(s, begin, end)
        // 经常性薪资以金融业、信息业较高，分别为…: the names are ranked by TOPIC 以 …; each figure is its
        // name's TOPIC.
        var rankedTopic = ""
        if namesAlone, !names.isEmpty, let (topic, first) = Self.rankedBy(names[0]) {
            rankedTopic = topic; names[0] = first
        }
        if namesAlone, names.contains(where: { $0.unicodeScalars.contains { CharClass.isDigit($0.value) } }) {
            // ，比2019年底分别提升…: the clause before is a list of figures, not of names; the things they
            // were paired with are the names.
            guard implicit.sentence == sentence.lowerBound else { return nil }
            items = implicit.items; indicator = implicit.indicator; next = 1
            return items[0] + indicator
        }
        if names.count < 2, let set = Self.numberedSet(s, begin, end) {
            // 三次产业对经济增长的贡献率分别为…: the members of a numbered set, in order.
            items = set.items; indicator = set.rest; next = 1
            return items[0] + indicator
        }
        if names.count < 2, !namesAlone, earlier.count >= 2, let own = Self.indicatorOnly(s, begin, end) {
            items = earlier; indicator = own; next = 1; sharesOfImplicitWhole = false
            return items[0] + indicator
        }
        guard names.count >= 2 else { return nil }
        if namesAlone { names[names.count - 1] = Self.withoutPredicate(names[names.count - 1]) }
        names = Self.withoutSetSize(names)
        // The context as scalars, as `sharingHead` reads it (no String built to be decoded again).
        let context = [UInt32](previous) + s[max(0, begin - 80)..<begin]
        items = Self.sharingHead(names, named: context, previous: previous)
        if !namesAlone, rest.isEmpty, items == names, let split = Self.headSplit(names) {
            (items, rest) = split
        }
        // What follows names standing alone is their predicate (紧随其后, 位列其后), not an indicator.
        // Names with a phrase of their own (甲镇、乙镇人均可支配收入分别为) take that phrase.
        indicator =
            !namesAlone && !rest.isEmpty
            ? rest : !rankedTopic.isEmpty ? rankedTopic : Self.sibling(previous, of: names) ?? (namesAlone ? "" : rest)
        // 甲及乙旅客分别占28%及8%: shares of a whole the text leaves implicit.
        sharesOfImplicitWhole = false
        if mark + 2 < s.count, ScriptFold.simplified(s[mark + 2]) == u("占") {
            if let whole = Self.namedWhole(s, after: mark + 3) {
                // 预付式消费、网络购物分别占投诉总量的21.4%、18.7%: shares of the whole named.
                indicator += String(scalars: [s[mark + 2]]) + whole + (InertText.hasSuffix(whole, "比重") ? "" : "比重")
            } else if indicator.isEmpty {
                indicator = String(scalars: [s[mark + 2]]) + "比"
                sharesOfImplicitWhole = true
            }
        }
        // 分别签约项目72个、58个: the verb and its object after 分别 are what each name has (no sibling's).
        if let object = Self.verbObject(s, after: mark + 2) { indicator = (rest.isEmpty ? "" : rest) + object }
        named = (sentence.lowerBound, items.map { $0 + indicator })
        next = 1
        return items[0] + indicator
    }

    /// `[a, b)` as an indicator alone: two to twelve characters, no digit, no 、 (协议投资), or nil.
    static func indicatorOnly(_ s: [UInt32], _ a0: Int, _ b: Int) -> String? {
        var a = a0
        while a < b, CharClass.isSpace(s[a]) || CharClass.isBreak(s[a]) { a += 1 }
        // 业务量同比分别增长…: a comparison makes it a list of changes (DistributiveChange reads those).
        guard b - a >= 2, b - a <= 12,
            !(a..<b).contains(where: {
                CharClass.isDigit(s[$0]) || CharClass.isBreak(s[$0]) || CharClass.isSpace(s[$0])
                    || comparisons.prefix(s, at: $0, limit: b) != nil
            })
        else { return nil }
        return String(scalars: s[a..<b])
    }

    private static let comparisons = WordList("同比 环比 比上 比去 比同 较上 较去 较同 按年 按季 按月")

    /// A full verb with an object of two characters or more from `a` to the figure (签约项目), or a
    /// predicate of one to three characters that ends in a full verb (进出口, 新增, 开工); nil otherwise.
    static func verbObject(_ s: [UInt32], after a: Int) -> String? {
        var k = a
        while k < s.count, !CharClass.isBreak(s[k]), !CharClass.isDigit(s[k]), !CharClass.has(s[k], CharClass.cjkDigit)
        {
            k += 1
        }
        guard k < s.count, isEachNamesPredicate(s, a, k) else { return nil }
        return String(scalars: s[a..<k])
    }

    /// What follows 分别 in `[a, b)` up to the figure is what each name of the list did: a full verb with
    /// its object (签约项目) or a bare predicate (进出口, 新增).
    static func isEachNamesPredicate(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        takesObject(s, a, b) || isBarePredicate(s, a, b)
    }

    /// `[a, b)` is one to three ideographs ending in a full verb of the lexicon (对韩国、日本分别进出口…,
    /// 城区和乡镇分别新增…): not a linker, a light verb or a change word, whose lists other rules read.
    static func isBarePredicate(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        guard (1...3).contains(b - a), (a..<b).allSatisfy({ CharClass.isIdeograph(s[$0]) }),
            PredicateLexicon.verbs.suffix(s, before: b, limit: a) != nil,
            PredicateLexicon.linkers.prefix(s, at: a, limit: b) == nil,
            PredicateLexicon.lightVerbs.prefix(s, at: a, limit: b) == nil,
            PredicateLexicon.increase.prefix(s, at: a, limit: b) == nil,
            PredicateLexicon.decrease.prefix(s, at: a, limit: b) == nil
        else { return false }
        return true
    }

    /// `[a, b)` opens with a full verb and holds an object of two characters or more after it: not a
    /// linker (为, 达到, 占) and not a light verb (完成, 实现), which carry no object of their own here.
    static func takesObject(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        guard PredicateLexicon.linkers.prefix(s, at: a, limit: b) == nil,
            let vl = PredicateLexicon.verbs.prefix(s, at: a, limit: b), b - a - vl >= 2
        else { return false }
        return PredicateLexicon.lightVerbs.prefix(s, at: a, limit: b) != vl
    }

    /// 三次产业 / 三大产业 + REST at the start of `[a, b)`: a set named by its size, whose members are
    /// its ordinals (第一产业, 第二产业, 第三产业), with the rest of the phrase.
    static func numberedSet(_ s: [UInt32], _ a: Int, _ b: Int) -> (items: [String], rest: String)? {
        var k = a
        while k < b, CharClass.isSpace(s[k]) { k += 1 }
        guard k + 4 <= b, let n = ordinals.firstIndex(of: s[k]), n >= 1,
            ScriptFold.simplified(s[k + 1]) == u("次") || s[k + 1] == u("大")
        else { return nil }
        let noun = Array(s[(k + 2)..<(k + 4)])
        guard noun.allSatisfy({ CharClass.isIdeograph($0) }) else { return nil }
        let items = (0...n).map { String(scalars: [u("第"), ordinals[$0]] + noun) }
        return (items, String(scalars: s[(k + 4)..<b].filter { !CharClass.isSpace($0) }))
    }

    /// 高血压、糖尿病患者规范管理率, 越南、泰國、菲律賓旅客: modifiers coordinated before one head noun (a
    /// noun of people, bodies or places that indicators are stated of: 患者, 居民, 旅客, 企业, 地区 …) that
    /// the context does not name: the last name ends where the head starts, and the head with the rest
    /// is what each has. Nil without such a head two to four characters into the last part.
    static func headSplit(_ names: [String]) -> ([String], String)? {
        guard names.dropLast().allSatisfy({ (2...6).contains($0.unicodeScalars.count) }) else { return nil }
        let last = [UInt32](names[names.count - 1])
        var k = 2
        while k <= min(4, last.count - 2) {
            if sharedHeads.prefix(last, at: k, limit: last.count) != nil {
                return (names.dropLast() + [String(scalars: last[..<k])], String(scalars: last[k...]))
            }
            k += 1
        }
        return nil
    }

    /// Head nouns of indicators stated of a group (people, households, bodies, places, sectors).
    static let sharedHeads = WordList(
        """
        患者 病人 居民 人口 旅客 游客 访客 乘客 学生 儿童 婴儿 老人 老年人 妇女 男性 女性 青年 职工 员工 工人 农民 \
        农户 家庭 住户 群众 人员 人群 消费者 用户 企业 单位 机构 医院 学校 院校 地区 城市 市场 产业 行业 人均
        """)

    /// 一 … 九, the ordinals of a numbered set's members.
    static let ordinals = [UInt32]("一二三四五六七八九")

    /// 以甲、乙及丙旅客为主: the names' own predicate (为主, 居多, 较高, 位居前三位) is not part of the last name.
    static func withoutPredicate(_ name: String) -> String {
        let a = [UInt32](name)
        var k = 2
        while k < a.count {
            if PredicateLexicon.linkers.prefix(a, at: k, limit: a.count) != nil
                || PredicateLexicon.verbs.prefix(a, at: k, limit: a.count) != nil
                || rankings.prefix(a, at: k, limit: a.count) != nil
            {
                return String(scalars: a[..<k])
            }
            k += 1
        }
        return name
    }

    /// 香港及中国台湾旅客: a head noun written once after the last name (旅客, 2–4 characters, also named
    /// in the previous subject or earlier in the sentence) belongs to every name → 香港旅客, 中国台湾旅客.
    /// The previous subject is tried first: 中国台湾 recurring earlier in the sentence is a name, not a head.
    static func sharingHead(_ names: [String], named: [UInt32], previous: String = "") -> [String] {
        let last = [UInt32](names[names.count - 1])
        // An industry's name ends in its own 业, no head shared with the names before it.
        guard last.count >= 4, IndustryNames.list.prefix(last, at: 0, limit: last.count) != last.count else {
            return names
        }
        for p in [[UInt32](previous), named] where !p.isEmpty {
            var n = min(4, last.count - 2)
            while n >= 2 {
                let head = last[(last.count - n)...]
                // The word is built only for a head the context holds (most are not).
                if contains(p, head) {
                    let word = String(scalars: head)
                    if names.dropLast().allSatisfy({ !InertText.hasSuffix($0, word) }) {
                        return names.dropLast().map { $0 + word } + [names[names.count - 1]]
                    }
                }
                n -= 1
            }
        }
        return names
    }

    private static func contains(_ p: [UInt32], _ w: ArraySlice<UInt32>) -> Bool {
        guard let first = w.first, w.count <= p.count else { return w.isEmpty }
        var i = 0
        // The first scalar is tested before the slice is compared: most positions fail there.
        while i + w.count <= p.count {
            if p[i] == first, p[i..<(i + w.count)].elementsEqual(w) { return true }
            i += 1
        }
        return false
    }

    /// The subject of a figure that continues the list (、79.6亿元 / 和70.7亿元), or nil.
    mutating func continueList(_ s: [UInt32], at start: Int, sentence: Range<Int>) -> String? {
        guard sentence.lowerBound == self.sentence, next < items.count, start > 0 else { return nil }
        var k = start - 1
        while k > 0, CharClass.isSpace(s[k]) { k -= 1 }
        guard Self.listJoints.contains(s[k]) else { return nil }
        defer { next += 1 }
        return items[next] + indicator
    }

    /// A list is open with names left for the figures after this one.
    var continues: Bool { next > 0 && next < items.count }

    mutating func end() {
        if !items.isEmpty { items = [] }  // most figures end no list: nothing to release
        next = 0
    }

    /// ，比2019年底分别提升: a clause that holds only the comparison names nothing.
    private static func isComparison(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b, CharClass.isSpace(s[k]) { k += 1 }
        guard k < b, s[k] == u("比") || ScriptFold.simplified(s[k]) == u("较") || s[k + 1 < b ? k + 1 : k] == u("比")
        else { return false }
        // A time base (比上年, 比2019年底, 同比), not a named reference (比全国 may head a list of its own).
        guard let reading = BasisReader.read(s, k, b) else { return false }
        return reading.basis != .reference
    }

    private static func isBlank(_ s: [UInt32], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b { if !CharClass.isSpace(s[k]) { return false }; k += 1 }
        return true
    }

    /// The last clause boundary before `end` that is not an enumeration comma.
    private static func clauseStart(_ s: [UInt32], before end: Int, floor: Int) -> Int {
        var k = end
        while k > floor, !(CharClass.isBreak(s[k - 1]) && s[k - 1] != u("、")) { k -= 1 }
        return k
    }

    /// `甲、乙和丙REST` → ([甲, 乙, 丙], REST). The last name ends where a final character of the names
    /// before it recurs (产业 … 第三产业对…), or, for places, at its first division suffix (…县、丁市紧随其后),
    /// else at the first adverb.
    static func split(_ s: [UInt32], _ a: Int, _ b: Int) -> ([String], String) {
        // The scalars (spaces and quotes dropped) go into one buffer, each part closed by a mark in
        // `ends`: an array a part, grown a scalar at a time, was reallocated several times.
        var flat: [UInt32] = []
        flat.reserveCapacity(b - a)
        var ends: [Int] = []
        // 服装及衣着附件、纺织纱线织物及其制品: in a list written with 、 a joint (和, 及) joins only the last two
        // names; one before a 、 is inside a name, and 及其 (and its) never joins two.
        var lastComma = b
        for j in stride(from: b - 1, through: a, by: -1) where s[j] == u("、") {
            lastComma = j
            break
        }
        var k = a
        while k < b {
            let c = s[k]
            k += 1
            if CharClass.isSpace(c) || c == 0x201C || c == 0x201D { continue }
            let partIsEmpty = flat.count == (ends.last ?? 0)
            // 批发和零售业、住宿和餐饮业: an industry's name is one name, whatever joints it holds.
            if let l = IndustryNames.list.prefix(s, at: k - 1, limit: b) {
                flat.append(contentsOf: s[(k - 1)..<(k - 1 + l)]); k += l - 1
                continue
            }
            // Names holding 、 are listed with commas (信息传输、软件和信息技术服务业，批发和零售业…).
            let joins =
                finalJoints.contains(c) && !partIsEmpty && k < b && (lastComma == b || k - 1 > lastComma)
                && s[k] != u("其")
            if c == u("、") || c == 0xFF0C || c == 0x2C || joins {
                ends.append(flat.count)
            } else {
                flat.append(c)
            }
        }
        ends.append(flat.count)
        var parts: [[UInt32]] = []
        parts.reserveCapacity(ends.count)
        var from = 0
        for end in ends {
            if end > from { parts.append(Array(flat[from..<end])) }
            from = end
        }
        guard parts.count >= 2 else { return ([], "") }
        var last = parts.removeLast()
        // Without a recurring final character the last name runs to the first adverb.
        var cut = last.firstIndex(where: { restStops.contains($0) }) ?? last.count
        let finals = parts.compactMap { $0.last }
        // 成都、内江、南充、资阳市…: bare place names (two or three characters) before a last name with
        // its division suffix are places too.
        let barePlaces =
            parts.allSatisfy { $0.count >= 2 && $0.count <= 3 }
            && last.indices.dropFirst().prefix(3).contains(where: { divisionSuffixes.contains(last[$0]) })
        let places = finals.contains(where: { divisionSuffixes.contains($0) }) || barePlaces
        // A name has at least two characters (市区 … 县区).
        if let i = last.indices.dropFirst().first(where: {
            finals.contains(last[$0]) || (places && divisionSuffixes.contains(last[$0]))
        }) {
            cut = i + 1
        }
        var rest = Array(last[cut...])
        last = Array(last[..<cut])
        parts.append(last)
        if let stop = rest.firstIndex(where: { restStops.contains($0) }) { rest = Array(rest[..<stop]) }
        // 而香港及…, 以甲、乙为主: a conjunction or preposition opening the clause is not part of a name.
        if var head = parts.first, head.count > 2, clauseOpeners.contains(head[0]) {
            head.removeFirst(); parts[0] = head
        }
        // 其中越南、泰國…: the breakdown's 其中 (當中) opens the clause, it is no part of the first name.
        if let head = parts.first, head.count > 3, head[1] == u("中"),
            head[0] == u("其") || ScriptFold.simplified(head[0]) == u("当")
        {
            parts[0] = Array(head[2...])
        }
        // 客源主要来自甲及乙: the verb that introduces the list is not part of the first name.
        if let head = parts.first, head.count > 3 {
            var k = head.count - 2
            while k >= 1 {
                if let l = nameLeadIns.prefix(head, at: k, limit: head.count), k + l < head.count {
                    parts[0] = Array(head[(k + l)...]); break
                }
                k -= 1
            }
        }
        let names = parts.map { String(scalars: $0) }
        return (names, String(scalars: rest))
    }

    /// The indicator of `previous` after a leading name that is a sibling of `names`: places of one
    /// administrative rank (甲县 / 丙市 / 丁区: names ending in a division suffix), or nil.
    static func sibling(_ previous: String, of names: [String]) -> String? {
        guard names.contains(where: { $0.unicodeScalars.last.map { divisionSuffixes.contains($0.value) } ?? false })
        else { return nil }
        let p = [UInt32](previous)
        var k = 1
        while k < min(p.count - 1, 6) {
            if divisionSuffixes.contains(p[k]) { return String(scalars: p[(k + 1)...]) }
            k += 1
        }
        return nil
    }

    /// 占X的 + figure from `a`: X, the whole the shares are of (two characters or more), or nil.
    static func namedWhole(_ s: [UInt32], after a: Int) -> String? {
        var k = a
        var de = -1
        while k < s.count, !CharClass.isBreak(s[k]), !CharClass.isDigit(s[k]) {
            if s[k] == u("的") { de = k }
            k += 1
        }
        guard de - a >= 2, k < s.count, CharClass.isDigit(s[k]) else { return nil }
        return String(scalars: s[a..<de])
    }

    /// 江州、云阳、桐山三市: the size of the set and its noun after the last name are no part of it.
    static func withoutSetSize(_ names: [String]) -> [String] {
        let last = [UInt32](names[names.count - 1])
        guard last.count >= 3, let size = setSizes.firstIndex(of: ScriptFold.simplified(last[last.count - 2])),
            size + 2 == names.count
        else { return names }
        var out = names
        out[out.count - 1] = String(scalars: last[..<(last.count - 2)])
        return out
    }
    private static let setSizes: [UInt32] = [UInt32]("两三四五六七八九十")

    /// Predicates that rank the names of a list: they stand out (较高, 最多), lead (居前, 位居, 领先) or
    /// make up most of a whole (为主, 居多).
    static let rankings = WordList(
        "较高 最高 较多 最多 较快 最快 较大 最大 较低 最低 较少 最少 较慢 最慢 居前 居首 位居 位列 名列 排名 排在 领先 为主 居多 依次")

    /// `TOPIC以NAME` → (TOPIC, NAME): the first part of a list ranked by 以 (以金融业、信息业较高). Nil when
    /// 以 is part of a word (以上, 以及, 所以, 可以) or either side is shorter than two characters.
    static func rankedBy(_ first: String) -> (String, String)? {
        let a = [UInt32](first)
        guard a.count >= 5, let k = a.lastIndex(of: u("以")), k >= 2, a.count - k - 1 >= 2,
            !afterYi.contains(ScriptFold.simplified(a[k + 1])), !beforeYi.contains(ScriptFold.simplified(a[k - 1]))
        else { return nil }
        // 1至10月经常性薪资以…: the period opening the topic has its own field.
        var t = 0
        while t < k, CharClass.isDigit(a[t]) || periodChars.contains(ScriptFold.simplified(a[t])) { t += 1 }
        while t > 0, !periodEnds.contains(ScriptFold.simplified(a[t - 1])) { t -= 1 }
        guard k - t >= 2 else { return nil }
        return (String(scalars: a[t..<k]), String(scalars: a[(k + 1)...]))
    }
    private static let periodChars = ScalarSet("一二三四五六七八九十〇零至—-－~～前上下半全年月季度日份")
    private static let periodEnds = ScalarSet("年月度份日")
    private static let afterYi = ScalarSet("上下及来后前外内便免至为")
    private static let beforeYi = ScalarSet("所可予加难用足得借赖据")

    /// Suffixes of administrative divisions (省 市 县 区 镇 乡 村 州 盟 旗), in both scripts.
    static let divisionSuffixes = ScalarSet("省市县縣区區镇鎮乡鄉村州盟旗")
    static let clauseOpeners = ScalarSet("而以及但和与與在对對")
    static let nameLeadIns = WordList("来自 包括 分为 涵盖 主要为 依次为")
    static let listJoints = ScalarSet("、和及与與")
    static let finalJoints = ScalarSet("和及与與")
    /// Adverbs after the shared phrase: 也 都 则 亦 (…增加值也都实现了…); not 均, which is mostly
    /// inside a word (人均, 平均).
    static let restStops = ScalarSet("也都则則亦还還已")
}
