/// One optional String per metric kind: what `[MetricKind: String]` held, without hashing the
/// kind's raw-value String on every read and write (a figure reads and writes it once each).
struct KindTable {
    private var slots = [String?](repeating: nil, count: MetricKind.allCases.count)

    subscript(kind: MetricKind) -> String? {
        get { slots[kind.ordinal] }
        set { slots[kind.ordinal] = newValue }
    }

    mutating func removeAll() {
        for k in slots.indices { slots[k] = nil }
    }
}

extension MetricKind {
    /// Position in `allCases` (a switch: adding a case without a slot does not compile).
    var ordinal: Int {
        switch self {
        case .count: 0
        case .money: 1
        case .percent: 2
        case .percentagePoint: 3
        case .area: 4
        case .length: 5
        case .mass: 6
        case .volume: 7
        case .duration: 8
        case .multiple: 9
        case .other: 10
        }
    }
}
