/// A quantity in normalized offsets, with what the metric layer needs to judge it.
struct RawQuantity {
    /// Normalized `[start, end)`: numeral (with sign / 百分之 / currency symbol) plus unit.
    var start: Int
    var end: Int
    var numberStart: Int
    var numberEnd: Int
    /// Unit or measure word span (`unitStart == unitEnd` when bare).
    var unitStart: Int
    var unitEnd: Int
    var number: Double
    var value: Double
    var lower: Double?
    var upper: Double?
    var kind: MetricKind?
    var unit: String?
    var qualifier: Qualifier
    var role: QuantityRole
    /// Flags of the (first) numeral.
    var num: ParsedNumber
    var isFraction = false
    var percentPrefix = false
    /// The currency word right before the number (人民币 50元), as `attachUnit` read it: the metric
    /// layer needs it again, and a second look-up per figure is measurable.
    var currencyWord: CurrencyWordBefore = .unread
}

/// Whether a currency word (not a symbol) stands right before a quantity's number.
enum CurrencyWordBefore {
    /// Not looked up (the quantity was not read by `attachUnit`).
    case unread
    case none
    /// The word starts here.
    case at(Int)
}

/// Finds every numeric quantity in a text: numerals with their unit, measure word, percent
/// form, currency or dimension, ranges, and the role the numeral plays (cardinal, year, …).
public enum QuantityScanner {
    /// Every numeric quantity in `text`, sorted by `start`; offsets are code points of `text`.
    /// - Parameter locale: decides the currency of a bare 元 (mainland CNY by default).
    public static func scan(_ text: String, locale: ArticleLocale = .mainland) -> [Quantity] {
        let original = text.unicodeScalars.map(\.value)
        let t = TextNormalizer.normalize(original)
        var core = QuantityScannerCore(t.scalars, localCurrency: locale.localCurrency)
        return core.scanAll().map { q in
            let a = t.originalOffset(q.start), b = t.originalOffset(q.end)
            return Quantity(
                start: a, end: b, text: String(scalars: original[a..<b]), number: FloatMath.tidy(q.number),
                value: FloatMath.tidy(q.value), lower: q.lower.map(FloatMath.tidy), upper: q.upper.map(FloatMath.tidy),
                unit: q.unit, kind: q.kind, qualifier: q.qualifier, role: q.role)
        }
    }
}

struct QuantityScannerCore {
    let s: [UInt32]
    var ns: NumberScanner
    let n: Int
    /// ISO code of a bare 元/块/角 (`ArticleLocale.localCurrency`).
    let localCurrency: String
    /// The lexicons probed after every numeral, read once per article instead of through their
    /// lazily initialized globals on every probe.
    let units = UnitLexicon.shared
    let measureWords = MeasureWords.Matcher.shared

    init(_ scalars: [UInt32], localCurrency: String = "CNY") {
        s = scalars
        n = scalars.count
        ns = NumberScanner(scalars)
        self.localCurrency = localCurrency
    }

    /// Tested against `s.count` (not `n`): the compiler then drops the subscript's own bounds check.
    @inline(__always) func at(_ i: Int) -> UInt32 { i >= 0 && i < s.count ? s[i] : 0 }
    @inline(__always) func skipSpaces(_ i: Int, max: Int = 3) -> Int { ns.skipSpaces(i, max: max) }

    mutating func scanAll() -> [RawQuantity] {
        var out: [RawQuantity] = []
        out.reserveCapacity(n / 12 + 4)
        var i = 0
        let table = CharClass.pointer
        while i < n {
            i = nextNumeralStart(from: i, table)
            guard i < n else { break }
            let c = s[i]
            let f = table[Int(c)]
            if f & CharClass.asciiDigit != 0, i > 0, CharClass.isASCIILetter(s[i - 1]) || s[i - 1] == 0x5F {
                // Digits inside a Latin token: PM2.5, A2021…, iPhone12, CO2.
                var j = i
                while j < n, CharClass.isDigit(s[j]) || CharClass.isASCIILetter(s[j]) || s[j] == 0x2E || s[j] == 0x5F {
                    j += 1
                }
                i = j
                continue
            }
            if c == u("零"), at(i + 1) == u("下") { i += 2; continue }  // 零下 (below zero) is a sign, read with the unit
            if scanQuantity(at: i, into: &out) {
                // Built into the list and fixed there: a copy of the quantity per figure is measurable.
                let k = out.count - 1
                // 负500多万: bounds computed on the magnitude come out reversed.
                if let lo = out[k].lower, let hi = out[k].upper, lo > hi { out[k].lower = hi; out[k].upper = lo }
                i = max(out[k].end, i + 1)
            } else {
                i += 1
            }
        }
        markRatios(&out)
        borrowComparedUnits(&out)
        borrowCountedUnits(&out)
        joinMoneySubunits(&out)
        return out
    }

    /// The first index from `i` where a numeral may start (`n` when none does), the prose between
    /// figures skipped by `CharClass.next`.
    @inline(__always)
    func nextNumeralStart(from i: Int, _ table: UnsafePointer<UInt16>) -> Int {
        s.withUnsafeBufferPointer { CharClass.next(CharClass.numeralStart, in: $0, from: i, table) }
    }

    /// 两美元又三美分, 5英镑20便士: an amount and a sub-unit of the same currency right after it
    /// (又/再 may join them) are one amount.
    func joinMoneySubunits(_ qs: inout [RawQuantity]) {
        guard qs.count >= 2 else { return }
        var k = qs.count - 1
        while k > 0 {
            // Fields are read in place: copying whole quantities per pair is measurable.
            if qs[k - 1].kind == .money, qs[k].kind == .money {
                var gap = qs[k - 1].end
                if at(gap) == u("又") || at(gap) == u("再") { gap += 1 }
                let av = qs[k - 1].value, bv = qs[k].value
                if qs[k].start == gap, qs[k - 1].unit == qs[k].unit, qs[k - 1].lower == nil, qs[k].lower == nil,
                    abs(bv) < 1, bv > 0, FloatMath.isIntegral(av)
                {
                    qs[k - 1].value = av + (av < 0 ? -bv : bv)
                    qs[k - 1].number = qs[k - 1].value
                    qs[k - 1].end = qs[k].end
                    qs.remove(at: k)
                }
            }
            k -= 1
        }
    }

    /// Words that compare a bare number with the figure before it: 增長百分之四點五，低於去年的五點一.
    static let comparisons = WordList("低于 高于 不及 快于 慢于 好于 优于 差于 少于 多于 胜于 逊于")

    /// A bare number compared with a percent figure of the same sentence is a percent (or points)
    /// too: the writer leaves the unit out because the comparison names it.
    func borrowComparedUnits(_ qs: inout [RawQuantity]) {
        guard qs.count >= 2 else { return }
        for k in 1..<qs.count where qs[k].kind == nil && qs[k].role == .cardinal && !qs[k].num.digitString {
            // The figure compared with: the last one with a unit, past ordinals (第四季度) and years.
            var m = k - 1
            while m > 0, k - m < 4, qs[m].kind == nil || qs[m].role != .cardinal { m -= 1 }
            let prevKind = qs[m].kind, prevEnd = qs[m].end
            guard qs[m].role == .cardinal, prevKind == .percent || prevKind == .percentagePoint,
                qs[k].start - prevEnd <= 30
            else { continue }
            var compared = false
            for j in prevEnd..<qs[k].start {
                if CharClass.has(s[j], CharClass.sentenceBreak) { compared = false; break }
                // 增幅高于物价，但餐饮、零售…: the comparison's own clause ends before the number.
                if compared, CharClass.isBreak(s[j]) { compared = false }
                if !compared, Self.comparisons.prefix(s, at: j, limit: qs[k].start) != nil { compared = true }
            }
            guard compared else { continue }
            qs[k].kind = prevKind; qs[k].unit = qs[m].unit
            qs[k].value = qs[k].number
        }
        borrowRateUnits(&qs)
    }

    /// A bare number after a noun that names its own measure word (人口约七百五十万, 旅客人次录得450万,
    /// 失业人数为13.4万) is a count of that word: 人口 and 人数 count 人; 人次, 户数, 宗数, 家数, 件数 their own.
    func borrowCountedUnits(_ qs: inout [RawQuantity]) {
        for k in qs.indices where qs[k].kind == nil && qs[k].role == .cardinal && !qs[k].num.digitString {
            var e = qs[k].start
            if let hit = QualifierLexicon.before(s, e, limit: max(0, e - 4)) { e -= hit.length }
            if let l = PredicateLexicon.linkers.suffix(s, before: e, limit: max(0, e - 3)) { e -= l }
            if let hit = QualifierLexicon.before(s, e, limit: max(0, e - 4)) { e -= hit.length }
            while e > 0, CharClass.isSpace(s[e - 1]) { e -= 1 }
            // 售價指數暫定為294.6: a provisional value is still the value.
            if e >= 2, s[e - 2] == u("暂") || s[e - 2] == u("暫"), s[e - 1] == u("定") { e -= 2 }
            // 私人住宅租金指數為197.8, 采购经理指数为50.2: an index is read in points (点, as 收于3200点 writes
            // them; the schema wants a unit, and a bare index value writes none).
            if e >= 2, s[e - 2] == u("指"), ScriptFold.simplified(s[e - 1]) == u("数") {
                qs[k].kind = .other; qs[k].unit = "点"
                qs[k].value = qs[k].number
                continue
            }
            guard e >= 2,
                let unit = Self.countedUnit(ScriptFold.simplified(s[e - 2]), ScriptFold.simplified(s[e - 1]))
            else { continue }
            qs[k].kind = .count; qs[k].unit = unit
            qs[k].value = qs[k].number
        }
    }

    static let countedNouns: [(noun: (UInt32, UInt32), unit: String)] = [
        ((u("人"), u("口")), "人"), ((u("人"), u("数")), "人"), ((u("人"), u("次")), "人次"), ((u("户"), u("数")), "户"),
        ((u("宗"), u("数")), "宗"), ((u("家"), u("数")), "家"), ((u("件"), u("数")), "件"),
    ]

    /// The unit counted by the two-character noun `a b` (`countedNouns`): a scan of seven pairs,
    /// with no array built and hashed per bare number.
    static func countedUnit(_ a: UInt32, _ b: UInt32) -> String? {
        for (noun, unit) in countedNouns where noun.0 == a && noun.1 == b { return unit }
        return nil
    }

    /// A bare number right after a rate noun (减幅卅七点三二, 增速为7.5) is a percent when the sentence
    /// has named percents before it: a rate is a percent, and the writer leaves out the unit it named.
    func borrowRateUnits(_ qs: inout [RawQuantity]) {
        for k in 1..<qs.count where qs[k].kind == nil && qs[k].role == .cardinal && !qs[k].num.digitString {
            var e = qs[k].start
            if let l = PredicateLexicon.linkers.suffix(s, before: e, limit: max(0, e - 2)) { e -= l }
            guard
                PredicateLexicon.increaseRate.suffix(s, before: e, limit: max(0, e - 5)) != nil
                    || PredicateLexicon.decreaseRate.suffix(s, before: e, limit: max(0, e - 5)) != nil
            else { continue }
            var m = k - 1
            while m > 0, k - m < 6, qs[m].kind != .percent { m -= 1 }
            guard qs[m].kind == .percent, qs[m].role == .cardinal, qs[k].start - qs[m].end <= 120 else { continue }
            var sameSentence = true
            for j in qs[m].end..<qs[k].start where CharClass.has(s[j], CharClass.sentenceBreak) {
                sameSentence = false
                break
            }
            guard sameSentence else { continue }
            qs[k].kind = .percent; qs[k].unit = qs[m].unit
            qs[k].value = qs[k].number
        }
    }

    /// 百分之 (1), 千分之 (0.1), 万分之 (0.01), 百万分之 (1e-4) at `i` → (length, factor); "百分" + numeral → 1.
    func percentPrefix(at i: Int) -> (Int, Double)? {
        var j = i
        var scale = 1.0
        let c = at(j)
        if c == u("百") || c == u("佰") {
            if at(j + 1) == u("万") { scale = 1e-4; j += 1 } else { scale = 1 }
        } else if c == u("千") || c == u("仟") {
            scale = 0.1
        } else if c == u("万") {
            scale = 0.01
        } else {
            return nil
        }
        j = skipSpaces(j + 1)
        guard at(j) == u("分") else { return nil }
        j = skipSpaces(j + 1)
        if at(j) == u("之") { return (skipSpaces(j + 1) - i, scale) }
        // 百分三十 (spoken), but not 百分点 / 百分比.
        if scale == 1, CharClass.has(at(j), CharClass.cjkDigit | CharClass.asciiDigit | CharClass.cjkSmallUnit),
            at(j) != u("百") || at(j + 1) != u("分")
        {
            return (j - i, scale)
        }
        return nil
    }

    /// Appends the quantity whose numeral starts at `i0` to `out`; false when none starts there.
    /// The common form is built in the list and its role set there: returned as an optional, a
    /// quantity is copied two or three times on its way into the list.
    mutating func scanQuantity(at i0: Int, into out: inout [RawQuantity]) -> Bool {
        var i = i0
        var negative = false
        // 负百分之五 / 零下五度.
        if s[i] == u("负") {
            var j = skipSpaces(i + 1)
            if at(j) == u("的") { j = skipSpaces(j + 1) }
            if percentPrefix(at: j) != nil { negative = true; i = j }
        }
        // 百分之四十, 千分之一, 百分百. Only a 百/千/万 opens one: tested before the call.
        if CharClass.has(s[i], CharClass.cjkSmallUnit | CharClass.cjkBigUnit), let (len, scale) = percentPrefix(at: i) {
            let j = i + len
            if at(j) == u("百") && !CharClass.has(at(j + 1), CharClass.cjkDigit) && scale == 1 {
                // 百分之百 / 百分百.
                out.append(
                    make(
                        start: i0, numberStart: j, numberEnd: j + 1, end: j + 1, number: 100 * (negative ? -1 : 1),
                        info: UnitInfo(kind: .percent, unit: "percent", factor: 1), unitStart: i, unitEnd: j,
                        num: ParsedNumber(start: j, end: j + 1, value: 100), percentPrefix: true))
                return true
            }
            guard var num = ns.parse(at: j) else { return false }
            if negative { num.value = -num.value; num.lower = num.lower.map { -$0 }; num.upper = num.upper.map { -$0 } }
            var q = make(
                start: i0, numberStart: j, numberEnd: num.end, end: num.end, number: num.value,
                info: UnitInfo(kind: .percent, unit: "percent", factor: scale), unitStart: i, unitEnd: j,
                num: num, percentPrefix: true)
            q.lower = num.lower.map { $0 * scale }
            q.upper = num.upper.map { $0 * scale }
            q.qualifier = num.qualifier
            if mayOpenRange(at: q.end) { extendRange(&q) }
            out.append(q)
            return true
        }
        if s[i] == u("半") || (ScriptFold.simplified(s[i]) == u("对") && at(i + 1) == u("折")) {
            guard let q = scanHalf(at: i) else { return false }
            out.append(q)
            return true
        }
        guard let num = ns.parse(at: i) else { return false }
        // A lone financial numeral is a word (拾取, 放肆, 登陆), not a number.
        if num.end - num.start == 1, CharClass.has(s[num.start], CharClass.financial) {
            let prev = at(num.start - 1), next = at(num.end)
            // 貳月, 叁日: a financial digit naming a month or day is a date numeral.
            let dateNext = next == u("月") || next == u("日") || next == u("号")
            if !dateNext,
                CharClass.isIdeograph(prev) && !CharClass.has(prev, CharClass.numeralStart | CharClass.cjkBigUnit)
            {
                return false
            }
            if !dateNext, CharClass.isIdeograph(next), units.match(s, at: num.end) == nil,
                measureWords.match(s, at: num.end) == nil
            {
                return false
            }
        }
        // 重拾一個: a numeral opening with a financial character but written with ordinary digits
        // after a word character is that word (real financial numerals are written all in that form).
        if CharClass.has(s[num.start], CharClass.financial), num.end - num.start >= 2 {
            let prev = at(num.start - 1)
            if CharClass.isIdeograph(prev) && !CharClass.has(prev, CharClass.numeralStart | CharClass.cjkBigUnit),
                (num.start + 1..<num.end).contains(where: {
                    CharClass.has(s[$0], CharClass.cjkDigit | CharClass.cjkSmallUnit)
                        && !CharClass.has(s[$0], CharClass.financial)
                })
            {
                return false
            }
        }
        // X分之Y fractions (and A又X分之Y).
        // Each of these forms needs its mark right after the numeral: tested here, before a call
        // that copies the numeral.
        let after = at(num.end)
        if mayBeFraction(after: num), let q = fraction(after: num, start: i0) {
            out.append(q)
            return true
        }
        if after == 0x2F, let q = perPopulationRate(after: num, start: i0) {
            out.append(q)
            return true
        }
        if after == 0x20, let q = mixedFraction(after: num, start: i0) {
            out.append(q)
            return true
        }
        if after == 0x2F, let q = slashFraction(after: num, start: i0) {
            out.append(q)
            return true
        }
        out.append(attachUnit(to: num, start: i0))
        let k = out.count - 1
        if mayOpenRange(at: out[k].end) { extendRange(&out[k]) }
        assignRole(&out[k])
        return true
    }

    /// 半个月, 半百, 半折.
    mutating func scanHalf(at i: Int) -> RawQuantity? {
        let next = at(i + 1)
        if next == u("折") {
            // 半折 / 对折: half price, 50 percent.
            var num = ParsedNumber(start: i, end: i + 1, value: 5, hasChinese: true)
            num.singleChineseDigit = s[i] == u("半")
            return make(
                start: i, numberStart: i, numberEnd: i + 1, end: i + 2, number: 5,
                info: UnitInfo(kind: .percent, unit: "percent", factor: 10), unitStart: i + 1, unitEnd: i + 2, num: num)
        }
        guard s[i] == u("半") else { return nil }  // 对 only starts 对折
        if next == u("百") {
            return make(
                start: i, numberStart: i, numberEnd: i + 2, end: i + 2, number: 50, info: nil,
                unitStart: i + 2, unitEnd: i + 2, num: ParsedNumber(start: i, end: i + 2, value: 50, hasChinese: true))
        }
        if next != u("个") {
            // 半斤, 半小时, 半公里 — but not 上半年 (a period) or 半岛 (a word).
            let prev = at(i - 1)
            guard !Self.halfBlockers.contains(prev), let m = units.match(s, at: i + 1),
                m.info.kind != .money, m.info.kind != .percent, m.info.kind != .other
            else { return nil }
            var num = ParsedNumber(start: i, end: i + 1, value: 0.5, hasChinese: true)
            num.singleChineseDigit = true
            return make(
                start: i, numberStart: i, numberEnd: i + 1, end: i + 1 + m.length, number: 0.5, info: m.info,
                unitStart: i + 1, unitEnd: i + 1 + m.length, num: num)
        }
        var num = ParsedNumber(start: i, end: i + 1, value: 0.5, hasChinese: true)
        num.singleChineseDigit = true
        if let m = units.match(s, at: i + 1) {
            return make(
                start: i, numberStart: i, numberEnd: i + 1, end: i + 1 + m.length, number: 0.5, info: m.info,
                unitStart: i + 1, unitEnd: i + 1 + m.length, num: num)
        }
        return make(
            start: i, numberStart: i, numberEnd: i + 1, end: i + 2, number: 0.5,
            info: UnitInfo(kind: .count, unit: "个", factor: 1), unitStart: i + 1, unitEnd: i + 2, num: num)
    }

    /// Whether 分 or 又 (what `fraction` needs first) follows `num`.
    @inline(__always)
    func mayBeFraction(after num: ParsedNumber) -> Bool {
        let c = at(skipSpaces(num.end))
        return c == u("分") || c == u("又")
    }

    /// `X分之Y` at the end of `num` → Y/X; also A又X分之Y.
    mutating func fraction(after num: ParsedNumber, start: Int) -> RawQuantity? {
        var j = skipSpaces(num.end)
        var whole = 0.0
        var denominator = num
        if at(j) == u("又") {
            let k = skipSpaces(j + 1)
            guard CharClass.has(at(k), CharClass.numeralStart), let d = ns.parse(at: k) else { return nil }
            whole = num.value
            denominator = d
            j = skipSpaces(d.end)
        }
        guard at(j) == u("分") else { return nil }
        j = skipSpaces(j + 1)
        guard at(j) == u("之") else { return nil }
        j = skipSpaces(j + 1)
        guard j < n, CharClass.has(s[j], CharClass.numeralStart), denominator.value != 0,
            let numerator = ns.parse(at: j)
        else { return nil }
        let frac = numerator.value / denominator.value
        let v = whole == 0 ? frac : (whole < 0 ? whole - abs(frac) : whole + abs(frac))
        var q = make(
            start: start, numberStart: start, numberEnd: numerator.end, end: numerator.end, number: v,
            info: nil, unitStart: numerator.end, unitEnd: numerator.end, num: num)
        q.isFraction = true
        // 百万分之七, 百万万分之七, 亿分之三: a denominator written as units alone (a power of ten
        // from 十万 up) is a per-ten-thousand… form, read as percent like 百分之/千分之/万分之.
        if whole == 0, denominator.value >= 1e5, isUnitsOnly(denominator), isPowerOfTen(denominator.value) {
            q.kind = .percent; q.unit = "percent"; q.value = frac * 100
            return q
        }
        // 四分之一升: a unit after the fraction applies to it.
        let k = skipSpaces(numerator.end, max: 1)
        if let m = units.match(s, at: k), m.info.kind != .percent {
            q.kind = m.info.kind; q.unit = m.info.unit; q.value = v * m.info.factor
            q.unitStart = k; q.unitEnd = k + m.length; q.end = q.unitEnd
        }
        return q
    }

    /// 11.69/10万, 3.2/千: a rate per population (incidence, mortality), kind other with the
    /// denominator as its unit and the number as stated.
    mutating func perPopulationRate(after num: ParsedNumber, start: Int) -> RawQuantity? {
        guard num.hasArabic, !num.digitString, at(num.end) == 0x2F else { return nil }
        var k = num.end + 1
        while CharClass.isDigit(at(k)), k - num.end <= 4 { k += 1 }
        let c = at(k)
        guard c == u("万") || c == u("千") || c == u("百") || c == u("亿"),
            !continuesNumeral(k + 1) || measureWords.match(s, at: k + 1) != nil
        else { return nil }
        var end = k + 1
        if let len = measureWords.match(s, at: end) { end += len }  // 11.69/10万人
        let unitText = String(scalars: s[num.end..<end])
        return make(
            start: start, numberStart: num.start, numberEnd: num.end, end: end, number: num.value,
            info: UnitInfo(kind: .other, unit: unitText, factor: 1), unitStart: num.end, unitEnd: end, num: num)
    }

    /// 1 4/3: a whole number, one space and a slash fraction.
    mutating func mixedFraction(after num: ParsedNumber, start: Int) -> RawQuantity? {
        guard num.plainIntegerDigits > 0, num.plainIntegerDigits <= 3, !num.leadingZero, at(num.end) == 0x20,
            CharClass.isDigit(at(num.end + 1))
        else { return nil }
        var k = num.end + 1, a = 0.0
        while CharClass.isDigit(at(k)), k - num.end <= 3 { a = a * 10 + Double(at(k) - 0x30); k += 1 }
        guard at(k) == 0x2F, CharClass.isDigit(at(k + 1)) else { return nil }
        k += 1
        var b = 0.0
        let bs = k
        while CharClass.isDigit(at(k)), k - bs < 3 { b = b * 10 + Double(at(k) - 0x30); k += 1 }
        guard b > 0, !CharClass.isDigit(at(k)), at(k) != 0x2F, at(k) != 0x2E else { return nil }
        let v = num.value < 0 ? num.value - a / b : num.value + a / b
        var q = make(
            start: start, numberStart: num.start, numberEnd: k, end: k, number: v, info: nil,
            unitStart: k, unitEnd: k, num: num)
        q.isFraction = true
        return q
    }

    /// The numeral is written with 十百千万亿 only (百万, 万万, 亿): no digit.
    func isUnitsOnly(_ num: ParsedNumber) -> Bool {
        (num.start..<num.end).allSatisfy { CharClass.has(s[$0], CharClass.cjkSmallUnit | CharClass.cjkBigUnit) }
    }

    func isPowerOfTen(_ v: Double) -> Bool {
        var x = v
        while x >= 10 { x /= 10 }
        return abs(x - 1) < 1e-9
    }

    /// 3/5, -3/2: small Arabic fractions, read as bare numbers (never a metric on their own).
    mutating func slashFraction(after num: ParsedNumber, start: Int) -> RawQuantity? {
        guard num.plainIntegerDigits > 0, num.plainIntegerDigits <= 3, !num.leadingZero, at(num.end) == 0x2F,
            CharClass.isDigit(at(num.end + 1)), at(num.start - 1) != 0x2F
        else { return nil }
        var k = num.end + 1
        var d = 0.0
        while CharClass.isDigit(at(k)), k - num.end <= 3 { d = d * 10 + Double(at(k) - 0x30); k += 1 }
        guard d > 0, !CharClass.isDigit(at(k)), at(k) != 0x2F, at(k) != 0x2E, !CharClass.isASCIILetter(at(k)) else {
            return nil
        }
        if units.match(s, at: k) != nil || measureWords.match(s, at: k) != nil || at(k) == u("月")
            || at(k) == u("日")
        {
            return nil
        }
        var q = make(
            start: start, numberStart: num.start, numberEnd: k, end: k, number: num.value / d, info: nil,
            unitStart: k, unitEnd: k, num: num)
        q.isFraction = true
        return q
    }

    func make(
        start: Int, numberStart: Int, numberEnd: Int, end: Int, number: Double, info: UnitInfo?,
        unitStart: Int, unitEnd: Int, num: ParsedNumber, percentPrefix: Bool = false
    ) -> RawQuantity {
        RawQuantity(
            start: start, end: end, numberStart: numberStart, numberEnd: numberEnd, unitStart: unitStart,
            unitEnd: unitEnd, number: number, value: number * (info?.factor ?? 1), lower: nil, upper: nil,
            kind: info?.kind, unit: info?.unit, qualifier: .exact, role: .cardinal, num: num,
            percentPrefix: percentPrefix)
    }

    /// A unit being read after a number: where it is and the figure so far. What matched (a
    /// `UnitInfo`, which holds a String) travels beside it, so the steps that only move these
    /// numbers copy no String.
    private struct UnitReading {
        var unitStart: Int, unitEnd: Int
        /// Where a unit word may start: after the number's spaces, or after 个半.
        var p: Int
        var half = false
        var number: Double
        var value = 0.0
        var end = 0
    }

    /// Reads the unit or measure word after `num` and builds the quantity.
    mutating func attachUnit(to num: ParsedNumber, start: Int) -> RawQuantity {
        var (r, info) = readUnitWord(after: num)
        if info == nil { r.unitStart = num.end; r.unitEnd = num.end }
        r.value = r.number * (info?.factor ?? 1)
        r.end = max(r.unitEnd, num.end)
        // Each step below is tested by the character it needs before it is called: most figures
        // need none of them, and the calls cost more than the tests.
        if let inf = info {
            readSpecialTail(inf, &r, num)
            // The scalar test before the String comparisons.
            if inf.kind == .other, let t = temperaturePrefix(before: start), inf.unit == "°" || inf.unit == "度" {
                info!.unit = t
            }
        } else if at(r.p) == u("度") || at(r.p) == u("两") {
            info = readBareDegreeOrLiang(&r, num, start: start)
        }
        if let inf = info {
            applyBelowZero(inf, &r, num)
            if r.half || at(r.end) == u("半") { readHalf(inf, &r) }
            if at(r.end) == 0x2F || at(r.end) == u("每"), let perUnit = readPerUnit(&r) { info = perUnit }
        }
        return buildQuantity(r, info, num, start: start)
    }

    /// The unit word, spaced percent point or measure word after `num`, through the fillers 个 and 大.
    private func readUnitWord(after num: ParsedNumber) -> (UnitReading, UnitInfo?) {
        let p = skipSpaces(num.end, max: 2)
        var r = UnitReading(unitStart: p, unitEnd: p, p: p, number: num.value)
        var info: UnitInfo?
        if let m = units.match(s, at: p), unitAllowed(m.info, at: p, length: m.length, num: num) {
            info = m.info; r.unitEnd = p + m.length
            if let times = timesCompound(m.info, unitStart: p, unitEnd: r.unitEnd) {
                info = times; r.unitEnd += 1
            }
        } else if let (m, len) = spacedPercentPoint(at: skipSpaces(num.end, max: 6)) {
            // 一百五十    个百分点, 六 个 百 分点 (spoken transcripts).
            info = m; r.unitStart = skipSpaces(num.end, max: 6); r.unitEnd = r.unitStart + len
        } else if at(p) == u("个"), at(p + 1) == u("半") {
            // 两个半小时, 一个半月.
            r.half = true
            if let m = units.match(s, at: p + 2) {
                info = m.info; r.unitStart = p + 2; r.unitEnd = p + 2 + m.length
            } else {
                info = UnitInfo(kind: .count, unit: "个", factor: 1); r.unitEnd = p + 1
            }
            r.p = p + 2
        } else if at(p) == u("个"), let m = units.match(s, at: p + 1),
            [.area, .volume, .length, .mass].contains(m.info.kind)
        {
            // 三个平方, 六个加仑: 个 is a filler.
            info = m.info; r.unitStart = p + 1; r.unitEnd = p + 1 + m.length
        } else if let len = measureWords.match(s, at: p) {
            // 得分98.2分, 提升0.6分: points of a score are no count of whole things (kind other, as the corpus
            // labels a per-head average).
            let kind: MetricKind = len == 1 && at(p) == u("分") ? .other : .count
            info = UnitInfo(kind: kind, unit: unitString(p, len), factor: 1); r.unitEnd = p + len
        } else if at(p) == u("大"), let len = measureWords.match(s, at: p + 1), len == 1 {
            // 10大类: the measure word is 类.
            info = UnitInfo(kind: .count, unit: unitString(p + 1, 1), factor: 1)
            r.unitStart = p + 1; r.unitEnd = p + 2
        }
        return (r, info)
    }

    /// 48万亩次, 1200吨次, 300公里次: a unit of measure followed by the verbal measure word 次 is a
    /// compound measure word (a unit of measure and a verbal measure word, as 人次 and 架次 are a
    /// count's): it counts unit-times, so it is a count in the compound, not an area or a mass. 次
    /// must stand as a measure word (not 次数, 次日) and not open 次年 (the following year).
    @inline(__always)
    private func timesCompound(_ info: UnitInfo, unitStart p: Int, unitEnd e: Int) -> UnitInfo? {
        guard at(e) == u("次") else { return nil }
        switch info.kind {
        case .area, .length, .mass, .volume: break
        default: return nil
        }
        guard at(e + 1) != u("年"), measureWords.match(s, at: e) == 1 else { return nil }
        return UnitInfo(kind: .count, unit: unitString(p, e + 1 - p), factor: 1)
    }

    /// What some units read after themselves: 七成六, 九折, 三元五角, 三米九, 六斤八两.
    private func readSpecialTail(_ inf: UnitInfo, _ r: inout UnitReading, _ num: ParsedNumber) {
        switch inf.special {
        case .cheng:
            readChengTail(&r, num)
        case .zhe:
            // 九折 → 90, 8.5折 → 85, 75折 / 五五折 → 75 / 55.
            r.value = abs(r.number) < 10 ? r.number * 10 : r.number
        case .yuan:
            (r.value, r.end) = subunits(after: r.end, base: r.value, allowBareDigit: true)
        case .tenths:
            readTenthsTail(inf, &r, num)
        case .jiao:
            (r.value, r.end) = subunits(after: r.end, base: r.value, allowBareDigit: false, afterJiao: true)
        default:
            break
        }
    }

    /// 七成六 → 76, 三成半 → 35 (半 is read by readHalf); 1成5 → 15.
    private func readChengTail(_ r: inout UnitReading, _ num: ParsedNumber) {
        let k = skipSpaces(r.end, max: 1)
        if let d = ChineseNumeral.digit(at(k)), !CharClass.isDigit(at(k)), at(k) != u("两"), !continuesNumeral(k + 1) {
            r.value += Double(d); r.end = k + 1
        } else if num.hasArabic, r.number < 10, CharClass.isDigit(at(k)), !continuesNumeral(k + 1),
            units.match(s, at: k + 1) == nil, measureWords.match(s, at: k + 1) == nil
        {
            // 1成5 → 15 (Taiwan press writes 一成五 with digits).
            r.value += Double(at(k) - 0x30); r.end = k + 1
        }
    }

    /// 三米九 = 3.9 m, 十二度五 = 12.5°: a lone Chinese digit after the unit is a tenth; 六斤八两 = 3.4 kg.
    private func readTenthsTail(_ inf: UnitInfo, _ r: inout UnitReading, _ num: ParsedNumber) {
        let end = r.end
        if num.hasChinese, let d = ChineseNumeral.digit(at(end)), !CharClass.isDigit(at(end)),
            at(end) != u("两"),
            !continuesNumeral(end + 1)
        {
            r.number += Double(d) / 10; r.value = r.number * inf.factor; r.end += 1
        } else if inf.unit == "kg", inf.factor == 0.5,
            let d = ChineseNumeral.digit(at(end)) ?? (CharClass.isDigit(at(end)) ? Int(at(end) - 0x30) : nil),
            at(end + 1) == u("两")
        {
            r.value += Double(d) * 0.05; r.end += 2
        }
    }

    /// No unit word: 度 after a temperature prefix (零下5度), or a final 两 as the mass unit.
    private func readBareDegreeOrLiang(_ r: inout UnitReading, _ num: ParsedNumber, start: Int) -> UnitInfo? {
        let p = r.p
        if let t = temperaturePrefix(before: start), at(p) == u("度") {
            r.unitEnd = p + 1; r.end = r.unitEnd
            r.value = r.number
            return UnitInfo(kind: .other, unit: t, factor: 1)
        } else if at(p) == u("两"), !continuesNumeral(p + 1), num.hasArabic || num.end == p {
            // 1234两, 三十两, 两万两: the mass unit (NumberScanner leaves a final 两 to it).
            r.unitEnd = p + 1; r.end = r.unitEnd
            r.value = r.number * 0.05
            return UnitInfo(kind: .mass, unit: "kg", factor: 0.05)
        }
        return nil
    }

    /// A temperature written after 零下 / 负 is below zero.
    private func applyBelowZero(_ inf: UnitInfo, _ r: inout UnitReading, _ num: ParsedNumber) {
        // The scalar test first: a String prefix test per figure of kind other costs more.
        guard r.number > 0, belowZero(before: num.start) else { return }
        if inf.kind == .other, inf.unit.hasPrefix("°") || inf.unit == "度" {
            r.number = -r.number; r.value = -r.value
        }
    }

    /// 一吨半, 三岁半, 两个半小时: half a unit more (not after money or a percent).
    private func readHalf(_ info: UnitInfo, _ r: inout UnitReading) {
        guard info.kind != .money, info.kind != .percent || info.special == .cheng,
            r.half || (at(r.end) == u("半") && !continuesNumeral(r.end + 1))
        else { return }
        let f = info.special == .cheng ? 10.0 : (info.factor)
        r.value += (r.number < 0 ? -0.5 : 0.5) * f
        r.number += r.number < 0 ? -0.5 : 0.5
        if !r.half { r.end += 1 }
    }

    /// Per-unit compounds: 元/吨, 微克/立方米, 公里/小时, 万元/亩 → kind other, unit as written
    /// (the unit that replaces the one read, or nil when no compound follows).
    private func readPerUnit(_ r: inout UnitReading) -> UnitInfo? {
        guard at(r.end) == 0x2F || at(r.end) == u("每"), let denomLen = denominatorLength(at: r.end + 1) else {
            return nil
        }
        let unitText = String(scalars: s[r.unitStart..<(r.end + 1 + denomLen)])
        r.value = r.number
        r.end = r.end + 1 + denomLen
        r.unitEnd = r.end
        return UnitInfo(kind: .other, unit: unitText, factor: 1)
    }

    /// The quantity from the unit read, with its currency and the number's bounds.
    private func buildQuantity(_ r: UnitReading, _ info: UnitInfo?, _ num: ParsedNumber, start: Int) -> RawQuantity {
        var q = make(
            start: start, numberStart: num.start, numberEnd: num.end, end: r.end, number: r.number, info: info,
            unitStart: r.unitStart, unitEnd: r.unitEnd, num: num)
        q.value = r.value
        applyCurrency(&q, info, number: r.number, num)
        if let lo = num.lower, let hi = num.upper {
            let f = info?.kind == .other ? 1 : (info?.factor ?? 1)
            q.lower = lo * f; q.upper = hi * f
        }
        q.qualifier = num.qualifier
        return q
    }

    /// 8亿元人民币 is covered by the lexicon; a currency word or symbol before the number
    /// (人民币 50元, 港币两千九百六十元, $94,000, ¥100) names the currency of 元.
    private func applyCurrency(_ q: inout RawQuantity, _ info: UnitInfo?, number: Double, _ num: ParsedNumber) {
        if let inf = info, inf.local {
            q.unit = localCurrency
            // 9000元日币, 50元人民币: a currency name right after 元 names its currency.
            if let m = units.match(s, at: q.end), m.info.kind == .money, !m.info.local, m.info.factor == 1 {
                q.unit = m.info.unit; q.end += m.length; q.unitEnd = q.end
            }
        }
        q.currencyWord = .none
        if let prefix = currencyPrefix(before: num.start) {
            if !prefix.symbol { q.currencyWord = .at(prefix.start) }
            if info == nil {
                q.kind = .money; q.unit = prefix.code; q.value = number
            } else if info!.kind == .money, info!.local {
                q.unit = prefix.code
            }
            if prefix.symbol, q.kind == .money { q.start = prefix.start }
        }
    }

    static let percentPointWords = ([UInt32]("个百分点"), [UInt32]("百分点"))

    /// The measure word at `[p, p + len)` as a String. Up to five CJK characters fit a small
    /// string: no allocation, so no cache is needed.
    func unitString(_ p: Int, _ len: Int) -> String {
        if len == 1 { return MeasureWords.singleString(s[p]) ?? String(scalars: s[p..<(p + 1)]) }
        // 人(次) is written for 人次: the unit is the compound without its parentheses.
        return String(
            scalars: s[p..<(p + len)].lazy.filter { $0 != 0x28 && $0 != 0x29 && $0 != 0xFF08 && $0 != 0xFF09 })
    }

    /// 个百分点 / 百分点 written with spaces between the characters → (unit, length).
    /// Inlined up to the first character, where most figures' probes stop.
    @inline(__always)
    func spacedPercentPoint(at p: Int) -> (UnitInfo, Int)? {
        guard at(p) == u("个") || at(p) == u("百") else { return nil }
        return spacedPercentPointWords(at: p)
    }

    /// `spacedPercentPoint` past its first character.
    private func spacedPercentPointWords(at p: Int) -> (UnitInfo, Int)? {
        // The non-space characters read so far are matched against both words as they come
        // (no array per call: this runs after every 个 that follows a number).
        let (long, short) = Self.percentPointWords
        var k = p
        var count = 0
        var matchesLong = true, matchesShort = true
        while k < n, k - p < 12, count < 4 {
            if CharClass.isSpace(s[k]) { k += 1; continue }
            let c = s[k]
            matchesLong = matchesLong && count < long.count && c == long[count]
            matchesShort = matchesShort && count < short.count && c == short[count]
            count += 1; k += 1
            if (matchesLong && count == long.count) || (matchesShort && count == short.count) {
                return (UnitInfo(kind: .percentagePoint, unit: "percentage_point", factor: 1), k - p)
            }
            if !matchesLong && !matchesShort { return nil }
        }
        return nil
    }

    /// Context checks for ambiguous unit characters.
    func unitAllowed(_ info: UnitInfo, at p: Int, length: Int, num: ParsedNumber) -> Bool {
        let next = at(p + length)
        switch info.special {
        case .cheng:
            // 成 after a numeral is 成为/成立/成果 … more often than "tenths".
            return !Self.chengBlockers.contains(next)
        case .zhe:
            return !Self.zheBlockers.contains(next)
        default:
            break
        }
        let c = s[p]
        if length == 1 {
            if c == u("方") { return !Self.fangBlockers.contains(next) && !num.singleChineseDigit }
            if c == u("度") { return !Self.duBlockers.contains(next) }
            if c == u("周") { return next != u("年") && next != u("岁") && next != u("边") }
            if c == u("年") { return next != u("级") && next != u("代") }
            if c == u("天") { return next != u("然") && next != u("气") && next != u("下") }
            if c == u("米") { return !Self.miBlockers.contains(next) }
            if c == u("分") { return false }
            if c == u("元") { return !Self.yuanBlockers.contains(next) }
            if c == u("克") { return next != u("服") && next != u("隆") }
            if c == u("斤") { return next != u("斤") }
            if c == u("里") { return !Self.liBlockers.contains(next) }
            if c == u("尺") || c == u("寸") { return !Self.chiBlockers.contains(next) }
            if c == u("块") { return !Self.kuaiBlockers.contains(next) }
            if c == u("毛") || c == u("角") {
                // 九毛九 / 两角五分 are dimes; 3毛 (wool), 5角星 (a star) are not.
                let endsPhrase = !CharClass.isIdeograph(next)
                let spokenMoney =
                    num.hasChinese && !num.hasArabic
                    && (CharClass.has(next, CharClass.cjkDigit) || next == u("钱") || endsPhrase)
                return spokenMoney || (c == u("角") && endsPhrase)
            }
            if c == 0x25 || c == 0x2030 { return true }
            if c < 0x80 { return true }
        }
        return true
    }

    static let halfBlockers = ScalarSet("上下前后大多一这那")
    static let chengBlockers = ScalarSet("员本为立功果效绩型熟长交都就不人年才批片份品器药语全事败形像活名家规群套像")
    static let zheBlockers = ScalarSet("合算旧扣射叠磨腾返价线服断中")
    static let fangBlockers = ScalarSet("面案式向法针位便言志队阵舟圆正格块形略")
    static let duBlockers = ScalarSet("假过日")
    static let miBlockers = ScalarSet("粮饭面价线")
    static let yuanBlockers = ScalarSet("素旦首帅老化件年月")
    static let kuaiBlockers = ScalarSet("地头板状")
    static let liBlockers = ScalarSet("程面边头外内的弄巷拉")
    static let chiBlockers = ScalarSet("度码子寸步土")

    /// True when a numeral character follows at `i` (so a digit at `i - 1` is not a lone tenth).
    func continuesNumeral(_ i: Int) -> Bool {
        CharClass.has(at(i), CharClass.cjkDigit | CharClass.cjkSmallUnit | CharClass.cjkBigUnit | CharClass.asciiDigit)
            || units.match(s, at: i) != nil || measureWords.match(s, at: i) != nil
    }

    /// 角/分 after 元/块 (123元1角1分, 九块九, 两角五分) → (value, end).
    func subunits(after end0: Int, base: Double, allowBareDigit: Bool, afterJiao: Bool = false) -> (Double, Int) {
        var value = base
        var end = end0
        var k = end
        // 九块九 / 九毛九: a lone digit is the next smaller unit.
        func digitAt(_ i: Int) -> (Double, Int)? {
            if CharClass.isDigit(at(i)) {
                var j = i, v = 0.0
                while CharClass.isDigit(at(j)), j - i < 3 { v = v * 10 + Double(at(j) - 0x30); j += 1 }
                return (v, j)
            }
            if let d = ChineseNumeral.digit(at(i)) { return (Double(d), i + 1) }
            return nil
        }
        let sign: Double = base < 0 ? -1 : 1
        var jiao = afterJiao
        if !afterJiao, at(k) == u("零"), let (d, j) = digitAt(k + 1), j - k == 2, !continuesNumeral(j) || at(j) == u("分")
        {
            // 三块零四 = 3.04.
            return (value + sign * d * 0.01, at(j) == u("分") ? j + 1 : j)
        }
        if !afterJiao, let (d, j) = digitAt(k) {
            if at(j) == u("角") || at(j) == u("毛") {
                value += sign * d * 0.1; k = j + 1; end = k; jiao = true
            } else if at(j) == u("分") && at(j + 1) != u("之") {
                value += sign * d * 0.01; return (value, j + 1 + (at(j + 1) == u("钱") ? 1 : 0))
            } else if allowBareDigit, !CharClass.isDigit(at(k)), !continuesNumeral(j), j - k == 1 {
                return (value + sign * d * 0.1, j)
            } else {
                return (value, end)
            }
        }
        if let (d, j) = digitAt(k) {
            if at(j) == u("分") && at(j + 1) != u("之") {
                value += sign * d * 0.01; end = j + 1
            } else if jiao, !continuesNumeral(j), j - k == 1, !CharClass.isDigit(at(k)) {
                value += sign * d * 0.01; end = j
            }
        }
        if at(end) == u("钱") { end += 1 }
        return (value, end)
    }

    /// 摄氏/华氏 right before the numeral (either side of 零下) → "°C"/"°F".
    func temperaturePrefix(before i: Int) -> String? {
        var j = i - 1
        while j >= 0, CharClass.isSpace(s[j]) { j -= 1 }
        if j >= 1, s[j - 1] == u("零"), s[j] == u("下") { j -= 2 }
        if j >= 1, s[j] == u("氏") {
            if s[j - 1] == u("摄") { return "°C" }
            if s[j - 1] == u("华") { return "°F" }
        }
        return nil
    }

    /// 零下 before the numeral (possibly before 摄氏/华氏): the value is negative.
    func belowZero(before i: Int) -> Bool {
        var j = i - 1
        while j >= 0, CharClass.isSpace(s[j]) { j -= 1 }
        if j >= 1, s[j] == u("氏"), s[j - 1] == u("摄") || s[j - 1] == u("华") { j -= 2 }
        return j >= 1 && s[j - 1] == u("零") && s[j] == u("下")
    }

    /// Length of a unit or measure word after '/' or 每 (吨, 立方米, 小时, 人, 亩).
    func denominatorLength(at i: Int) -> Int? {
        if let m = units.match(s, at: i), m.info.kind != .percent, m.info.kind != .money {
            return m.length
        }
        if let len = measureWords.match(s, at: i) { return len }
        return nil
    }

    /// A currency named right before the number (spaces allowed): a word (人民币 50元, 港币两千…)
    /// or a symbol ($94,000, ¥100). `start` is where the word or symbol begins; `symbol` tells
    /// which it is (a symbol belongs to the quantity's span, a word does not).
    struct CurrencyPrefix {
        var code: String
        var start: Int
        var symbol: Bool
    }

    func currencyPrefix(before i: Int) -> CurrencyPrefix? {
        var j = i - 1
        while j >= 0, CharClass.isSpace(s[j]), i - j <= 3 { j -= 1 }
        guard j >= 0 else { return nil }
        let last = s[j]
        switch last {
        case 0x24: return CurrencyPrefix(code: "USD", start: j, symbol: true)  // $
        case 0xA5, 0xFFE5: return CurrencyPrefix(code: "CNY", start: j, symbol: true)  // ¥ ￥
        case 0x20AC: return CurrencyPrefix(code: "EUR", start: j, symbol: true)  // €
        case 0xA3: return CurrencyPrefix(code: "GBP", start: j, symbol: true)  // £
        default: break
        }
        guard let name = units.currencyName(s, endingBefore: j + 1) else { return nil }
        return CurrencyPrefix(code: name.code, start: j + 1 - name.length, symbol: false)
    }

    /// Whether the character at `j` (right after a figure) may open what `extendRange` reads:
    /// (含), 到/至, 与/和, ~ or -. Tested before the call, which most figures need not make.
    @inline(__always)
    func mayOpenRange(at j: Int) -> Bool {
        let c = at(j)
        return c == 0x28 || c == 0xFF08 || c == u("到") || c == u("至") || c == u("与") || c == u("和") || c == 0x7E
            || c == 0x2D
    }

    /// 3到5万元, 3-5万, 20~100个, 百分之三十到四十一, 两升到三升.
    mutating func extendRange(_ q: inout RawQuantity) {
        var j = q.end
        // 1万(含)-5万元: an inclusive mark between the first bound and the dash.
        if at(j) == 0x28 || at(j) == 0xFF08, at(j + 1) == u("含"), at(j + 2) == 0x29 || at(j + 2) == 0xFF09 { j += 3 }
        let c = at(j)
        var dash = false
        var between = false
        if c == u("到") || c == u("至") {
            j += 1
        } else if c == u("与") || c == u("和") {
            j += 1; between = true
        }  // 20与30之间
        else if c == 0x7E {
            j += 1
        } else if c == 0x2D {
            while at(j) == 0x2D { j += 1 }; dash = true
        } else {
            return
        }
        j = skipSpaces(j, max: 1)
        if at(j) == u("负") || !CharClass.has(at(j), CharClass.numeralStart) || at(j) == 0x2D { return }
        // A year range (2016-2019年) or a date (2019-12-31) is not a quantity range; two Chinese
        // amounts with their own units are (五元六角-五元七毛八分).
        let unitDash = q.kind != nil && q.kind != .duration
        if dash && (!q.num.hasArabic || q.num.hasChinese) && !unitDash { return }
        var second: RawQuantity
        let saved = ns
        if q.percentPrefix, percentPrefix(at: j) != nil {
            var read: [RawQuantity] = []  // rare (百分之三至百分之五): a list of one is cheap enough
            guard scanQuantity(at: j, into: &read), let r = read.last else { ns = saved; return }
            second = r
        } else if q.percentPrefix {
            guard let num = ns.parse(at: j) else { return }
            second = make(
                start: j, numberStart: j, numberEnd: num.end, end: num.end, number: num.value,
                info: UnitInfo(kind: .percent, unit: "percent", factor: q.value / (q.number == 0 ? 1 : q.number)),
                unitStart: num.end, unitEnd: num.end, num: num)
            second.value = num.value * (q.number == 0 ? 1 : q.value / q.number)
        } else {
            guard let num = ns.parse(at: j) else { return }
            if dash && (num.hasChinese || !num.hasArabic) && !unitDash { return }
            second = attachUnit(to: num, start: j)
            if dash && unitDash && (num.hasChinese || !num.hasArabic) && second.kind != q.kind { return }
        }
        if second.qualifier == .range { return }
        if between {
            // X与Y is a range only when 之间/间 closes it (the 间 of 20000间 is not a measure word there).
            if second.kind == .count, second.unitEnd == second.unitStart + 1, s[second.unitStart] == u("间") {
                second.kind = nil; second.unit = nil; second.end = second.unitStart; second.unitEnd = second.unitStart
                second.value = second.number
            }
            var k = second.end
            if at(k) == u("之") { k += 1 }
            guard at(k) == u("间") else { return }
            if q.kind == nil && second.kind == nil { q.end = k + 1 }
        }
        var lowValue = q.value
        var lowNumber = q.number
        if dash {
            // 3-5万, 20-100个, 1.6m-3.9m; a bare "12-31" or "0591-8765…" is a date or a code.
            let bareOK =
                q.num.plainIntegerDigits > 0 && q.num.plainIntegerDigits <= 3 && !q.num.leadingZero
                && second.num.plainIntegerDigits > 0 && second.num.plainIntegerDigits <= 3
            guard second.kind != nil || second.num.hasBigUnit || bareOK else { return }
        }
        if q.kind == nil {
            // 3到5万元: the bare first number borrows the second's unit and, when it fits, its 万/亿.
            var m = 1.0
            if q.num.singleDigit, let scale = second.num.unitScale, q.number * scale <= second.number * (1 + 1e-9) {
                m = scale  // 两到三仟, 3到5万
            } else if second.num.hasBigUnit && !q.num.hasBigUnit
                && q.number * second.num.trailingBig <= second.number * (1 + 1e-9)
            {
                m = second.num.trailingBig  // 十八至三十万, 一百二十到一百五十万
            }
            lowNumber = q.number * m
            let factor = second.number == 0 ? 1 : second.value / second.number
            lowValue = lowNumber * factor
            q.kind = second.kind; q.unit = second.unit
            q.unitStart = second.unitStart; q.unitEnd = second.unitEnd
        } else if second.kind == nil {
            // 1.6m-3.9 / 百分之三十到四十一: the second number takes the first's unit.
            let factor = q.number == 0 ? 1 : q.value / q.number
            second.value = second.number * factor
            second.kind = q.kind
        } else if second.kind != q.kind || second.unit != q.unit {
            return
        }
        guard second.value >= lowValue else { return }
        q.number = lowNumber
        q.value = lowValue
        q.lower = lowValue
        q.upper = second.value
        q.qualifier = .range
        q.end = second.end
        if q.unitEnd < second.end && second.unitEnd > second.unitStart { q.unitEnd = second.unitEnd }
    }

    /// Ordinals, years, dates, list markers and identifiers.
    func assignRole(_ q: inout RawQuantity) {
        let num = q.num
        var p = num.start - 1
        while p >= 0, CharClass.isSpace(s[p]) { p -= 1 }
        let before = at(p)
        if before == u("第") { q.role = .ordinal; return }
        let after = at(q.end)
        let unitChar = q.unitEnd > q.unitStart ? s[q.unitStart] : 0
        let integral = FloatMath.isIntegral(q.number) && !num.hasDecimal
        // Years: 2019年, 二〇一九年, 2016-2019年.
        if unitChar == u("年"), q.unitEnd - q.unitStart == 1 {
            if num.plainIntegerDigits == 4 || (num.digitString && num.end - num.start >= 2)
                || (num.hasArabic && num.end - num.start == 4 && q.lower != nil),
                q.number >= 1000 || num.digitString
            {
                q.role = .year; return
            }
            if num.plainIntegerDigits == 2, before == 0x27 || before == 0x2019 { q.role = .year; return }
            if isMinguoYear(q, before: p) { q.role = .year; return }
        }
        // 16时30分, 8點15分: the minutes after a clock time's hour (read as a date above it), not a score in 分.
        if unitChar == u("分"), q.unitEnd - q.unitStart == 1,
            before == u("时") || before == u("時") || before == u("点") || before == u("點"),
            p >= 1, CharClass.isDigit(at(p - 1)) || CharClass.has(at(p - 1), CharClass.cjkDigit)
        {
            q.role = .date; return
        }
        if q.kind == nil {
            // Dates and clock times: 12月31日, 3月份, 20点, 2019-12-31, 2019.12, 12/31.
            let next = at(q.end)
            if integral, q.number >= 1, q.number <= 12, next == u("月"), before != u("个") { q.role = .date; return }
            if integral, q.number >= 1, q.number <= 31, next == u("日") || next == u("号") { q.role = .date; return }
            if integral, q.number >= 0, q.number <= 24,
                ScriptFold.simplified(next) == u("时")
                    || (next == u("点") && !CharClass.has(at(q.end + 1), CharClass.cjkDigit)) && !num.hasArabic
                    || (next == u("点") && num.hasArabic && !CharClass.isDigit(at(q.end + 1)))
            {
                q.role = .date; return
            }
            if num.plainIntegerDigits == 4, q.number >= 1900, q.number <= 2100,
                next == 0x2D || next == 0x2F || next == 0x2E, CharClass.isDigit(at(q.end + 1))
            {
                q.role = .date; return
            }
            if num.plainIntegerDigits >= 1, num.plainIntegerDigits <= 2, next == 0x2F, CharClass.isDigit(at(q.end + 1))
            {
                q.role = .date; return
            }
            if before == 0x2F
                || (before == 0x2D && p >= 1 && CharClass.isDigit(at(p - 1)) && num.plainIntegerDigits <= 2)
            {
                q.role = .date; return
            }
        }
        // 10:30 (ratios are fixed below).
        if q.kind == nil, before == 0x3A || before == 0x2236 || before == 0xFF1A { q.role = .date; return }
        if NonMetricFilter.insideURL(s, num.start) { q.role = .identifier; return }
        // Identifiers: phone numbers, IDs, codes (leading zeros, long digit runs).
        if num.leadingZero && num.plainIntegerDigits >= 3 || num.plainIntegerDigits >= 11
            || (num.digitString && num.end - num.start >= 5)
        {
            q.role = .identifier; return
        }
        if num.hasArabic, CharClass.isASCIILetter(after), q.kind == nil { q.role = .identifier; return }
        // List numbering at the start of a line: "1、", "2.", "（3）", "一、".
        var ls = p
        if before == 0x28 || before == 0xFF08 { ls -= 1 }
        while ls >= 0, CharClass.isSpace(s[ls]) { ls -= 1 }
        let lineStart = ls < 0 || s[ls] == 0x0A || s[ls] == 0x0D
        if lineStart, q.kind == nil,
            after == u("、") || after == 0x29 || after == 0xFF09 || (after == 0x2E && !CharClass.isDigit(at(q.end + 1)))
        {
            q.role = .listMarker; return
        }
    }

    /// Taiwan counts years from 1912 (民國紀年): 民國112年, and in a Taiwan article 113年度, 112年12月,
    /// 111年底 — or any 100–199年 not framed as a length of time (長達, 歷時, 為期 …).
    func isMinguoYear(_ q: RawQuantity, before p: Int) -> Bool {
        guard !q.num.hasDecimal, q.lower == nil, q.number >= 1, q.number < 200 else { return false }
        if p >= 1, ScriptFold.simplified(s[p]) == u("国"), s[p - 1] == u("民") { return true }
        guard localCurrency == "TWD" else { return false }
        let a = at(q.end)
        if a == u("度") || a == u("底") || a == u("初") || a == u("末") { return true }
        if CharClass.isDigit(a) || CharClass.has(a, CharClass.cjkDigit | CharClass.cjkSmallUnit) {
            var k = q.end
            while k < n, k - q.end < 3,
                CharClass.isDigit(at(k)) || CharClass.has(at(k), CharClass.cjkDigit | CharClass.cjkSmallUnit)
            { k += 1 }
            if at(k) == u("月") { return true }
        }
        guard q.number >= 100 else { return false }
        let framing = ["长达", "历时", "为期", "长约", "超过", "逾", "近", "达"]
        for w in framing {
            let ws = [UInt32](w)
            let b = p + 1 - ws.count
            if b >= 0, (0..<ws.count).allSatisfy({ ScriptFold.simplified(s[b + $0]) == ws[$0] }) { return false }
        }
        return true
    }

    /// Numbers joined by ':' (9.4:66.8:23.8, 1:1) are ratio terms, not amounts.
    func markRatios(_ qs: inout [RawQuantity]) {
        guard qs.count >= 2 else { return }
        for k in 1..<qs.count {
            // Adjacency first, read in place: copying both quantities per pair is measurable.
            let gap = qs[k - 1].end
            guard qs[k].start == gap + 1 else { continue }
            let sep = gap < n ? s[gap] : 0
            guard sep == 0x3A || sep == 0x2236 || sep == 0xFF1A else { continue }
            let a = qs[k - 1], b = qs[k]
            if a.num.hasArabic || a.num.hasChinese {
                if a.role == .cardinal || a.role == .date { qs[k - 1].role = .ratio }
                if b.role == .cardinal || b.role == .date { qs[k].role = .ratio }
                // hh:mm is a clock time.
                if a.num.plainIntegerDigits <= 2, b.num.plainIntegerDigits == 2, a.kind == nil, b.kind == nil,
                    !a.num.hasDecimal, !b.num.hasDecimal
                {
                    qs[k - 1].role = .date; qs[k].role = .date
                }
            }
        }
    }
}
