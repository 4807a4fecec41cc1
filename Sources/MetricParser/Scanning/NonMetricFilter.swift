/// Decides which scanned quantities are metrics. Everything here is about what a number is
/// *doing*: years, dates, ordinals, codes and list numbers are not amounts; numerals inside
/// names, titles and slogans (“四个意识”, 《…》, 五星级, 一支一策) are words, not figures.
enum NonMetricFilter {
    /// A count of whole things with a fraction (tidied first: 8.46 × 10⁴ is 84599.99999999999 in
    /// binary), except in measure words of time spent (3.2晚): a section number or an average.
    static func isFractionalCount(_ value: Double, unit: String?) -> Bool {
        !FloatMath.isIntegral(value) && !FloatMath.isIntegral(FloatMath.tidy(value))
            && !MeasureWords.divisible.contains(unit ?? "")
    }

    /// 每万人口发明专利拥有量达到14.6件, 户均2.3人: a count per head or per household is an average, and an
    /// average of whole things is fractional. Its clause (back to the last break, at most 24 characters)
    /// holds 每 or 均.
    /// A clause of comparison (…达到18.4件，比上年增加2.6件) compares the clause before it: that one's.
    static func isAverage(_ q: RawQuantity, in s: [UInt32]) -> Bool {
        var k = q.start - 1
        var limit = q.start - 24
        while k >= 0, k > limit {
            if CharClass.isBreak(s[k]) {
                let next = k + 1 < q.start ? ScriptFold.simplified(s[k + 1]) : 0
                guard limit == q.start - 24, s[k] == 0xFF0C || s[k] == 0x2C, next == u("比") || next == u("较")
                else { return false }
                limit = k - 24
            }
            if s[k] == u("每") || s[k] == u("均") { return true }
            k -= 1
        }
        return false
    }

    /// - Parameter marks: the text's quote marks (`QuoteMarks(s)`), built once per text.
    static func isMetric(_ q: RawQuantity, in s: [UInt32], marks: inout QuoteMarks) -> Bool {
        guard q.role == .cardinal else { return false }
        guard let kind = q.kind else { return false }
        guard q.value.isFinite, abs(q.value) < 1e18 else { return false }
        let num = q.num
        // Digit strings are codes (二〇一九, 0591), except press-style counts of three or four digits
        // with their unit (六五二三人, 二二〇〇人) and 五五折.
        let pressDigits =
            num.hasChinese && !num.leadingZero && (3...4).contains(num.end - num.start) && kind != .duration
        if num.digitString && !pressDigits && !(kind == .percent && q.unit == "percent" && s[q.unitStart] == u("折")) {
            return false
        }
        // Counts are whole things: 2.2本 is a section number, 0.5个 nothing a report counts; an average
        // per head (每万人口…14.6件) is the exception.
        if kind == .count, q.value <= 0 || isFractionalCount(q.value, unit: q.unit) && !isAverage(q, in: s) {
            return false
        }
        // One Chinese digit before a measure word is a word: 一批, 两个维护, 三会, 四大, 一年来.
        if num.singleChineseDigit, kind != .percent, kind != .money, kind != .multiple, kind != .percentagePoint {
            return false
        }
        if num.singleChineseDigit, kind == .money, q.number == 1 { return false }
        let before = precedingChar(s, q.start)
        // 前10名 / 前三季度 (ranks and time frames), 每万人 / 每100户 (denominators).
        // 每六點二分鐘 (a measured average interval) is a figure; 每3年 (a schedule) is not.
        if before == u("前") || before == u("每") && !(kind == .duration && num.hasDecimal)
            || before == u("后") && kind == .duration
        {
            return false
        }
        // An age (18岁以上, 十二周岁) is no time frame: the frames below are of 年, 月 and 天.
        if kind == .duration, !isAge(q, in: s) {
            // 近3年 / 过去5年 / 未来三年 / 连续5年: a time frame, not a measured duration (traditional text
            // reads the same through the fold: 這, 過去, 連續, 24年來).
            let before = ScriptFold.simplified(before)
            if before == u("近") || before == u("这") || before == u("今") { return false }
            if q.start >= 2, isTimeFrame(ScriptFold.simplified(s[q.start - 2]), ScriptFold.simplified(s[q.start - 1])) {
                return false
            }
            // 首十个月 / 头三个月 (the first months of a year, like 前三季度): a period, not a duration.
            if before == u("首") || before == u("头") { return false }
            // 2019年至2023年, 1998-2003年: a span of calendar years.
            if q.unit == "year", let lo = q.lower, let hi = q.upper, (1900...2100).contains(lo),
                (1900...2100).contains(hi)
            {
                return false
            }
            // 三年 in words frames; 五點三年 (a decimal) is measured.
            if q.unit == "year", !num.hasArabic, !num.hasDecimal, q.number < 10 { return false }
            // 3年来, 5年间, 3年后: spans of time framing other figures; 2025至26年度 (a fiscal year) is a year.
            let a = q.end < s.count ? ScriptFold.simplified(s[q.end]) : 0
            if a == u("来") || a == u("间") || a == u("后") || a == u("前") || a == u("内") || a == u("里") || a == u("以") {
                return false
            }
            if q.unit == "year", a == u("度") { return false }
            // 5年期贷款市场报价利率, 10年期国债, 7天期逆回购: a tenor names the product.
            if a == u("期") { return false }
            // 臭氧日最大8小时平均浓度, 24小时滑动平均值: an averaging window names the indicator.
            if a == u("平") || a == u("滑"), q.end + 1 < s.count, s[q.end + 1] == u("均") || s[q.end + 1] == u("动") {
                return false
            }
        }
        // 两位数增长, 3位数: a number of digits describes a magnitude, it counts nothing.
        if kind == .count, q.unitEnd == q.unitStart + 1, s[q.unitStart] == u("位"), q.unitEnd < s.count,
            s[q.unitEnd] == u("数")
        {
            return false
        }
        // 65岁以上人口, 3岁以下婴幼儿, 60岁及以上的老人: an age bracket qualifies the noun that is counted.
        if kind == .duration || kind == .count, isAgeBracket(q, in: s) { return false }
        // 10亿元以上项目, 20户以上自然村, 100人以上企业: a size class of the things named after it.
        if isSizeClass(q, kind: kind, in: s) { return false }
        // 十九届四中全会, 十三届全国人大, 省委十一届三次全会, 一期工程: term, session and phase numbers.
        if kind == .count, isNameNumber(q, in: s, before: before) { return false }
        // Quoted or titled: “四个意识”, "三会一课", 《2019年报告》.
        if insideQuotes(s, q.start, q.end, marks: &marks) { return false }
        // 五星级, 3A级 (ratings) and 5G-style tokens.
        if q.end < s.count, s[q.end] == u("星") || (s[q.end] == u("级") && kind == .count) { return false }
        return true
    }

    /// A count that numbers a term, a session or a phase, like 第 does: N届 followed by another
    /// numeral (十九届四中全会, 三届五次全会) or by a body elected by term (十三届全国人大, 2023届毕业生);
    /// N届 + an event (十四届全运会) unless a verb of holding precedes (举办了12届博览会 counts editions);
    /// N次 right after 届 (十一届十二次全会); N期 + 工程/项目 (三期工程 is a phase, not a count).
    static func isNameNumber(_ q: RawQuantity, in s: [UInt32], before: UInt32) -> Bool {
        guard q.unitEnd == q.unitStart + 1 else { return false }
        let unit = ScriptFold.simplified(s[q.unitStart])
        var a = q.unitEnd
        while a < s.count, CharClass.isSpace(s[a]) { a += 1 }
        let limit = min(s.count, a + 8)
        if unit == u("届") {
            if a < s.count,
                CharClass.has(s[a], CharClass.asciiDigit | CharClass.cjkDigit | CharClass.cjkSmallUnit)
                    || ChineseNumeral.tensValue(s[a]) != nil
            {
                return true
            }
            if TermNouns.bodies.prefix(s, at: a, limit: limit) != nil { return true }
            if TermNouns.events.prefix(s, at: a, limit: limit) != nil {
                return TermNouns.holding.suffix(s, before: q.start, limit: max(0, q.start - 4)) == nil
            }
            return false
        }
        if unit == u("次"), before == u("届") { return true }
        if unit == u("期"), a + 1 < s.count, [u("工"), u("项")].contains(s[a]), [u("程"), u("目")].contains(s[a + 1]) {
            return true
        }
        return false
    }

    /// N岁 / N周岁 + (及/或)以上/以下 + a noun (or 的), or an age range + a noun (0-3岁婴幼儿): the age bracket
    /// of a group, not an age.
    static func isAgeBracket(_ q: RawQuantity, in s: [UInt32]) -> Bool {
        guard isAge(q, in: s) else { return false }
        var k = q.unitEnd
        // 0-3岁婴幼儿, 0～6岁儿童: an age range right before a noun is the group's bracket.
        if q.upper != nil, q.lower != nil, k < s.count, CharClass.isIdeograph(s[k]), !CharClass.isBreak(s[k]),
            s[k] != u("以"), s[k] != u("的")
        {
            return true
        }
        // 60岁及以上, 65歲或以上.
        if k < s.count, s[k] == u("及") || s[k] == u("或") { k += 1 }
        guard k + 2 < s.count, s[k] == u("以"), s[k + 1] == u("上") || s[k + 1] == u("下") else { return false }
        let next = s[k + 2]
        return CharClass.isIdeograph(next) && !CharClass.isBreak(next)
    }

    /// A threshold (以上/以下, 及/或以上) right before the noun of a thing it classifies by size: projects,
    /// enterprises, villages, posts (10亿元以上项目9个, 20户以上自然村, 月薪5000元以上岗位), not one the
    /// figure is an amount of (1000万元以上资金用于…). A count in 个 (100个以上服务站) counts its noun, so only
    /// sizes in households and people (户, 人) and other kinds are classes.
    static func isSizeClass(_ q: RawQuantity, kind: MetricKind, in s: [UInt32]) -> Bool {
        var k = q.end
        guard k + 3 < s.count else { return false }
        if s[k] == u("及") || s[k] == u("或") { k += 1 }
        guard s[k] == u("以"), s[k + 1] == u("上") || s[k + 1] == u("下") else { return false }
        if kind == .count {
            guard q.unitEnd == q.unitStart + 1, sizeCounters.contains(ScriptFold.simplified(s[q.unitStart])) else {
                return false
            }
        }
        k += 2
        var e = k
        while e < min(s.count, k + 6), CharClass.isIdeograph(s[e]), s[e] != u("的") { e += 1 }
        var m = k + 1
        while m <= e {
            // The head ends the noun (2万名以上农村劳动力 is people, not villages): a figure, a break, a verb or
            // the end of the run follows it.
            if classifiedHeads.suffix(s, before: m, limit: k) != nil,
                m == s.count || !CharClass.isIdeograph(s[m]) || nounEnds.contains(s[m])
                    || PredicateLexicon.verbs.prefix(s, at: m, limit: s.count) != nil
            {
                return true
            }
            m += 1
        }
        return false
    }

    /// Households and people as a size (20户以上自然村, 100人以上企业); 名 only counts people.
    static let sizeCounters = ScalarSet("户人")
    /// Characters that open a predicate after a noun: 有, 共, 通, 均, 全, 已, 达, 的.
    static let nounEnds = ScalarSet("有共通均全已达的")
    /// Things reports class by size: works, bodies, places, posts.
    static let classifiedHeads = WordList(
        """
        项目 工程 企业 公司 单位 机构 村 行政村 自然村 社区 乡镇 镇 园区 景区 市场 商场 医院 学校 岗位 职位 \
        工地 楼盘 小区 合作社 家庭农场 农场 基地 产业园
        """)

    /// The quantity's unit is 岁 or 周岁 (an age).
    static func isAge(_ q: RawQuantity, in s: [UInt32]) -> Bool {
        q.unitEnd > q.unitStart && q.unitEnd - q.unitStart <= 2 && ScriptFold.simplified(s[q.unitEnd - 1]) == u("岁")
    }

    /// 过去5年, 未来三年, 今后5年, 连续5年, 最近3年: time frames, not durations.
    static let timeFrames: [(UInt32, UInt32)] = [
        (u("过"), u("去")), (u("未"), u("来")), (u("今"), u("后")), (u("连"), u("续")), (u("最"), u("近")),
    ]

    /// Whether `a b` is one of `timeFrames` (five pairs compared, no array built per duration).
    static func isTimeFrame(_ a: UInt32, _ b: UInt32) -> Bool { timeFrames.contains { $0.0 == a && $0.1 == b } }

    static func precedingChar(_ s: [UInt32], _ i: Int) -> UInt32 {
        var j = i - 1
        while j >= 0, CharClass.isSpace(s[j]) { j -= 1 }
        return j >= 0 ? s[j] : 0
    }

    /// True when `[start, end)` sits inside a “…”, ‘…’, 《…》, 〈…〉 or "…" pair within its sentence.
    /// Only the marks of `marks` can decide it, so only they are read, not the characters between.
    static func insideQuotes(_ s: [UInt32], _ start: Int, _ end: Int, marks: inout QuoteMarks) -> Bool {
        let asciiQuotes = marks.hasASCIIQuote
        let lowest = max(0, start - (asciiQuotes ? 120 : 41))
        guard start <= s.count else { return false }
        let first = marks.firstIndex(atOrAfter: start)
        return s.withUnsafeBufferPointer { s in
            marks.positions.withUnsafeBufferPointer { m in
                // One backward pass: which quote is open right before the figure?
                var open: UInt32 = 0
                var quoteCount = 0
                var t = first - 1
                while t >= 0, m[t] >= lowest {
                    let j = m[t]
                    let c = s[j]
                    if c == 0x0A || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x21 || c == 0x3F { break }
                    if c == 0x22 { quoteCount += 1 }
                    if open == 0, start - j <= 40 {
                        if c == 0x201D || c == 0x300B || c == 0x2019 || c == 0x3009 {
                            open = 1
                        }  // closed before us
                        else if c == 0x201C {
                            open = 0x201D
                        } else if c == 0x300A {
                            open = 0x300B
                        } else if c == 0x2018 {
                            open = 0x2019
                        } else if c == 0x3008 {
                            open = 0x3009
                        }
                        // The pair is known: the rest of the window could only count '"' marks, which
                        // decide nothing once an opening mark is found, nor when the text has none.
                        if open > 1 || (open == 1 && !asciiQuotes) { break }
                    }
                    t -= 1
                }
                let close = open > 1 ? open : (quoteCount % 2 == 1 ? 0x22 : 0)
                guard close != 0 else { return false }
                var k = first
                while k < m.count, m[k] < end { k += 1 }
                while k < m.count, m[k] - end <= 40 {
                    let c = s[m[k]]
                    if c == close { return true }
                    if c == 0x0A || c == 0x3002 || c == 0x201C || c == 0x300A { return false }
                    k += 1
                }
                return false
            }
        }
    }

    /// Part of a URL or query string (…?q=30%25, www.x.com/2019/…).
    static func insideURL(_ s: [UInt32], _ i: Int) -> Bool {
        var a = i
        while a > 0, i - a < 300, s[a - 1] > 0x20, s[a - 1] < 0x7F { a -= 1 }
        var b = i
        while b < s.count, b - i < 300, s[b] > 0x20, s[b] < 0x7F { b += 1 }
        guard b - a >= 8 else { return false }
        for k in a..<(b - 2) {
            if s[k] == 0x3A && s[k + 1] == 0x2F && s[k + 2] == 0x2F { return true }  // ://
            if s[k] == 0x3D || s[k] == 0x3F { return true }  // = ?
            if s[k] | 0x20 == 0x77, s[k + 1] | 0x20 == 0x77, s[k + 2] | 0x20 == 0x77 { return true }  // www
        }
        return false
    }
}
