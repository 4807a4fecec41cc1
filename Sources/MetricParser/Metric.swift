/// One quantity a careful analyst would copy out of a report: "召开动员部署会5644场次" →
/// subject 动员部署会, value 5644, unit 场次, kind count.
///
/// This is the parser's output contract: the pipeline serializes every field into
/// `metric.normalized.v2` (see `schemas/README.md`), so adding a field means adding it to the schema too.
public struct Metric: Sendable, Hashable, Codable {
    /// Unicode code-point offsets of the quantity (number plus unit or measure word, without
    /// leading qualifier words such as 约/近/超过), half-open `[start, end)`, in the text given to the parser.
    public var start: Int
    public var end: Int
    /// The quantity as written in the text (`text == scalars[start..<end]`).
    public var text: String
    /// What is measured: 动员部署会, 非公企业覆盖率, 县(市)区财政经费. Empty when the text names nothing.
    public var subject: String
    /// The value in the canonical unit of `kind` (CNY for money, m2 for area, percent points for %).
    public var value: Double
    /// Canonical unit (`CNY`, `percent`, `m2`, …) or, for counts, the measure word (个, 名, 场次 …).
    public var unit: String
    public var kind: MetricKind
    public var qualifier: Qualifier
    /// Bounds implied by the qualifier or a range (500多万元 → 5,000,000–6,000,000).
    public var lower: Double?
    public var upper: Double?
    /// True for a growth or a difference (比上年增长7.7%, 增加14545元).
    public var change: Bool
    /// For a change: "up" or "down" (下降, 减少); nil when not a change or direction unknown.
    public var direction: Direction?
    /// For a change: what it is measured against (同比 → previous_year, 环比 → previous_period,
    /// 比年初 → start_of_period, 高于全国 → reference); nil when not a change or nothing is named.
    public var basis: ChangeBasis?
    /// For `basis == .reference`: the reference as written (全国, 全省, 控制目标, 平时).
    public var basisReference: String?
    /// The period the text states for this figure ("2019", "2019年上半年"), nil when none is stated.
    public var period: String?
    /// The sentence the metric was found in (trimmed).
    public var sentence: String

    /// Inlined: called on its own, the initializer builds the metric in a temporary and copies
    /// it out (a retain and a release of every String, per metric).
    @inline(__always)
    public init(
        start: Int, end: Int, text: String, subject: String, value: Double, unit: String,
        kind: MetricKind, qualifier: Qualifier, lower: Double? = nil, upper: Double? = nil,
        change: Bool = false, direction: Direction? = nil, basis: ChangeBasis? = nil,
        basisReference: String? = nil, period: String? = nil, sentence: String
    ) {
        self.start = start
        self.end = end
        self.text = text
        self.subject = subject
        self.value = value
        self.unit = unit
        self.kind = kind
        self.qualifier = qualifier
        self.lower = lower
        self.upper = upper
        self.change = change
        self.direction = direction
        self.basis = basis
        self.basisReference = basisReference
        self.period = period
        self.sentence = sentence
    }
}

public enum MetricKind: String, Sendable, Hashable, Codable, CaseIterable {
    case count, money, percent
    case percentagePoint = "percentage_point"
    case area, length, mass, volume, duration, multiple, other
}

public enum Qualifier: String, Sendable, Hashable, Codable, CaseIterable {
    case exact
    /// 约, 左右, 上下, 大约
    case approximate
    /// 近, 将近, 接近
    case nearly
    /// 多, 余, 超过, 逾, 以上, 过
    case moreThan = "more_than"
    /// 不到, 不足, 以下
    case lessThan = "less_than"
    /// 3到5万, 3-5万, 三五百
    case range
}

public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    case up, down
}

/// What a change is measured against.
public enum ChangeBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// 同比, 比上年, 较去年同期, 与去年同月相比
    case previousYear = "previous_year"
    /// 环比, 比上月, 较上季度, 比上周
    case previousPeriod = "previous_period"
    /// 比年初, 比上年末, 较月初
    case startOfPeriod = "start_of_period"
    /// 高于全国, 比全省, 低于控制目标, 较平时: the reference is named in `Metric.basisReference`.
    case reference
}
