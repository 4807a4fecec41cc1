import Foundation
import MetricParser
import Testing

/// Conformance against other projects' own test cases (`../shared/peer-cases`): for each case,
/// does `QuantityScanner` resolve the expected span to the expected value? Conventions differ
/// (inclusive ends, cents vs yuan, grams vs kg, 0.6 vs 60 %): expected values are converted to
/// our canonical units before comparing. Cases whose peer convention contradicts ours are
/// skipped, each with its reason, and printed; skipped cases never count as passes.
@Suite("Peer conformance")
struct PeerConformanceTests {
    /// Chinese peer files. The rt-en-* files are English and out of scope for this parser.
    static let files = [
        "chinese2digits-python", "cn2an-cn2an", "cn2an-transform", "duckling-zh-amountofmoney", "duckling-zh-distance",
        "duckling-zh-numeral", "duckling-zh-ordinal", "duckling-zh-quantity", "duckling-zh-temperature",
        "duckling-zh-volume", "jionlp-extract-money", "jionlp-parse-money", "minlp-duckling-zh", "rt-zh-age",
        "rt-zh-currency", "rt-zh-dimension", "rt-zh-number", "rt-zh-numberrange-experimental", "rt-zh-numberrange",
        "rt-zh-ordinal", "rt-zh-percent", "rt-zh-temperature", "wetext-itn-zh",
    ]

    /// Minimum pass rate per file (passed / (passed + failed)), set just under what the parser
    /// achieves so that a regression fails the suite.
    static let floors: [String: Double] = [
        "chinese2digits-python": 1.0, "cn2an-cn2an": 1.0, "cn2an-transform": 1.0,
        "duckling-zh-amountofmoney": 1.0, "duckling-zh-distance": 1.0, "duckling-zh-numeral": 1.0,
        "duckling-zh-ordinal": 1.0, "duckling-zh-quantity": 1.0, "duckling-zh-temperature": 1.0,
        "duckling-zh-volume": 1.0, "jionlp-extract-money": 1.0, "jionlp-parse-money": 1.0,
        "minlp-duckling-zh": 1.0, "rt-zh-age": 1.0, "rt-zh-currency": 1.0, "rt-zh-dimension": 1.0,
        "rt-zh-number": 0.97, "rt-zh-numberrange-experimental": 1.0, "rt-zh-numberrange": 0.96,
        "rt-zh-ordinal": 1.0, "rt-zh-percent": 1.0, "rt-zh-temperature": 1.0, "wetext-itn-zh": 0.98,
    ]

    @Test("peer cases resolve to the expected values", arguments: files)
    func conformance(file: String) throws {
        let url = TestPaths.peerCases.appendingPathComponent(file + ".jsonl")
        let cases = try readJSONLines(url)
        var passed = 0, failed = 0
        var failures: [String] = []
        var skipped: [(String, String)] = []
        for c in cases {
            guard let input = c["input"] as? String else { continue }
            if let skip = PeerSkips.classify(file: file, c) {
                skipped.append((input, skip.name))
                continue
            }
            switch PeerCaseChecker.check(file: file, c) {
            case .pass: passed += 1
            case let .fail(why): failed += 1; failures.append("\(input) — \(why)")
            case .notComparable:
                failed += 1
                failures.append("\(input) — expected text has no comparable number; needs a skip entry with a reason")
            }
        }
        let total = passed + failed
        let rate = total == 0 ? 1.0 : Double(passed) / Double(total)
        var report =
            "[peer] \(file): \(passed)/\(total) passed (\(String(format: "%.1f", rate * 100))%), \(skipped.count) skipped"
        for (input, reason) in skipped { report += "\n  skip: \(input) — \(reason)" }
        for f in failures { report += "\n  fail: \(f)" }
        print(report)
        let floor = Self.floors[file] ?? 0
        #expect(rate >= floor, "\(file): pass rate \(rate) fell below the floor \(floor)")
        #expect(
            !failures.contains { $0.hasSuffix("needs a skip entry with a reason") }, "\(file): a case is not comparable"
        )
    }

    /// Every skip class is documented once (`PeerSkips`) and must hold for some shared case,
    /// so no class outlives the convention it names.
    @Test("every skip class applies to some shared case")
    func skipClassesAreUsed() throws {
        var used = Set<String>()
        for file in Self.files {
            for c in try readJSONLines(TestPaths.peerCases.appendingPathComponent(file + ".jsonl")) {
                if let k = PeerSkips.classify(file: file, c) { used.insert(k.name) }
            }
        }
        for k in PeerSkips.classes where k.seenInSharedHalf {
            #expect(used.contains(k.name), "skip class '\(k.name)' matches no case")
        }
    }
}

enum CaseResult {
    case pass
    case fail(String)
    case notComparable
}

/// One expected item: where (optional) and what value it must resolve to.
struct Expectation {
    var span: Range<Int>?
    var accepts: (Quantity) -> Bool
    var label: String
}

enum PeerCaseChecker {
    static func check(file: String, _ c: [String: Any]) -> CaseResult {
        let input = c["input"] as! String
        let qs = QuantityScanner.scan(input)
        if c["expected_text"] != nil {
            return checkExpectedText(input: input, expected: c["expected_text"] as! String, qs)
        }
        let expected = c["expected"] as? [[String: Any]] ?? []
        let endInclusive = c["end_inclusive"] as? Bool ?? false
        if expected.isEmpty {
            let hits = qs.filter { relevant(file, $0) }
            return hits.isEmpty ? .pass : .fail("expected nothing, found \(hits.map(\.text))")
        }
        var exps: [Expectation] = []
        for e in expected {
            guard let exp = expectation(file: file, c, e, input: input, endInclusive: endInclusive) else {
                return .notComparable
            }
            exps.append(exp)
        }
        for exp in exps {
            let ok = qs.contains { q in
                (exp.span.map { q.start < $0.upperBound && $0.lowerBound < q.end } ?? true) && exp.accepts(q)
            }
            if !ok {
                let found = qs.map { "\($0.text)=\($0.value)\($0.unit.map { " " + $0 } ?? "")" }
                return .fail("wanted \(exp.label); scanned \(found)")
            }
        }
        return .pass
    }

    /// Which scanned quantities count against a case that expects nothing.
    static func relevant(_ file: String, _ q: Quantity) -> Bool {
        switch file {
        case "jionlp-extract-money", "rt-zh-currency": return q.kind == .money && q.role == .cardinal
        case "rt-zh-percent": return (q.kind == .percent || q.kind == .percentagePoint) && q.role == .cardinal
        case "rt-zh-dimension": return [.length, .mass, .area, .volume, .other].contains(q.kind) && q.role == .cardinal
        case "rt-zh-temperature": return q.kind == .other && q.role == .cardinal
        // Recognizers-Text's number model leaves numbers bound to a currency or percent to those models.
        case "rt-zh-number": return ![.money, .percent, .percentagePoint].contains(q.kind)
        default: return true
        }
    }

    static func number(_ any: Any?) -> Double? {
        if let d = any as? Double { return d }
        if let i = any as? Int { return Double(i) }
        if let s = any as? String { return Double(s.replacingOccurrences(of: ",", with: "")) }
        return nil
    }

    /// Any of the quantity's readings equals `v` (a range matches at either end).
    static func matchesNumber(_ q: Quantity, _ v: Double, tolerance: Double = 1e-6) -> Bool {
        close(q.value, v, tolerance: tolerance) || close(q.number, v, tolerance: tolerance)
            || (q.lower.map { close($0, v, tolerance: tolerance) } ?? false)
            || (q.upper.map { close($0, v, tolerance: tolerance) } ?? false)
    }

    static func span(_ e: [String: Any], input: String, endInclusive: Bool) -> Range<Int>? {
        if let s = e["start"] as? Int, let t = e["end"] as? Int {
            return s..<(endInclusive ? t + 1 : max(t, s + 1))
        }
        if let text = e["text"] as? String, let at = scalarOffset(of: text, in: input) {
            return at..<(at + text.unicodeScalars.count)
        }
        return nil
    }

    /// Every unit type of Duckling's Distance, Quantity, Volume, Temperature and AmountOfMoney
    /// dimensions (Duckling/*/Types.hs) → our kind and the factor into our canonical unit.
    /// Currencies given by ISO code are matched by code (see `expectation`). Units that are count
    /// measure words for us (Bowl, Cup, Dish) are counts of that word.
    static let ducklingUnits: [String: (MetricKind?, Double)] = [
        "Cent": (.money, 0.01), "Dollar": (.money, 1), "Pound": (.money, 1),
        "Centimetre": (.length, 0.01), "Metre": (.length, 1), "Kilometre": (.length, 1000),
        "Millimetre": (.length, 0.001),
        "Foot": (.length, 0.3048), "Inch": (.length, 0.0254), "Mile": (.length, 1609.344), "Yard": (.length, 0.9144),
        "M": (.length, 1), "Gram": (.mass, 0.001), "Kilogram": (.mass, 1), "Milligram": (.mass, 1e-6),
        "Ounce": (.mass, 0.028349523125), "Litre": (.volume, 0.001), "Millilitre": (.volume, 1e-6),
        "Hectolitre": (.volume, 0.1), "Gallon": (.volume, 0.003785411784), "Pint": (.volume, 0.000473176473),
        "Quart": (.volume, 0.000946352946), "Cup": (.count, 1), "Bowl": (.count, 1), "Dish": (.count, 1),
        "Celsius": (.other, 1), "Fahrenheit": (.other, 1), "Degree": (.other, 1), "Kelvin": (.other, 1),
    ]
    /// Every unit of Recognizers-Text's Chinese DimensionSuffixList (Chinese-NumbersWithUnit.yaml),
    /// with the names its specs use. Speeds and information units are `other` for us with the
    /// number as stated (factor 1); containers (Barrel 桶, Pot 罐) are count measure words.
    static let rtDimensionUnits: [String: (MetricKind?, Double)] = [
        "Meter": (.length, 1), "Kilometer": (.length, 1000), "Decimeter": (.length, 0.1), "Centimeter": (.length, 0.01),
        // RT names 毫米 "Micrometer".
        "Micrometer": (.length, 0.001), "Microns": (.length, 1e-6),
        "Picometer": (.length, 1e-12), "Nanometer": (.length, 1e-9), "Li": (.length, 500),
        "Zhang": (.length, 10.0 / 3.0),
        "Chi": (.length, 1.0 / 3.0), "Cun": (.length, 1.0 / 30.0), "Mile": (.length, 1609.344),
        "Inch": (.length, 0.0254),
        "Foot": (.length, 0.3048), "Yard": (.length, 0.9144), "Knot": (.length, 1852),
        "Light year": (.length, 9.4607304725808e15),
        "Meter per second": (.other, 1), "Kilometer per hour": (.other, 1), "Kilometer per minute": (.other, 1),
        "Kilometer per second": (.other, 1), "Mile per hour": (.other, 1), "Foot per second": (.other, 1),
        "Foot per minute": (.other, 1), "Yard per minute": (.other, 1), "Yard per second": (.other, 1),
        "Square centimetre": (.area, 1e-4), "Square decimeter": (.area, 1e-2), "Square meter": (.area, 1),
        "Square kilometer": (.area, 1e6), "Acre": (.area, 4046.8564224), "Hectare": (.area, 1e4),
        "Mu": (.area, 2000.0 / 3.0),
        "Liter": (.volume, 0.001), "Milliliter": (.volume, 1e-6), "Cubic meter": (.volume, 1),
        "Cubic decimeter": (.volume, 1e-3),
        "Cubic millimeter": (.volume, 1e-9), "Cubic feet": (.volume, 0.028316846592),
        "Gallon": (.volume, 0.003785411784),
        "Pint": (.volume, 0.000473176473), "Dou": (.volume, 0.01), "Dan": (.volume, 0.1),
        "Kilogram": (.mass, 1), "Jin": (.mass, 0.5), "Liang": (.mass, 0.05), "Milligram": (.mass, 1e-6),
        "Microgram": (.mass, 1e-9),
        "Gram": (.mass, 0.001), "Ton": (.mass, 1000), "Pound": (.mass, 0.45359237), "Ounce": (.mass, 0.028349523125),
        "Barrel": (.count, 1), "Pot": (.count, 1),
        "Bit": (.other, 1), "Byte": (.other, 1), "Kilobit": (.other, 1), "Kilobyte": (.other, 1),
        "Megabit": (.other, 1),
        "Megabyte": (.other, 1), "Gigabyte": (.other, 1), "Terabyte": (.other, 1), "Petabyte": (.other, 1),
        "Calorie": (.other, 1), "Kilocalorie": (.other, 1), "Hertz": (.other, 1), "Kilohertz": (.other, 1),
        "Megahertz": (.other, 1), "Gigahertz": (.other, 1), "Watt": (.other, 1), "Kilowatt": (.other, 1),
        "Megawatt": (.other, 1), "Kilowatt hour": (.other, 1),
    ]
    /// JioNLP's currency names (its `case` field) → ISO 4217, for every currency its money
    /// parser names, plus Recognizers-Text's English currency names used in its Chinese specs.
    static let moneyCodes: [String: String] = [
        "元": "CNY", "人民币": "CNY", "美元": "USD", "日元": "JPY", "新台币": "TWD", "港元": "HKD", "港币": "HKD", "欧元": "EUR",
        "卢布": "RUB", "澳元": "AUD", "英镑": "GBP", "加元": "CAD", "加拿大元": "CAD", "韩元": "KRW", "泰铢": "THB",
        "新加坡元": "SGD", "新元": "SGD", "瑞士法郎": "CHF", "法郎": "CHF", "卢比": "INR", "印度卢比": "INR", "澳门元": "MOP",
        "澳门币": "MOP", "新西兰元": "NZD", "林吉特": "MYR", "马来西亚林吉特": "MYR", "比索": "PHP", "菲律宾比索": "PHP",
        "越南盾": "VND", "印尼盾": "IDR", "兰特": "ZAR", "南非兰特": "ZAR", "迪拉姆": "AED", "里拉": "TRY", "土耳其里拉": "TRY",
        "奈拉": "NGN", "瑞典克朗": "SEK", "丹麦克朗": "DKK", "挪威克朗": "NOK", "雷亚尔": "BRL", "巴西雷亚尔": "BRL",
        "墨西哥比索": "MXN", "里亚尔": "SAR", "日币": "JPY", "美金": "USD",
        "Chinese yuan": "CNY", "United States dollar": "USD", "New Taiwan dollar": "TWD", "Japanese yen": "JPY",
        "Nigerian naira": "NGN", "Euro": "EUR", "British pound": "GBP", "Hong Kong dollar": "HKD",
        "Macau Pataca": "MOP",
        "Australian dollar": "AUD", "Canadian dollar": "CAD", "South Korean won": "KRW", "Russian ruble": "RUB",
        "Singapore dollar": "SGD", "Swiss franc": "CHF", "Indian rupee": "INR", "Thai baht": "THB",
    ]

    static func expectation(file: String, _ c: [String: Any], _ e: [String: Any], input: String, endInclusive: Bool)
        -> Expectation?
    {
        let sp = span(e, input: input, endInclusive: endInclusive)
        let text = e["text"] as? String ?? ""
        switch file {
        case "cn2an-cn2an", "rt-zh-number", "duckling-zh-numeral":
            let pred = c["predicate"] as? String
            let raw = pred.map {
                $0.replacingOccurrences(of: "NumeralValue ", with: "").replacingOccurrences(of: "(", with: "")
                    .replacingOccurrences(of: ")", with: "")
            }
            guard let v = number(e["value"]) ?? number(raw) else { return nil }
            return Expectation(span: sp, accepts: { matchesNumber($0, v) }, label: "\(text)=\(v)")
        case "chinese2digits-python":
            guard let vs = e["value"] as? String else { return nil }
            let percentConvert = ((c["kwargs"] as? [String: Any])?["percentConvert"] as? Bool) ?? true
            if vs.hasSuffix("%"), let v = Double(vs.dropLast()) {
                return Expectation(
                    span: sp, accepts: { $0.kind == .percent && close($0.value, v) }, label: "\(text)=\(vs)")
            }
            if vs.contains("/") {
                let parts = vs.split(separator: "/").compactMap { Double($0) }
                guard parts.count == 2, parts[1] != 0 else { return nil }
                let v = parts[0] / parts[1]
                return Expectation(span: sp, accepts: { matchesNumber($0, v) }, label: "\(text)=\(vs)")
            }
            guard let v = Double(vs) else { return nil }
            if text.contains("%"), percentConvert {
                return Expectation(
                    span: sp, accepts: { $0.kind == .percent && close($0.value, v * 100) }, label: "\(text)=\(vs)")
            }
            return Expectation(span: sp, accepts: { matchesNumber($0, v) }, label: "\(text)=\(vs)")
        case "duckling-zh-amountofmoney", "duckling-zh-distance", "duckling-zh-quantity", "duckling-zh-temperature",
            "duckling-zh-volume":
            guard let unitName = e["unit"] as? String, let pred = c["predicate"] as? String else { return nil }
            // A currency given by its ISO code (CNY, HKD, EUR …) is money in that currency.
            let isoCode = unitName.count == 3 && unitName.allSatisfy { $0.isUppercase }
            guard let (kind, factor) = ducklingUnits[unitName] ?? (isoCode ? (.money, 1) : nil) else { return nil }
            if pred.hasPrefix("between") {
                let nums = numbersIn(pred)
                guard nums.count == 2 else { return nil }
                let lo = nums[0] * factor, hi = nums[1] * factor
                return Expectation(
                    span: sp,
                    accepts: { q in
                        q.kind == kind && (q.lower.map { close($0, lo, tolerance: 2e-3) } ?? false)
                            && (q.upper.map { close($0, hi, tolerance: 2e-3) } ?? false)
                    }, label: "\(text)=[\(lo),\(hi)]")
            }
            guard let v = number(e["value"]) else { return nil }
            let target = v * factor
            return Expectation(
                span: sp,
                accepts: { q in
                    q.kind == kind && close(q.value, target, tolerance: 2e-3) && (!isoCode || q.unit == unitName)
                }, label: "\(text)=\(target)")
        case "jionlp-extract-money":
            return Expectation(span: sp, accepts: { $0.kind == .money }, label: "\(text) as money")
        case "jionlp-parse-money":
            guard let caseName = (c["original_expected"] as? [String: Any])?["case"] as? String,
                let code = moneyCodes[caseName]
            else { return nil }
            if let range = e["value_range"] as? [Any], range.count == 2, let lo = number(range[0]),
                let hi = number(range[1])
            {
                return Expectation(
                    span: nil,
                    accepts: { q in
                        q.kind == .money && q.unit == code && (q.lower.map { close($0, lo) } ?? false)
                            && (q.upper.map { close($0, hi) } ?? false)
                    }, label: "\(text)=[\(lo),\(hi)] \(code)")
            }
            guard let v = number(e["value"]) else { return nil }
            return Expectation(
                span: nil, accepts: { q in q.kind == .money && q.unit == code && close(q.value, v) },
                label: "\(text)=\(v) \(code)")
        case "minlp-duckling-zh":
            return minlp(c["predicate"] as? String ?? "", span: sp, text: text)
        case "rt-zh-numberrange", "rt-zh-numberrange-experimental":
            guard let vs = e["value"] as? String else { return nil }
            let inner = vs.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard inner.count == 2 else { return nil }
            let lo = Double(inner[0]), hi = Double(inner[1])
            return Expectation(
                span: sp,
                accepts: { q in
                    // A number range compares numbers: the figure as written (2252平方英尺 → 2252), not in our canonical unit.
                    let loOK =
                        lo.map { v in
                            (q.lower.map { close($0, v) } ?? false)
                                || (q.lower == nil && (close(q.value, v) || close(q.number, v)))
                        } ?? true
                    let hiOK =
                        hi.map { v in
                            (q.upper.map { close($0, v) } ?? false)
                                || (q.upper == nil && (close(q.value, v) || close(q.number, v)))
                        } ?? true
                    return loOK && hiOK
                }, label: "\(text)=\(vs)")
        case "rt-zh-ordinal":
            guard let v = number(e["value"]) else { return nil }
            return Expectation(
                span: sp, accepts: { $0.role == .ordinal && matchesNumber($0, v) }, label: "\(text)=ordinal \(v)")
        case "rt-zh-percent":
            guard let vs = e["value"] as? String, let v = Double(vs.replacingOccurrences(of: "%", with: "")) else {
                return nil
            }
            return Expectation(
                span: sp,
                accepts: { q in
                    (q.kind == .percent || q.kind == .percentagePoint) && matchesNumber(q, v)
                }, label: "\(text)=\(vs)")
        case "rt-zh-currency":
            guard let v = number(e["value"]), let iso = e["isoCurrency"] as? String else { return nil }
            return Expectation(
                span: sp, accepts: { q in q.kind == .money && q.unit == iso && close(q.value, v) },
                label: "\(text)=\(v) \(iso)")
        case "rt-zh-dimension":
            guard let v = number(e["value"]), let unitName = e["unit"] as? String,
                let (kind, factor) = rtDimensionUnits[unitName]
            else { return nil }
            return Expectation(
                span: sp, accepts: { q in q.kind == kind && close(q.value, v * factor, tolerance: 1e-4) },
                label: "\(text)=\(v) \(unitName)")
        case "rt-zh-age", "rt-zh-temperature":
            guard let v = number(e["value"]) else { return nil }
            return Expectation(span: sp, accepts: { q in q.kind != nil && close(q.value, v) }, label: "\(text)=\(v)")
        default:
            return nil
        }
    }

    /// MiNLP predicates: "60", "(1.1, 1)", "0.6, 60.0, 100.0, 0, 0, Some(2)", "MultipleData(8.5)",
    /// "QuantityValue(3000, \"米\", \"Distance\", …)", "OpenIntervalValue(3.5, After)", "DoubleSideIntervalValue(3, 5, …)".
    static func minlp(_ pred: String, span: Range<Int>?, text: String) -> Expectation? {
        let nums = numbersIn(pred)
        if pred.hasPrefix("MultipleData") {
            guard let v = nums.first else { return nil }
            return Expectation(span: span, accepts: { $0.kind == .multiple && close($0.value, v) }, label: pred)
        }
        if pred.hasPrefix("QuantityValue") || pred.hasPrefix("QuantityData") {
            guard let v = nums.first else { return nil }
            let unit = pred.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
            let factor: Double = unit == "平方千米" ? 1e6 : 1
            return Expectation(
                span: span,
                accepts: { q in
                    q.kind != nil
                        && (close(q.value, v * factor, tolerance: 2e-3) || close(q.number, v, tolerance: 2e-3))
                }, label: pred)
        }
        if pred.hasPrefix("OpenIntervalValue") || pred.hasPrefix("NumeralValue") {
            guard let v = nums.first else { return nil }
            return Expectation(span: span, accepts: { matchesNumber($0, v) }, label: pred)
        }
        if pred.hasPrefix("DoubleSideIntervalValue") {
            guard nums.count >= 2 else { return nil }
            let lo = nums[0], hi = nums[1]
            return Expectation(
                span: span,
                accepts: { q in
                    (q.lower.map { close($0, lo) } ?? false) && (q.upper.map { close($0, hi) } ?? false)
                }, label: pred)
        }
        if pred.contains("Some(") || pred.contains("None") {
            // Ratio tuples: (ratio, numerator, denominator, …, Some(precision)) for percents, None for fractions.
            guard nums.count >= 3 else { return nil }
            if pred.contains("Some(") {
                let pct = nums[1] / nums[2] * 100
                return Expectation(span: span, accepts: { $0.kind == .percent && close($0.value, pct) }, label: pred)
            }
            let v = nums[0]
            return Expectation(span: span, accepts: { matchesNumber($0, v) }, label: pred)
        }
        guard let v = nums.first else { return nil }
        if text.hasPrefix("第") {
            return Expectation(span: span, accepts: { $0.role == .ordinal && matchesNumber($0, v) }, label: pred)
        }
        return Expectation(span: span, accepts: { matchesNumber($0, v) }, label: pred)
    }

    /// Numbers in a predicate string, in order (handles 3.0E-6 and signs).
    static func numbersIn(_ s: String) -> [Double] {
        var out: [Double] = []
        var cur = ""
        func flush() {
            if let d = Double(cur) { out.append(d) }
            cur = ""
        }
        for ch in s {
            if ch.isASCII
                && (ch.isNumber || ch == "." || ch == "-" || ch == "+" || ((ch == "E" || ch == "e") && !cur.isEmpty))
            {
                cur.append(ch)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    // MARK: expected_text (ITN-style: the input rewritten with Arabic numbers)

    struct TextToken {
        var value: Double?
        var lower: Double?
        var upper: Double?
        var ignored: Bool
        var text: String
    }

    /// Compares the numbers written in `expected` with what the scanner found in `input`.
    static func checkExpectedText(input: String, expected: String, _ qs: [Quantity]) -> CaseResult {
        let tokens = textTokens(expected, fractions: input.contains("分之"))
        if tokens.isEmpty {
            return qs.isEmpty ? .pass : .fail("expected no numbers, found \(qs.map(\.text))")
        }
        let comparable = tokens.filter { !$0.ignored }
        if comparable.isEmpty { return .notComparable }
        var used = Set<Int>()
        for t in comparable {
            let hit = qs.indices.first { i in
                guard !used.contains(i) else { return false }
                let q = qs[i]
                if let lo = t.lower, let hi = t.upper {
                    // The text writes the numeral (三五百公里 → 300~500); our bounds are in canonical units.
                    let f = q.number == 0 ? 1 : q.value / q.number
                    return [1, f].contains { f in
                        (q.lower.map { close($0, lo * f, tolerance: 1e-9) } ?? false)
                            && (q.upper.map { close($0, hi * f, tolerance: 1e-9) } ?? false)
                    }
                }
                return matchesNumber(q, t.value!, tolerance: 1e-9)
            }
            guard let hit else { return .fail("wanted \(t.text); scanned \(qs.map { "\($0.text)=\($0.value)" })") }
            used.insert(hit)
        }
        return .pass
    }

    static func textTokens(_ s: String, fractions: Bool) -> [TextToken] {
        let a = Array(s.unicodeScalars)
        var out: [TextToken] = []
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < a.count && a[k].properties.numericType != nil && a[k].isASCII }
        func readNumber(_ k0: Int) -> (Double, String, Int)? {
            var k = k0
            var str = ""
            while k < a.count, isDigit(k) || (a[k] == "." && isDigit(k + 1) && !str.isEmpty) {
                str.unicodeScalars.append(a[k]); k += 1
            }
            guard let v = Double(str) else { return nil }
            return (v, str, k)
        }
        func multiplier(_ k: Int) -> Double? { k < a.count ? (a[k] == "万" ? 1e4 : a[k] == "亿" ? 1e8 : nil) : nil }
        while i < a.count {
            var neg = false
            if a[i] == "-", isDigit(i + 1), i == 0 || !isDigit(i - 1) { neg = true; i += 1 }
            guard isDigit(i), i == 0 || !(isDigit(i - 1) || a[i - 1] == ".") else { i += 1; continue }
            let start = i
            guard let (v, str, k0) = readNumber(i) else { i += 1; continue }
            var k = k0
            // Composite 1亿2300 / 100万1111.
            var value = v
            var m = multiplier(k)
            while let mm = m {
                k += 1
                if let (v2, _, k2) = readNumber(k) {
                    value = value * mm + v2; k = k2; m = multiplier(k)
                } else {
                    value *= mm; m = nil
                }
            }
            var token = TextToken(value: neg ? -value : value, lower: nil, upper: nil, ignored: false, text: "")
            if k < a.count, a[k] == ":", isDigit(k + 1) {
                token.ignored = true
                while k < a.count, isDigit(k) || a[k] == ":" || a[k] == "." { k += 1 }
            } else if k < a.count, a[k] == "/", isDigit(k + 1), let (d, _, k2) = readNumber(k + 1) {
                if fractions && d != 0 { token.value = (neg ? -v : v) / d } else { token.ignored = true }
                k = k2
                while k < a.count, isDigit(k) || a[k] == "/" { k += 1 }
            } else if k < a.count, a[k] == "~" || a[k] == "-", isDigit(k + 1), let (b, bstr, k2) = readNumber(k + 1) {
                // 3~4万, 15-6 (= 15 to 16), 34000-5000 (= 34000 to 35000).
                var hi = b
                if b < v, bstr.count < str.count {
                    let prefix = String(str.dropLast(bstr.count))
                    hi = Double(prefix + bstr) ?? b
                }
                var lo = v
                k = k2
                if let mm = multiplier(k) {
                    lo *= mm; hi *= mm; k += 1
                }
                token.lower = neg ? -lo : lo; token.upper = hi; token.value = nil
            }
            token.text = String(String.UnicodeScalarView(a[start..<min(k, a.count)]))
            out.append(token)
            i = max(k, i + 1)
        }
        return out
    }
}
