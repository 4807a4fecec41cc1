/// The last subject of each metric kind in one sentence: what `[MetricKind: String]` cleared at
/// each sentence held, without hashing the kind's raw-value String on every read and write and
/// without clearing the slots (each slot keeps the sentence it was written in).
struct KindTable {
    private var slots = [(sentence: Int, subject: String)](repeating: (-1, ""), count: MetricKind.allCases.count)

    /// The subject of `kind` written in the sentence starting at `sentence`, or nil.
    func subject(_ kind: MetricKind, in sentence: Int) -> String? {
        let slot = slots[kind.ordinal]
        return slot.sentence == sentence ? slot.subject : nil
    }

    mutating func set(_ kind: MetricKind, _ subject: String, in sentence: Int) {
        slots[kind.ordinal] = (sentence, subject)
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
