/// Which dead letters `tally deadletter show` and `redrive` act on.
public struct DeadLetterSelection: Sendable, Hashable {
    /// Error classes (`invalid_json`, `too_large` …); empty: all.
    public var classes: Set<String>
    /// Only reasons containing this text.
    public var reasonContains: String?
    /// Record timestamps (ms since the epoch) of the dead letters, `[from, to)`; nil: unbounded.
    public var fromMs: Int64?
    public var toMs: Int64?
    /// Only dead letters of originals from this topic.
    public var originalTopic: String?

    public init(
        classes: Set<String> = [], reasonContains: String? = nil, fromMs: Int64? = nil, toMs: Int64? = nil,
        originalTopic: String? = nil
    ) {
        self.classes = classes
        self.reasonContains = reasonContains
        self.fromMs = fromMs
        self.toMs = toMs
        self.originalTopic = originalTopic
    }

    public func matches(_ d: StoredDeadLetter) -> Bool {
        if !classes.isEmpty, !classes.contains(d.errorClass) { return false }
        if let r = reasonContains, !d.reason.contains(r) { return false }
        if let t = originalTopic, d.original.topic != t { return false }
        if let from = fromMs, (d.timestampMs ?? .min) < from { return false }
        if let to = toMs, (d.timestampMs ?? .max) >= to { return false }
        return true
    }
}
