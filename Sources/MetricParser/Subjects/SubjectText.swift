/// Text helpers of the subject rules: trimming scope and time words, cleaning quotes, slicing.
extension SubjectFinder {
    func lastIndex(of c: UInt32, _ a: Int, _ b: Int) -> Int? {
        var k = b - 1
        while k >= a { if s[k] == c { return k }; k -= 1 }
        return nil
    }

    /// Trims spaces, scope words (全市, 其中, 2019年…) and particles from both ends.
    func trim(_ a0: Int, _ b0: Int) -> (Int, Int) {
        let t = trimmed(a0, b0)
        return (t.a, t.b)
    }

    /// `trim`, and whether it stopped because nothing more comes off (not at its round limit): the
    /// trimmed range then trims to itself, and a caller holding it need not trim it again.
    func trimmed(_ a0: Int, _ b0: Int) -> (a: Int, b: Int, settled: Bool) {
        var a = a0, b = b0
        var changed = true
        var rounds = 0
        while changed && a < b && rounds < 16 {
            changed = false
            rounds += 1
            // ）及零售業: a parenthesis closed before the phrase (the figure's own) is none of it.
            while a < b {
                // 、需改造的小区: an enumeration comma opens no name.
                if CharClass.isSpace(s[a]) || isOpeningPunct(s[a]) || s[a] == 0x29 || s[a] == 0xFF09 || s[a] == u("、") {
                    a += 1
                } else if s[a] == 0x28 || s[a] == 0xFF08, let close = closing(a, b) {
                    guard leadingRemark(a + 1, close) else { break }
                    a = close + 1  // （7月至9月）總體失業率: a leading remark (a period, an amount) is none of the name
                } else if s[a] == 0x28 || s[a] == 0xFF08 {
                    // 15家（其中三级医院3家）, 10958家(含三级医疗机构115家…): the figure stands inside the parenthesis the
                    // phrase opens with; its 含/包括 says the figure is counted in the one before.
                    a += 1
                    if let l = Self.inclusion.prefix(s, at: a, limit: b), b - a - l >= 2 { a += l }
                } else {
                    break
                }
                changed = true
            }
            while b > a, CharClass.isSpace(s[b - 1]) { b -= 1; changed = true }
            // 就业 is not 就 + 业: a one-character scope word never leaves a single character behind.
            if let l = lex.leadingNoise.prefix(s, at: a, limit: b), a + l <= b,
                !(l == 1 && a + l == b - 1),
                l > 1 || lex.nounsOpeningWithNoise.prefix(s, at: a, limit: b) == nil,
                !cumulativeNoun(a, l, b),
                // 当中国经济总量, 当中央企业: 当 + a word, not 当中 ("among them", before a figure or 约).
                !(l == 2 && (s[a] == u("当") || s[a] == u("當")) && !ScopeTracker.dangZhongIsQiZhong(s, a, b)),
                !(l == 2 && a + l < b && s[a] == u("全") && ScriptFold.simplified(s[a + 1]) == u("国") && nationIsScope)
            {
                a += l; changed = true; continue
            }
            if a < b, Self.mayOpenPeriod(s[a]) {
                if let y = yearPrefix(a, b) { a = y; changed = true; continue }
                if let m = monthPrefix(a, b) { a = m; changed = true; continue }
            }
            if let l = lex.trailingNoise.suffix(s, before: b, limit: a),
                (lex.verbs.suffix(s, before: b, limit: a) ?? 0) <= l,  // 涉及 keeps its 及
                (lex.keepWhole.suffix(s, before: b, limit: a) ?? 0) <= l
            {  // 平均 keeps its 均
                b -= l; changed = true; continue
            }
            // 固定资产投资（不含农户）: a closing parenthetical that is a remark is not part of the name.
            if b - a > 2, s[b - 1] == 0x29 || s[b - 1] == 0xFF09,
                let open = lastIndex(of: s[b - 1] == 0x29 ? 0x28 : 0xFF08, a, b - 1), open > a,
                isRemark(from: open + 1, to: b - 1)
            {
                b = open; changed = true; continue
            }
        }
        return (a, b, !changed || a >= b)
    }

    static let inclusion = WordList("含 包含 包括 其中含 其中包括")

    /// A remark opening a phrase: one with a digit (（7月至9月）) or a remark word; a gloss without
    /// ideographs there is the name's own (（R&D）经费投入).
    private func leadingRemark(_ i: Int, _ j: Int) -> Bool {
        guard i < j else { return false }
        if lex.parentheticalRemarks.prefix(s, at: i, limit: j) != nil { return true }
        return (i..<j).contains { CharClass.isDigit(s[$0]) }
    }

    /// The closing parenthesis of the one opening at `open`, before `b` and within 16 characters, or nil.
    private func closing(_ open: Int, _ b: Int) -> Int? {
        let close: UInt32 = s[open] == 0x28 ? 0x29 : 0xFF09
        var k = open + 1
        while k < min(b, open + 17) {
            if s[k] == close { return k }
            k += 1
        }
        return nil
    }

    /// Whether the parenthesized `s[i..<j]` remarks on the figure rather than names part of what it
    /// measures: it says what is counted in or left out or how (不含农户, 按可比价格计算, 下同), or
    /// it holds no ideograph (GDP, TEU) or a digit (a date or an amount). One that glosses the noun
    /// stays, however long: 社区(居委会), 执业(助理)医师, 乡镇(街道), 一般公共预算收入(同口径).
    private func isRemark(from i: Int, to j: Int) -> Bool {
        guard i < j else { return false }
        if lex.parentheticalRemarks.prefix(s, at: i, limit: j) != nil { return true }
        var ideographs = 0
        for k in i..<j {
            if CharClass.isDigit(s[k]) { return true }
            if CharClass.isIdeograph(s[k]) { ideographs += 1 }
        }
        return ideographs == 0
    }

    /// A character a year or month period can open with (see `yearPrefix`, `monthPrefix`): most
    /// phrases open with none, and skip both.
    @inline(__always) private static func mayOpenPeriod(_ c: UInt32) -> Bool {
        mayOpenYear(c) || isMonthDigit(c) || opensQuarter(c) || c == u("第") || opensMonthRun(c)
    }

    /// A character `yearPrefix` can open with: 截(至), 民(國), a digit.
    @inline(__always) private static func mayOpenYear(_ c: UInt32) -> Bool {
        c == u("截") || c == u("民") || CharClass.isDigit(c) || c == u("〇") || CharClass.has(c, CharClass.cjkDigit)
    }

    /// 累计时间: 累计 before a noun modifies it (the cumulative total is another indicator); before a
    /// verb (累计建成) it is an adverb and is trimmed.
    private func cumulativeNoun(_ a: Int, _ l: Int, _ b: Int) -> Bool {
        guard l == 2, a + 2 < b, s[a] == u("累"), ScriptFold.simplified(s[a + 1]) == u("计") else { return false }
        return lex.verbs.prefix(s, at: a + 2, limit: b) == nil
            && lex.lightVerbs.prefix(s, at: a + 2, limit: b) == nil
            && lex.linkers.prefix(s, at: a + 2, limit: b) == nil
            && !CharClass.isDigit(s[a + 2]) && s[a + 2] != u("新")
            // 累計今年1至11月工業生產指數: before a time or a whole, 累计 is an adverb, no part of a noun.
            && lex.leadingNoise.prefix(s, at: a + 2, limit: b) == nil
    }

    private func isOpeningPunct(_ c: UInt32) -> Bool {
        c == 0x2D || c == 0x7E || c == 0xB7 || c == 0x2026 || c == 0x201D || c == 0x2019
    }

    /// "2019年" / "2019年上半年" / "截至2019年底" at `a` → index after it.
    private func yearPrefix(_ a: Int, _ b: Int) -> Int? {
        // Most phrases open with neither 截, 民 nor a digit: no year.
        guard a < b, Self.mayOpenYear(s[a]) else { return nil }
        var k = a
        if k + 2 <= b, s[k] == u("截"), s[k + 1] == u("至") || s[k + 1] == u("止") { k += 2 }
        // 民國112年 / 112年: a Minguo year (Taiwan) has two or three digits after 民國, three without it.
        var minguo = false
        if k + 2 <= b, s[k] == u("民"), ScriptFold.simplified(s[k + 1]) == u("国") { k += 2; minguo = true }
        let d0 = k
        while k < b, CharClass.isDigit(s[k]) || s[k] == u("〇") || CharClass.has(s[k], CharClass.cjkDigit) && k - d0 < 4
        { k += 1 }
        let digits = k - d0
        let isYear = digits == 4 || (minguo && digits >= 2 && digits <= 3) || (digits == 3 && s[d0] == u("1"))
        // 二零二一至二二年度, 2021-22年度: a fiscal year runs to the next year, written in two or four digits.
        if isYear, digits == 4, k + 3 < b, s[k] == u("至") || s[k] == 0x2D || s[k] == 0x2013 || s[k] == u("到") {
            var m = k + 1
            while m < b, m - (k + 1) < 4,
                CharClass.isDigit(s[m]) || s[m] == u("〇") || CharClass.has(s[m], CharClass.cjkDigit)
            {
                m += 1
            }
            if m - (k + 1) == 2 || m - (k + 1) == 4, m + 1 < b, s[m] == u("年"), s[m + 1] == u("度") { k = m }
        }
        guard isYear, k < b, s[k] == u("年") else { return nil }
        k += 1
        if let l = PeriodFinder.suffixes.prefix(s, at: k, limit: b) { k += l }
        if k < b, s[k] == u("度") { k += 1 }
        return k
    }

    /// A leading month or run of months, the period of the figure (十月入境旅客, 首十个月…, 前3个月…,
    /// 1月份…) → index after it; a bare duration (3个月内) is not a period. Leaves two characters at least, or
    /// none: a subject that is only a period (首十個月錄得…) names nothing of its own.
    private func monthPrefix(_ a: Int, _ b: Int) -> Int? {
        var k = a
        // 首季 / 本季 / 上季 / 第一季(度): a quarter (Taiwan and Hong Kong write 季 for 季度).
        if k + 1 < b, Self.opensQuarter(s[k]) || s[k] == u("第") {
            var q = k + 1
            if s[k] == u("第"), q < b, Self.isMonthDigit(s[q]) || CharClass.isDigit(s[q]) { q += 1 }
            if q < b, s[q] == u("季"), q > k + 1 || s[k] != u("第") {
                q += 1
                if q < b, s[q] == u("度") { q += 1 }
                if q < b, Self.endsPeriod(s[q]) { q += 1 }  // 上季度末
                return b - q >= 2 || q == b ? q : nil
            }
        }
        let opened = k < b && Self.opensMonthRun(s[k])
        if opened { k += 1 }
        let d0 = k
        while k < b, k - d0 < 3, CharClass.isDigit(s[k]) || Self.isMonthDigit(s[k]) { k += 1 }
        guard k > d0, k < b else { return nil }
        // 1至6月 / 1-6月 / 一到三月: a range of months.
        if !opened, k + 1 < b, s[k] == u("至") || s[k] == u("到") || s[k] == 0x2D || s[k] == 0x7E {
            let r0 = k + 1
            var r = r0
            while r < b, r - r0 < 3, CharClass.isDigit(s[r]) || Self.isMonthDigit(s[r]) { r += 1 }
            if r > r0 { k = r }
        }
        if opened, ScriptFold.simplified(s[k]) == u("个") { k += 1 }
        if opened, s[k] == u("季") {
            k += 1  // 首三季 / 前三季度 (Macau and Hong Kong write 季 for 季度)
            if k < b, s[k] == u("度") { k += 1 }
            if k < b, Self.endsPeriod(s[k]) { k += 1 }
            return b - k >= 2 || k == b ? k : nil
        }
        guard k < b, s[k] == u("月") else { return nil }
        k += 1
        if k < b, s[k] == u("份") { k += 1 }
        if k < b, Self.endsPeriod(s[k]) { k += 1 }  // 6月末, 1月底
        return b - k >= 2 || k == b ? k : nil
    }

    // Tested at the start of every trimmed phrase: switches, not hashed sets.
    /// 首前头頭.
    @inline(__always) static func opensMonthRun(_ c: UInt32) -> Bool {
        c == u("首") || c == u("前") || c == u("头") || c == u("頭")
    }
    /// 首本上次.
    @inline(__always) static func opensQuarter(_ c: UInt32) -> Bool {
        c == u("首") || c == u("本") || c == u("上") || c == u("次")
    }
    /// 末底初.
    @inline(__always) static func endsPeriod(_ c: UInt32) -> Bool { c == u("末") || c == u("底") || c == u("初") }
    /// 一二三四五六七八九十两〇.
    @inline(__always) static func isMonthDigit(_ c: UInt32) -> Bool {
        switch c {
        case u("一"), u("二"), u("三"), u("四"), u("五"), u("六"), u("七"), u("八"), u("九"), u("十"), u("两"), u("〇"):
            return true
        default: return false
        }
    }

    /// Scalar counts of a built subject, read no further than they need (`unicodeScalars.count`
    /// walks the whole string).
    static func isOneScalar(_ text: String) -> Bool {
        var it = text.unicodeScalars.makeIterator()
        return it.next() != nil && it.next() == nil
    }

    static func hasAtMostThreeScalars(_ text: String) -> Bool {
        var it = text.unicodeScalars.makeIterator()
        for _ in 0..<3 where it.next() == nil { return true }
        return it.next() == nil
    }

    /// `s[r]` without spaces, 了 and remarks in parentheses (比上年 增长了 → 比上年增长, 较去年同期（下同） →
    /// 较去年同期), for comparisons and change words.
    func compact(_ r: Range<Int>) -> String {
        var depth = 0
        return text(r) { c in
            if c == 0x28 || c == 0xFF08 {
                depth += 1
                return false
            }
            if c == 0x29 || c == 0xFF09 {
                depth = max(0, depth - 1)
                return false
            }
            return depth == 0 && !CharClass.isSpace(c) && c != u("了")
        }
    }

    /// The subject text: quotes removed (“党企交流”活动 → 党企交流活动), 《》 and () kept.
    func clean(_ a: Int, _ b: Int) -> String {
        text(a..<b) { c in
            !(c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x22 || c == 0x27)
                && !CharClass.isSpace(c)
        }
    }

    /// The scalars of `s[r]` that `kept` keeps, straight into the String (no scalar array in
    /// between), each tested as it is encoded. Read through a buffer pointer: an `ArraySlice`
    /// retained the article's storage and checked bounds at every scalar.
    @inline(__always)
    private func text(_ r: Range<Int>, keeping kept: (UInt32) -> Bool) -> String {
        precondition(r.lowerBound >= 0 && r.upperBound <= s.count)
        return s.withUnsafeBufferPointer { p in String(scalars: UnsafeBufferPointer(rebasing: p[r]), keeping: kept) }
    }
}
