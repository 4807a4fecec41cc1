/// Chinese numeral grammar: digit and unit tables and the evaluator that turns a token run
/// (一百二十万三, 3万4000, 1,100.9亿, 三千四百五十几万) into a value.
enum ChineseNumeral {
    /// 零〇一…九, 两, 幺 (spoken 1) and the financial forms.
    static let digitValues: [UInt32: Int] = {
        var m: [UInt32: Int] = [:]
        let rows: [(String, Int)] = [
            ("零〇", 0), ("一壹幺", 1), ("二两贰", 2), ("三叁", 3), ("四肆", 4), ("五伍", 5), ("六陆", 6),
            ("七柒", 7), ("八捌", 8), ("九玖", 9),
        ]
        for (chars, v) in rows { for s in chars.unicodeScalars { m[s.value] = v } }
        return m
    }()

    /// 十百千 (and their financial forms) → 10, 100, 1000.
    static let smallUnits: [UInt32: Double] = Dictionary(
        uniqueKeysWithValues: "十拾百佰千仟".unicodeScalars.map { ($0.value, smallUnitValue($0.value)!) })

    /// `smallUnits` as a switch: the numeral reader asks per character, a Dictionary would hash.
    static func smallUnitValue(_ c: UInt32) -> Double? {
        switch c {
        case u("十"), u("拾"): return 10
        case u("百"), u("佰"): return 100
        case u("千"), u("仟"): return 1000
        default: return nil
        }
    }

    /// 廿 = 二十, 卅 = 三十, 卌 = 四十.
    /// A switch, like `smallUnitValue`: asked for every numeral character that is no digit or unit.
    static func tensValue(_ c: UInt32) -> Double? {
        switch c {
        case u("廿"): return 20
        case u("卅"): return 30
        case u("卌"): return 40
        default: return nil
        }
    }

    static let bigUnits: [UInt32: Double] = Dictionary(
        uniqueKeysWithValues: "万亿兆".unicodeScalars.map { ($0.value, bigUnitValue($0.value)!) })

    /// `bigUnits` as a switch, like `smallUnitValue`.
    static func bigUnitValue(_ c: UInt32) -> Double? {
        switch c {
        case u("万"): return 1e4
        case u("亿"): return 1e8
        case u("兆"): return 1e12
        default: return nil
        }
    }

    @inline(__always)
    static func digit(_ c: UInt32) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        let v = CharClass.cjkDigitValue(c)
        return v >= 0 ? v : nil
    }

    /// Chinese range pairs: 一两 两三 三四 … 八九 and 三五 ("three to five").
    static func isRangePair(_ a: Int, _ b: Int) -> Bool {
        (b == a + 1 && a >= 1) || (a == 3 && b == 5)
    }
}

/// One lexical piece of a numeral.
struct NumeralToken {
    enum Kind: Equatable {
        /// A digit (Chinese, value 0…9) or an Arabic run (any value). `place` is the place value
        /// of its last non-zero digit: 3600 → 100, 12.5 → 0.1, 五 → 1.
        case digit(Double, chinese: Bool, place: Double)
        case zero
        case small(Double)
        /// 廿卅卌: a digit and 十 in one character.
        case tens(Double)
        case big(Double)
        /// Decimal part after 点 (or Arabic after '.'), e.g. 0.55579.
        case fraction(Double)
        /// 多 余 几: "and some".
        case approx
    }
    var kind: Kind
    var start: Int
    var end: Int
}

/// Result of evaluating tokens.
struct NumeralEvaluation {
    var value: Double
    /// 多/余/几 seen: the value is a lower bound and `value + step` the upper bound.
    var approxStep: Double?
    /// Tokens consumed (the numeral ends after `tokens[used - 1]`).
    var used: Int
    /// A 万/亿 multiplier was applied (3.3万, 十三亿).
    var hasBigUnit: Bool
    /// The multiplier applied last (for 3到5万: the 万 that the bare 3 borrows).
    var trailingBig: Double
}

extension ChineseNumeral {
    /// Evaluates the longest valid prefix of `tokens`; nil when not even one token is a numeral.
    static func evaluate(_ tokens: ArraySlice<NumeralToken>) -> NumeralEvaluation? {
        // Most numerals are one Arabic run or one digit (2019, 12.5, 三): its own value, with none
        // of the state below.
        if tokens.count == 1, case let .digit(v, _, _) = tokens[tokens.startIndex].kind {
            return NumeralEvaluation(value: v, approxStep: nil, used: 1, hasBigUnit: false, trailingBig: 1)
        }
        var total = 0.0  // groups closed by a 万/亿 bigger than anything after
        var section = 0.0  // current group below 万
        var pending: Double? = nil
        var pendingPlace = 1.0
        var pendingChinese = false
        var zeroBefore = false  // 零 right before the pending digit (一千零五: no implied 百)
        var lastSmall = Double.infinity
        var prevUnit: Double? = nil  // unit just before the pending digit (for 一万三 = 13000)
        var maxBig = 0.0
        var lastBig = Double.infinity
        var place = 1.0
        var approxStep: Double? = nil
        var afterFraction = false
        var hasBig = false
        var trailingBig = 1.0
        var best: NumeralEvaluation? = nil
        var index = 0
        var sawZeroOnly = false

        // The pending digit with its implied unit: 二百五 → 50, 一万三 → 3000, 三千四万 → 400.
        func scaledPending(beforeBig: Bool = false) -> (Double, Double) {
            guard let p = pending else { return (0, 1) }
            // Before another 万/亿 only a small unit implies the next place (三千四万 = 3400万,
            // but 一十二亿四万 = 12亿 + 4万).
            if pendingChinese, !zeroBefore, let u = prevUnit, u >= 100, !beforeBig || u < 1e4 {
                return (p * u / 10, u / 10)
            }
            return (p, pendingPlace)
        }
        func current() -> Double { total + section + scaledPending().0 }

        loop: for t in tokens {
            switch t.kind {
            case let .digit(v, chinese, p):
                if pending != nil || approxStep != nil || afterFraction { break loop }
                pending = v; pendingPlace = p; pendingChinese = chinese
                place = p
                sawZeroOnly = false
            case .zero:
                if pending != nil || approxStep != nil || afterFraction { break loop }
                if total == 0 && section == 0 { sawZeroOnly = true }
                zeroBefore = true
                index += 1
                if sawZeroOnly {
                    best = NumeralEvaluation(value: 0, approxStep: nil, used: index, hasBigUnit: false, trailingBig: 1)
                }
                continue
            case let .tens(v):
                if pending != nil || approxStep != nil || afterFraction || lastSmall <= 10 { break loop }
                section += v; lastSmall = 10; prevUnit = 10; place = 10; zeroBefore = false
            case let .small(u):
                if approxStep != nil || afterFraction || u >= lastSmall { break loop }
                // Lone 百/千 is not a numeral (百姓, 千方百计); 十 is (十五).
                if pending == nil && section == 0 && total == 0 && u > 10 && index + 1 >= tokens.count { break loop }
                let m = pending ?? 1
                section += m * u
                place = (pending == nil ? 1 : pendingPlace) * u
                pending = nil; lastSmall = u; prevUnit = u; zeroBefore = false
            case let .big(b):
                if afterFraction && maxBig > 0 { break loop }
                let (sp, spPlace) = scaledPending(beforeBig: true)
                let group = section + sp
                if pending != nil { place = spPlace }
                if group == 0 && total == 0 { break loop }
                if group == 0 {
                    // 四万万, 二十万亿: multiplies everything so far.
                    if b < lastBig && maxBig > b { break loop }
                    total *= b
                    maxBig = max(maxBig, b)
                } else if b > maxBig {
                    total = (total + group) * b
                    maxBig = b
                } else if b < lastBig {
                    total += group * b
                } else {
                    break loop
                }
                place *= b
                if let s = approxStep { approxStep = s * b }
                lastBig = b; section = 0; pending = nil; lastSmall = .infinity; prevUnit = b
                zeroBefore = false; hasBig = true; trailingBig = b
                if afterFraction { afterFraction = false; lastBig = 0 }  // 二十点一万: nothing may follow
            case let .fraction(f):
                if pending == nil && section == 0 && total == 0 && !sawZeroOnly { break loop }
                if afterFraction || approxStep != nil { break loop }
                let whole = current()
                total = whole + f; section = 0; pending = nil
                afterFraction = true
            case .approx:
                if approxStep != nil || afterFraction || (pending == nil && section == 0 && total == 0) { break loop }
                approxStep = pending != nil ? scaledPending().1 : place
            }
            index += 1
            best = NumeralEvaluation(
                value: current(), approxStep: approxStep, used: index, hasBigUnit: hasBig, trailingBig: trailingBig)
        }
        return best
    }
}
