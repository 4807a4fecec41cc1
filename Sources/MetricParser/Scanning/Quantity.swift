/// What a numeral is doing in the text, as far as the scanner can tell from its surroundings.
public enum QuantityRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A cardinal amount: 5644场次, 88.8%, 一百.
    case cardinal
    /// 第一, 第1位, 第七个.
    case ordinal
    /// 2019年, 二〇一九年.
    case year
    /// Month, day or clock time: 12月31日, 3月份, 20点.
    case date
    /// One side of a ratio such as 9.4:66.8:23.8.
    case ratio
    /// Phone numbers, IDs, codes, model names: 0591-87654321, A2021…, PM2.5.
    case identifier
    /// List numbering at the start of a line: "1、", "2.", "(3)".
    case listMarker
}

/// One numeric quantity found in text, before deciding whether it is a metric.
///
/// `QuantityScanner.scan(_:)` returns every numeral with what follows it: bare numbers
/// (一百 → 100), ranges (三四万 → 30000…40000), percents (七成六 → 76), money, dimensions.
public struct Quantity: Sendable, Hashable {
    /// Unicode code-point offsets `[start, end)` in the scanned text: the numeral plus its unit
    /// or measure word (a percent prefix such as 百分之 and a sign are included).
    public var start: Int
    public var end: Int
    /// `text[start..<end]` as given.
    public var text: String
    /// The numeral's value with 万/亿/k/M multiplied out, before unit conversion:
    /// 1126.8万元 → 11268000, 2万平方米 → 20000, 二分之一 → 0.5, 百分之四十 → 40.
    public var number: Double
    /// The value in the canonical unit of `kind` (CNY, m2, kg, percent points …); equals
    /// `number` for bare numbers and counts. For a range it is the lower bound.
    public var value: Double
    public var lower: Double?
    public var upper: Double?
    /// Canonical unit or measure word; nil for a bare number.
    public var unit: String?
    /// nil for a bare number.
    public var kind: MetricKind?
    /// What the numeral itself says: `.moreThan` for 多/余/几, `.range` for 三四万 / 3到5万, else
    /// `.exact`. Qualifier words around it (约, 超过, 左右) are read by `MetricExtractor`.
    public var qualifier: Qualifier
    public var role: QuantityRole

    public init(
        start: Int, end: Int, text: String, number: Double, value: Double, lower: Double? = nil,
        upper: Double? = nil, unit: String? = nil, kind: MetricKind? = nil,
        qualifier: Qualifier = .exact, role: QuantityRole = .cardinal
    ) {
        self.start = start
        self.end = end
        self.text = text
        self.number = number
        self.value = value
        self.lower = lower
        self.upper = upper
        self.unit = unit
        self.kind = kind
        self.qualifier = qualifier
        self.role = role
    }
}
