/// What `tally deadletter show` prints: counts by class and by reason, a sample of each.
///
/// Reasons name offsets and sizes ("invalid UTF-8 at byte 17"), so they are grouped by their
/// shape — digits folded to `N` — and each group keeps its first few dead letters as samples.
public struct DeadLetterReport: Sendable, Encodable {
    public struct ReasonGroup: Sendable, Encodable {
        public var errorClass: String
        /// The reason with every run of digits replaced by `N`.
        public var reasonShape: String
        public var count: Int
        public var samples: [StoredDeadLetter]
    }

    public var topic: String
    public var scanned: Int
    public var selected: Int
    /// Records on the topic that are not dead letters (reported, not fatal).
    public var unreadable: Int
    public var byClass: [String: Int]
    public var groups: [ReasonGroup]
    /// How many of the selected ones the redrive ledger already lists as sent back.
    public var alreadyRedriven: Int

    public init(topic: String, samplesPerGroup: Int = 3) {
        self.topic = topic
        self.samplesPerGroup = samplesPerGroup
        scanned = 0
        selected = 0
        unreadable = 0
        byClass = [:]
        groups = []
        alreadyRedriven = 0
    }

    private var samplesPerGroup: Int
    private var index: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case topic, scanned, selected, unreadable, byClass, groups, alreadyRedriven
    }

    public mutating func add(_ d: StoredDeadLetter, redriven: Bool) {
        selected += 1
        if redriven { alreadyRedriven += 1 }
        byClass[d.errorClass, default: 0] += 1
        let shape = Self.shape(d.reason)
        let key = d.errorClass + "\u{0}" + shape
        if let i = index[key] {
            groups[i].count += 1
            if groups[i].samples.count < samplesPerGroup { groups[i].samples.append(d) }
        } else {
            index[key] = groups.count
            groups.append(ReasonGroup(errorClass: d.errorClass, reasonShape: shape, count: 1, samples: [d]))
        }
    }

    /// Groups, most frequent first.
    public var sortedGroups: [ReasonGroup] {
        groups.sorted { ($0.count, $1.errorClass, $1.reasonShape) > ($1.count, $0.errorClass, $0.reasonShape) }
    }

    static func shape(_ reason: String) -> String {
        var out = ""
        var inDigits = false
        for ch in reason {
            if ch.isASCII, ch.isNumber {
                if !inDigits { out.append("N") }
                inDigits = true
            } else {
                out.append(ch)
                inDigits = false
            }
        }
        return out
    }
}
