/// A numeral found in the text, before any unit is attached.
struct ParsedNumber {
    /// Normalized offsets `[start, end)`, sign included.
    var start: Int
    var end: Int
    var value: Double
    /// Bounds from 多/余/几 (500多 → 500…600) or an inner range (三四万 → 30000…40000).
    var lower: Double? = nil
    var upper: Double? = nil
    /// `.moreThan` for 多/余/几, `.range` for 三四万, else `.exact`.
    var qualifier: Qualifier = .exact
    var hasChinese = false
    var hasArabic = false
    /// One Chinese digit character and nothing else (一, 两, 三): word-like (一批, 两新组织).
    var singleChineseDigit = false
    /// Digits read one by one (二〇一九, 一三五…, 0591): years, phone numbers, codes.
    var digitString = false
    /// Integer digits of a plain Arabic number (no separators, no multiplier): 2019 → 4.
    var plainIntegerDigits = 0
    var leadingZero = false
    var hasDecimal = false
    var negative = false
    /// A 万/亿 multiplier was applied; `trailingBig` is the last one (1 when none).
    var hasBigUnit = false
    var trailingBig = 1.0
    /// Approx step for 多/余/几 (for ranges that borrow a multiplier).
    var approxStep: Double? = nil
    /// For "digit × units" numerals (三仟, 5万): the units' product (1000, 1e4).
    var unitScale: Double? = nil
    /// A single digit 1…9, Arabic or Chinese, with nothing else.
    var singleDigit = false
}

/// Reads numerals: Arabic (with , separators, decimals, e-notation, k/M/G), Chinese (simple,
/// financial, 廿卅), mixed (3.3万, 3万4000), with 多/余/几 and inner ranges (十五六, 三四万).
struct NumberScanner {
    let s: [UInt32]
    var tokens: [NumeralToken] = []
    /// Read once, not through the lazily initialized globals on every probe.
    let units = UnitLexicon.shared
    let measureWords = MeasureWords.Matcher.shared

    init(_ scalars: [UInt32]) {
        s = scalars
        tokens.reserveCapacity(32)
    }

    @inline(__always)
    func at(_ i: Int) -> UInt32 { i < s.count && i >= 0 ? s[i] : 0 }

    /// Skips up to `max` spaces from `i`; returns the next non-space index.
    @inline(__always)
    func skipSpaces(_ i: Int, max: Int = 3) -> Int {
        var j = i
        while j < s.count, j - i < max, CharClass.isSpace(s[j]) { j += 1 }
        return j
    }

    /// Parses an Arabic digit run at `i` (digit or '.' + digit). Returns the token and metadata.
    func arabicRun(at i: Int) -> (
        token: NumeralToken, intDigits: Int, separators: Bool, decimal: Bool, leadingZero: Bool, suffixed: Bool,
        multiplier: Double
    )? {
        let n = s.count
        var j = i
        var mantissa: Double = 0
        var intDigits = 0
        var trailingZeros = 0
        var separators = false
        var spaced = false  // the separators are spaces (never mixed with commas)
        var groupLen = 0
        let leadingZero = s[i] == 0x30 && i + 1 < n && CharClass.isDigit(s[i + 1])
        while j < n {
            let c = s[j]
            if CharClass.isDigit(c) {
                mantissa = mantissa * 10 + Double(c - 0x30)
                intDigits += 1; groupLen += 1
                trailingZeros = c == 0x30 ? trailingZeros + 1 : 0
                j += 1
            } else if c == 0x2C || c == 0xFF0C, intDigits > 0, !spaced, separators ? groupLen == 3 : groupLen <= 3,
                j + 3 < n + 0, j + 3 <= n - 1 + 1,
                isDigitAt(j + 1), isDigitAt(j + 2), isDigitAt(j + 3), !isDigitAt(j + 4)
            {
                // "1,234" / "82，225": a separator only when exactly three digits follow.
                separators = true; groupLen = 0
                j += 1
            } else if c == 0x20, intDigits > 0, spaced || !separators, spaced ? groupLen == 3 : groupLen <= 3,
                isDigitAt(j + 1), isDigitAt(j + 2), isDigitAt(j + 3), !isDigitAt(j + 4)
            {
                // "157 900人", "3 689 500人": Hong Kong's and Macao's statistics group thousands with a
                // (thin) space, normalized to " "; the same test as the comma's, never mixed with it.
                separators = true; spaced = true; groupLen = 0
                j += 1
            } else {
                break
            }
        }
        var decimals = 0
        var decimal = false
        if j + 1 < n, s[j] == 0x2E, CharClass.isDigit(s[j + 1]) {
            decimal = true
            j += 1
            var lastNonZero = 0
            // Digits accumulate as an integer and are scaled once: 1.65 stays 1.65, not 1.6500000000000001.
            while j < n, CharClass.isDigit(s[j]), decimals < 15 {
                let d = Double(s[j] - 0x30)
                mantissa = mantissa * 10 + d
                decimals += 1
                if d != 0 { lastNonZero = decimals }
                j += 1
            }
            while j < n, CharClass.isDigit(s[j]) { j += 1 }  // absurdly long fractions
            mantissa /= pow10(decimals)
            decimals = lastNonZero
        }
        if intDigits == 0 && !decimal { return nil }
        var value = mantissa
        var suffixed = false
        var multiplier = 1.0
        // e-notation: 2e5, 21.2E0, -1e1 (never before a letter: "3e类" is not a number).
        if j + 1 < n, s[j] | 0x20 == 0x65 {
            var k = j + 1
            var negExp = false
            if k < n, s[k] == 0x2D || s[k] == 0x2B { negExp = s[k] == 0x2D; k += 1 }
            var e = 0
            let ks = k
            while k < n, CharClass.isDigit(s[k]), k - ks < 3 { e = e * 10 + Int(s[k] - 0x30); k += 1 }
            if k > ks, !(k < n && (CharClass.isASCIILetter(s[k]) || CharClass.isDigit(s[k]))) {
                value *= pow10(negExp ? -e : e)
                j = k
                suffixed = true
            }
        }
        // k/K/M/G multipliers (100k, 1.2M, .0012G), only as a whole word.
        if !suffixed, j < n {
            let c = s[j]
            // w is the web's shorthand for 万 (30w = 300000); uppercase W stays watts.
            let mult: Double? = c == 0x6B || c == 0x4B ? 1e3 : c == 0x4D ? 1e6 : c == 0x47 ? 1e9 : c == 0x77 ? 1e4 : nil
            if let mult, !(j + 1 < n && (CharClass.isASCIILetter(s[j + 1]) || CharClass.isDigit(s[j + 1]))) {
                value *= mult
                j += 1
                suffixed = true
                multiplier = mult
            }
        }
        let place: Double = decimal ? (decimals > 0 ? pow10(-decimals) : 1) : pow10(trailingZeros)
        return (
            NumeralToken(kind: .digit(value, chinese: false, place: place), start: i, end: j),
            intDigits, separators, decimal, leadingZero, suffixed, multiplier
        )
    }

    @inline(__always)
    func isDigitAt(_ i: Int) -> Bool { i >= 0 && i < s.count && CharClass.isDigit(s[i]) }

    /// True when a unit word that begins with a multiplier character starts at `i`
    /// (千米, 千克, 百分点, 兆瓦, 万分之…): the character is not a multiplier there.
    func unitStartsAt(_ i: Int) -> Bool {
        let c = s[i]
        if c == u("分") { return false }
        if let m = units.match(s, at: i), m.length >= 2 { return true }
        return false
    }

    /// What the token loop learned about the numeral beyond its tokens.
    private struct NumeralScan {
        var hasChinese = false, hasArabic = false
        /// Of the first Arabic run only: 1,234 → 4 digits, separators.
        var intDigits = 0, separators = false, leadingZero = false
        var decimal = false, suffixed = false
        var letterMultiplier = 1.0  // 15k, 30w: a range's bare first number borrows it (10~15k)
    }

    /// Parses the numeral starting at `i`, or nil when none starts there.
    mutating func parse(at i0: Int) -> ParsedNumber? {
        guard i0 >= 0, i0 < s.count, let (i, negative) = readSign(at: i0) else { return nil }
        // `empty()`, not removeAll(keepingCapacity:): that goes through the generic replaceSubrange,
        // several times the cost of the one to three pops a numeral needs.
        tokens.empty()
        // Tested here first: almost no numeral starts with 几/数/上, and the call costs more than the test.
        let head = s[i]
        let mayBeVague = head == u("几") || head == u("数") || head == u("數") || head == u("上")
        guard let vague = mayBeVague ? readVagueHead(at: i, unsigned: i == i0) : false else { return nil }
        var scan = NumeralScan()
        scan.hasChinese = vague
        var j = readTokens(from: vague ? i + 1 : i, &scan)
        guard !tokens.isEmpty else { return nil }
        if tokens.count >= 2 { j = dropTrailingLiang(end: j) }

        var result = ParsedNumber(start: i0, end: j, value: 0)
        result.negative = negative
        result.hasChinese = scan.hasChinese
        result.hasArabic = scan.hasArabic
        result.leadingZero = scan.leadingZero

        // Digit strings joined by 万/亿 (二三二八萬二七三 = 23,280,273; 十萬四三四一 = 104,341).
        // The steps below need three tokens or more (most numerals have one): tested before the call.
        let grouped = tokens.count >= 3 && collapseDigitGroups()
        if grouped { result.hasChinese = true }

        var run = 0
        while run < tokens.count, isChineseDigitOrZero(tokens[run]) { run += 1 }
        if run >= 2 && !grouped { return readLeadingDigitRun(run, result) }
        if tokens.count >= 3, let k = innerRangePairIndex() { return rangePair(at: k, result) }
        guard let ev = ChineseNumeral.evaluate(tokens[...]) else { return nil }
        applyEvaluation(ev, to: &result, scan, vague: vague)
        result.hasChinese = grouped || tokens[0..<ev.used].contains { $0.kind.isChinese }
        return result
    }

    /// Sign: 负 / 負 / '-' (a hyphen after a digit is a range dash, not a sign). Returns where the
    /// digits start, or nil when no numeral can start at `i0`.
    private func readSign(at i0: Int) -> (start: Int, negative: Bool)? {
        let n = s.count
        var i = i0
        var negative = false
        if s[i] == u("负") {
            var j = skipSpaces(i + 1)
            if at(j) == u("的") { j = skipSpaces(j + 1) }
            guard j < n,
                CharClass.has(s[j], CharClass.asciiDigit | CharClass.cjkDigit | CharClass.cjkSmallUnit) || s[j] == 0x2E
            else { return nil }
            negative = true; i = j
        } else if s[i] == 0x2D {
            let prev = at(i - 1)
            guard i + 1 < n, isDigitAt(i + 1) || (s[i + 1] == 0x2E && isDigitAt(i + 2)),
                !(CharClass.isDigit(prev) || CharClass.isASCIILetter(prev) || prev == 0x2D || prev == 0x29
                    || prev == 0xFF09
                    || CharClass.has(prev, CharClass.cjkDigit | CharClass.cjkSmallUnit | CharClass.cjkBigUnit))
            else { return nil }
            negative = true; i += 1
        }
        if s[i] == 0x2E && !(isDigitAt(i + 1) && !isDigitAt(i - 1)) { return nil }
        return (i, negative)
    }

    /// Vague numerals: 几十万 / 数十亿 (several tens of …) and 上千 (a thousand or more) span one
    /// order of magnitude: 几十万 = 100000–1000000. Read as 一 + units, widened in applyEvaluation.
    /// True when one starts at `i`; nil when 几/数/上 starts there without being one.
    private mutating func readVagueHead(at i: Int, unsigned: Bool) -> Bool? {
        let head = s[i] == u("數") ? u("数") : s[i]
        guard head == u("几") || head == u("数") || head == u("上") else { return false }
        if unsigned {
            let next = at(i + 1)
            let unitNext =
                next == u("十") && head != u("上") || next == u("百") || next == u("千") || next == u("万") || next == u("亿")
            if unitNext, !unitStartsAt(i + 1) {
                tokens.append(NumeralToken(kind: .digit(1, chinese: true, place: 1), start: i, end: i + 1))
                return true
            }
        }
        return nil
    }

    /// Reads the numeral's tokens from `j` into `tokens`; returns where the numeral ends.
    private mutating func readTokens(from j0: Int, _ scan: inout NumeralScan) -> Int {
        var j = j0
        var lastWasArabic = false
        let classes = CharClass.pointer  // once, not through the global's check per character
        while j < s.count && tokens.count < 64 {
            let c = s[j]
            let f = c < 0x10000 ? classes[Int(c)] : CharClass.flags(c)
            if f & CharClass.asciiDigit != 0 || (c == 0x2E && tokens.isEmpty && isDigitAt(j + 1)) {
                if lastWasArabic { break }
                guard let r = arabicRun(at: j) else { break }
                if tokens.isEmpty {
                    scan.intDigits = r.intDigits; scan.separators = r.separators; scan.leadingZero = r.leadingZero
                }
                scan.decimal = scan.decimal || r.decimal
                scan.suffixed = scan.suffixed || r.suffixed
                if r.multiplier > 1 { scan.letterMultiplier = r.multiplier }
                tokens.append(r.token)
                scan.hasArabic = true; lastWasArabic = true
                j = r.token.end
                if r.suffixed { break }
                continue
            }
            lastWasArabic = false
            // Most numerals end at a character that can be none of readChineseToken's tokens
            // (年, 人, 元, punctuation): told here without the call.
            if f & (CharClass.cjkDigit | CharClass.cjkSmallUnit | CharClass.cjkBigUnit) == 0, !Self.mayJoinNumeral(c) {
                break
            }
            guard let next = readChineseToken(at: j, c, f, &scan) else { break }
            j = next
        }
        return j
    }

    /// Whether `c`, no Chinese digit or unit, may still be read by `readChineseToken`: 廿卅卌, a
    /// decimal point, 多/余/几, the filler 个 or a space.
    @inline(__always)
    private static func mayJoinNumeral(_ c: UInt32) -> Bool {
        c == u("点") || c == 0x2E || c == u("多") || c == u("余") || c == u("几") || c == u("个") || c == u("廿")
            || c == u("卅") || c == u("卌") || CharClass.isSpace(c)
    }

    /// One Chinese numeral token (digit, unit, 点-decimal, 多/余/几, filler or inner space) at `j`;
    /// returns where the next one may start, or nil when the numeral ends before `j`.
    private mutating func readChineseToken(at j: Int, _ c: UInt32, _ f: UInt16, _ scan: inout NumeralScan) -> Int? {
        if f & CharClass.cjkDigit != 0 {
            let d = CharClass.cjkDigitValue(c)
            tokens.append(
                NumeralToken(kind: d == 0 ? .zero : .digit(Double(d), chinese: true, place: 1), start: j, end: j + 1))
            scan.hasChinese = true
        } else if f & CharClass.cjkSmallUnit != 0 {
            if !tokens.isEmpty && unitStartsAt(j) { return nil }
            if c == u("百") || c == u("千"), tokens.isEmpty, at(skipSpaces(j + 1)) == u("分") { return nil }
            tokens.append(NumeralToken(kind: .small(ChineseNumeral.smallUnitValue(c)!), start: j, end: j + 1))
            scan.hasChinese = true
        } else if let t = ChineseNumeral.tensValue(c) {
            tokens.append(NumeralToken(kind: .tens(t), start: j, end: j + 1))
            scan.hasChinese = true
        } else if f & CharClass.cjkBigUnit != 0 {
            guard bigUnitIsMultiplier(at: j) else { return nil }
            tokens.append(NumeralToken(kind: .big(ChineseNumeral.bigUnitValue(c)!), start: j, end: j + 1))
        } else if !tokens.isEmpty
            && (c == u("点")
                || (c == 0x2E && tokens.last!.kind.isChinese && CharClass.has(at(j + 1), CharClass.cjkDigit)))
        {
            guard let k = readChineseDecimal(at: j) else { return nil }
            scan.decimal = true
            return k
        } else if (c == u("多") || c == u("余") || c == u("几")) && !tokens.isEmpty {
            if case .zero = tokens.last!.kind, c != u("几") { return nil }
            tokens.append(NumeralToken(kind: .approx, start: j, end: j + 1))
        } else if c == u("个"), !tokens.isEmpty, at(j + 1) == u("亿") || at(j + 1) == u("万") {
            // 两个亿: 个 is a filler
        } else if CharClass.isSpace(c), !tokens.isEmpty {
            return spaceInsideNumeral(at: j)
        } else {
            return nil
        }
        return j + 1
    }

    /// Whether the 万/亿/兆 at `j` multiplies the numeral before it.
    private func bigUnitIsMultiplier(at j: Int) -> Bool {
        if tokens.isEmpty || unitStartsAt(j) { return false }
        // 兆 is mega before 瓦/字节 and a name in 一兆韦德: a multiplier only before more numeral or
        // a currency (2兆元, 3兆美元: trillions, as Taiwan writes them; nobody counts mega-yuan).
        if s[j] == u("兆")
            && !CharClass.has(at(j + 1), CharClass.asciiDigit | CharClass.cjkDigit | CharClass.cjkSmallUnit)
            && units.match(s, at: j + 1)?.info.kind != .money
        {
            return false
        }
        return true
    }

    /// Chinese decimal at the 点 (or full-width point) at `j`: 二点五, 零点零零三, 1点45, 三．三二％.
    /// Not 一点两 (两 is never a decimal digit). Appends the fraction; returns its end, nil if none.
    private mutating func readChineseDecimal(at j: Int) -> Int? {
        let n = s.count
        var k = j + 1
        k = skipSpaces(k)
        var frac = 0.0, scale = 0.1, count = 0
        let point = s[j]
        while k < n, count < 40 {
            let d = s[k]
            if point == 0x2E, !CharClass.has(d, CharClass.cjkDigit) { break }
            if CharClass.isDigit(d) {
                frac += Double(d - 0x30) * scale
            } else if d != u("两"), CharClass.has(d, CharClass.cjkDigit) {
                frac += Double(CharClass.cjkDigitValue(d)) * scale
            } else if CharClass.isSpace(d), count > 0, CharClass.has(at(skipSpaces(k)), CharClass.cjkDigit) {
                k = skipSpaces(k); continue
            } else {
                break
            }
            scale /= 10; count += 1; k += 1
        }
        if count == 0 { return nil }
        tokens.append(NumeralToken(kind: .fraction(frac), start: j, end: k))
        return k
    }

    /// Spaces inside a numeral: 三千 八百, 1000  万, 十 余 万 — but not 1 234. Returns where the
    /// numeral goes on after the spaces at `j`, or nil when it ends there.
    private func spaceInsideNumeral(at j: Int) -> Int? {
        let k = skipSpaces(j)
        let next = at(k)
        let nf = CharClass.flags(next)
        let joinsChinese =
            nf & (CharClass.cjkDigit | CharClass.cjkSmallUnit | CharClass.cjkBigUnit) != 0
            || next == u("余") || next == u("多") || next == u("几") || next == u("点")
        // 7万 5千 4百: an Arabic group after a unit joins when a unit follows it too.
        var joinsArabic = false
        if nf & CharClass.asciiDigit != 0, let last = tokens.last, case .small = last.kind {
            joinsArabic = true
        }
        if nf & CharClass.asciiDigit != 0, let last = tokens.last, case .big = last.kind { joinsArabic = true }
        if joinsArabic {
            var m = k
            while m < s.count, CharClass.isDigit(s[m]) { m += 1 }
            joinsArabic =
                CharClass.has(at(m), CharClass.cjkSmallUnit | CharClass.cjkBigUnit) && !unitStartsAt(m)
        }
        if !joinsChinese && !joinsArabic { return nil }
        if case .digit(_, chinese: false, _) = tokens.last!.kind, nf & CharClass.cjkBigUnit == 0 { return nil }
        return k
    }

    /// 三十两 / 二两 / 两万两: a final 两 after a Chinese numeral, with no measure word, unit or
    /// numeral after it, is the mass unit 两 (attachUnit reads it), not the digit two. Drops it;
    /// returns the numeral's end.
    private mutating func dropTrailingLiang(end j: Int) -> Int {
        if tokens.count >= 2, let last = tokens.last, last.end == j, s[last.start] == u("两"),
            !CharClass.has(
                at(j), CharClass.cjkDigit | CharClass.cjkSmallUnit | CharClass.cjkBigUnit | CharClass.asciiDigit),
            at(j) != u("多") && at(j) != u("余") && at(j) != u("个"),
            measureWords.match(s, at: j) == nil, units.match(s, at: j) == nil,
            !(tokens.count == 2 && isChineseDigitOrZero(tokens[0])
                && ChineseNumeral.isRangePair(digitValue(tokens[0]), 2))
        {
            tokens.removeLast()
            return last.start
        }
        return j
    }

    /// A leading run of `run` ≥ 2 Chinese digits: a range pair (三四万, 三五百) or a digit string.
    private mutating func readLeadingDigitRun(_ run: Int, _ base: ParsedNumber) -> ParsedNumber? {
        let a = digitValue(tokens[0]), b = digitValue(tokens[1])
        let followedByFraction = run == 2 && tokens.count > 2 && tokens[2].kind.isFraction
        if run == 2, a > 0, b > 0, ChineseNumeral.isRangePair(a, b), !followedByFraction {
            return rangePair(at: 0, base)
        }
        // Digit string: 二〇一九, 一七二零点一, 五五(折).
        var result = base
        var v = 0.0
        for k in 0..<run { v = v * 10 + Double(digitValue(tokens[k])) }
        var end = tokens[run - 1].end
        if run < tokens.count, case let .fraction(f) = tokens[run].kind {
            v += f; end = tokens[run].end; result.hasDecimal = true
        }
        result.value = base.negative ? -v : v
        result.end = end
        result.digitString = true
        result.leadingZero = digitValue(tokens[0]) == 0
        return result
    }

    /// A range pair later in the numeral: 十五六, 七百三四十, 三万四五 — its first digit's index.
    private func innerRangePairIndex() -> Int? {
        guard tokens.count >= 3 else { return nil }
        for k in 1..<(tokens.count - 1) {
            if case let .digit(a, true, _) = tokens[k].kind, case let .digit(b, true, _) = tokens[k + 1].kind,
                ChineseNumeral.isRangePair(Int(a), Int(b))
            {
                var prefixOK = true
                if case .digit = tokens[k - 1].kind { prefixOK = false }
                if prefixOK { return k }
            }
        }
        return nil
    }

    /// The evaluated value with its bounds (多/余/几, vague) and shape flags (single digit, scale).
    private func applyEvaluation(
        _ ev: NumeralEvaluation, to result: inout ParsedNumber, _ scan: NumeralScan, vague: Bool
    ) {
        let negative = result.negative
        result.end = tokens[ev.used - 1].end
        result.value = negative ? -ev.value : ev.value
        result.hasBigUnit = ev.hasBigUnit || scan.letterMultiplier > 1
        result.trailingBig = ev.hasBigUnit ? ev.trailingBig : scan.letterMultiplier
        result.hasDecimal =
            scan.decimal && (ev.used > 1 || !scan.hasChinese || tokens[0].kind.isFraction || scan.hasArabic)
        if let step = ev.approxStep {
            result.qualifier = .moreThan
            result.lower = result.value
            result.upper = result.value + (negative ? -step : step)
            result.approxStep = step
        }
        if ev.used == 1, case .digit(_, true, _) = tokens[0].kind { result.singleChineseDigit = true }
        if vague {
            result.lower = result.value
            result.upper = result.value * 10
            result.qualifier = .approximate
            result.singleChineseDigit = false
            result.approxStep = result.value * 9
        }
        // 三仟 / 5万 / 三千万: one digit times units; a bare digit before 到 borrows this scale.
        if ev.used >= 2, case let .digit(d, _, _) = tokens[0].kind, d >= 1, d <= 9, ev.approxStep == nil,
            tokens[1..<ev.used].allSatisfy({
                if case .small = $0.kind { return true }; if case .big = $0.kind { return true }; return false
            })
        {
            result.unitScale = ev.value / d
        }
        if ev.used == 1, case let .digit(d, _, _) = tokens[0].kind, d >= 1, d <= 9, !scan.decimal {
            result.singleDigit = true
        }
        if ev.used == 1, case .digit(_, false, _) = tokens[0].kind, !scan.separators, !scan.suffixed, !scan.decimal {
            result.plainIntegerDigits = scan.intDigits
            if scan.leadingZero { result.digitString = true }
        }
    }

    /// Press style writes the digits of each 万/亿 group one by one (二三二八萬二七三人): a run of
    /// Chinese digits right before a big unit (two or more, unless a range pair such as 三四万) or
    /// right after one (three or more: 三万四五 stays the range 34000–35000) is one group, read
    /// digit by digit. Replaces each such run by a single digit token; true when any was found.
    private mutating func collapseDigitGroups() -> Bool {
        guard tokens.count >= 3 else { return false }
        var hasBig = false
        for t in tokens { if case .big = t.kind { hasBig = true; break } }
        guard hasBig else { return false }
        var out: [NumeralToken] = []
        var changed = false
        var k = 0
        while k < tokens.count {
            var e = k
            while e < tokens.count, isChineseDigitOrZero(tokens[e]) { e += 1 }
            let len = e - k
            let beforeBig =
                e < tokens.count
                && {
                    if case .big = tokens[e].kind { return true }; return false
                }()
            let afterBig =
                k > 0
                && {
                    if case .big = tokens[k - 1].kind { return true }; return false
                }()
            let atStart = k == 0
            let pairAtStart = len == 2 && ChineseNumeral.isRangePair(digitValue(tokens[k]), digitValue(tokens[k + 1]))
            if len >= 2 && ((atStart && beforeBig && !pairAtStart) || (afterBig && len >= 3 && len <= 8)) {
                var v = 0.0
                var trailingZeros = 0
                for m in k..<e {
                    let d = digitValue(tokens[m])
                    v = v * 10 + Double(d)
                    trailingZeros = d == 0 ? trailingZeros + 1 : 0
                }
                out.append(
                    NumeralToken(
                        kind: .digit(v, chinese: false, place: v == 0 ? 1 : pow10(trailingZeros)),
                        start: tokens[k].start, end: tokens[e - 1].end))
                changed = true
                k = e
            } else if len > 0 {
                out.append(contentsOf: tokens[k..<e]); k = e
            } else {
                out.append(tokens[k]); k += 1
            }
        }
        if changed { tokens = out }
        return changed
    }

    /// Evaluates both readings of a Chinese range pair at token `k` (三四万 → 三万 / 四万).
    private mutating func rangePair(at k: Int, _ base: ParsedNumber) -> ParsedNumber? {
        var low = tokens
        low.remove(at: k + 1)
        var high = tokens
        high.remove(at: k)
        guard let lo = ChineseNumeral.evaluate(low[...]), let hi = ChineseNumeral.evaluate(high[...]),
            lo.used == low.count || lo.used >= k + 1, hi.used >= k + 1
        else { return nil }
        var r = base
        // The range ends where the shorter reading ends, mapped back to the full token list.
        let usedFull = min(lo.used + 1, hi.used + 1, tokens.count)
        r.end = tokens[usedFull - 1].end
        let sign = base.negative ? -1.0 : 1.0
        r.lower = sign * lo.value
        r.upper = sign * hi.value
        r.value = sign * lo.value
        r.qualifier = .range
        r.hasBigUnit = lo.hasBigUnit
        r.trailingBig = lo.trailingBig
        r.hasChinese = true
        return r
    }

    private func isChineseDigitOrZero(_ t: NumeralToken) -> Bool {
        switch t.kind {
        case .zero: return true
        case .digit(_, chinese: true, _): return true
        default: return false
        }
    }

    private func digitValue(_ t: NumeralToken) -> Int {
        switch t.kind {
        case let .digit(v, _, _): return Int(v)
        default: return 0
        }
    }
}

extension NumeralToken.Kind {
    var isFraction: Bool { if case .fraction = self { return true } else { return false } }
    var isChinese: Bool {
        switch self {
        case .digit(_, let chinese, _): return chinese
        case .zero, .small, .tens: return true
        default: return false
        }
    }
}

/// 10^e without Foundation: the product of |e| factors 10 (or 0.1), read from a table of those
/// very products for |e| ≤ 400 (a multiply chain of up to 400 dependent steps per call before).
@inline(__always)
func pow10(_ e: Int) -> Double {
    if e == 0 { return 1 }
    return PowersOfTen.table[min(max(e, -400), 400) &+ 400]
}

/// The products `pow10` returns, computed once by the same chain of multiplications (bit for bit
/// what the chain gives: 0.1 repeated is not the literal 1e-k).
enum PowersOfTen {
    nonisolated(unsafe) static let table: UnsafePointer<Double> = {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: 801)
        var up = 1.0, down = 1.0
        p[400] = 1
        for k in 1...400 {
            up *= 10; down *= 0.1
            p[400 + k] = up; p[400 - k] = down
        }
        return UnsafePointer(p)
    }()
}
