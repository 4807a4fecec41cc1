import Foundation
import Kafka

/// One observation of a partition of a group, as the status rules see it.
///
/// Only numbers and a time: the rules never talk to Kafka and never read a clock, so every rule
/// is unit-testable with made-up samples. `time` is when the numbers were read (the exporter's
/// evaluation time; tests inject their own).
public struct LagSample: Sendable, Hashable {
    public var time: Date
    /// The group's committed offset (next offset to process); nil when it has none.
    public var committed: Int64?
    /// The partition's log-end offset (high watermark); nil when it could not be read.
    public var logEnd: Int64?
    /// True when a live group member has this partition in its assignment.
    public var ownedByLiveMember: Bool

    public init(time: Date, committed: Int64?, logEnd: Int64?, ownedByLiveMember: Bool) {
        self.time = time
        self.committed = committed
        self.logEnd = logEnd
        self.ownedByLiveMember = ownedByLiveMember
    }

    /// A sample whose numbers could not be read (evaluates to ERR).
    public static func failed(at time: Date, ownedByLiveMember: Bool = false) -> LagSample {
        LagSample(time: time, committed: nil, logEnd: nil, ownedByLiveMember: ownedByLiveMember)
    }

    /// Offset lag, never negative; nil without a committed offset or log end.
    public var lag: Int64? {
        guard let committed, let logEnd else { return nil }
        return max(0, logEnd - committed)
    }
}

/// The sliding-window state of one partition of one group: the last `windowSize` evaluable
/// samples, and since when the committed offset has been stuck with lag > 0.
///
/// `stuckSince` outlives the window on purpose: STOP is judged on elapsed time (which can be
/// much longer than a window), STALL/WARN on the window's samples.
public struct PartitionHistory: Sendable, Hashable {
    /// Evaluable samples (committed and log end known), oldest first.
    public private(set) var window: [LagSample] = []
    /// Time of the first sample of the current run with this same committed offset and lag > 0.
    public private(set) var stuckSince: Date?

    public init() {}

    /// Adds `sample` and returns the partition's status under the rules of docs/lag.md.
    public mutating func add(_ sample: LagSample, configuration: LagEvaluator.Configuration) -> LagStatus {
        // Rule 1 — ERR: nothing to judge; the history is kept as it was.
        guard sample.logEnd != nil else { return .err }
        // Rule 2 — no committed offset: nothing consumed yet (or offsets expired); OK, history reset.
        guard let committed = sample.committed, let lag = sample.lag else {
            window.removeAll()
            stuckSince = nil
            return .ok
        }
        if lag == 0 {
            stuckSince = nil
        } else if let prev = window.last, prev.committed == committed, (prev.lag ?? 0) > 0 {
            if stuckSince == nil { stuckSince = prev.time }
        } else {
            stuckSince = sample.time
        }
        window.append(sample)
        if window.count > configuration.windowSize { window.removeFirst(window.count - configuration.windowSize) }
        return Self.status(window: window, stuckSince: stuckSince, current: sample, configuration: configuration)
    }

    /// The rules, in order (first match wins), over a window whose last element is `current`.
    static func status(
        window w: [LagSample], stuckSince: Date?, current: LagSample, configuration: LagEvaluator.Configuration
    ) -> LagStatus {
        let lags = w.map { $0.lag ?? 0 }
        let committed = w.map { $0.committed ?? 0 }
        // Rule 3 — OK: some sample in the window had zero lag (Burrow's rule: a consumer that
        // caught up within the window is keeping up; bursts of production are not an alarm).
        if lags.contains(0) { return .ok }
        // Rule 4 — REWIND: the committed offset went backwards between two samples in the window.
        if zip(committed, committed.dropFirst()).contains(where: { $1 < $0 }) { return .rewind }
        // Rule 5 — STOP: nobody owns the partition, and its committed offset has not moved, with
        // lag > 0, for at least `stopAfter` (time-based: Kafka exposes no commit timestamps).
        if !current.ownedByLiveMember, let since = stuckSince,
            current.time.timeIntervalSince(since) >= configuration.stopAfter.inSeconds
        {
            return .stop
        }
        // Rules 6 and 7 judge movement and need a full window.
        guard w.count >= configuration.windowSize, let first = committed.first, let last = committed.last else {
            return .ok
        }
        // Rule 6 — STALL: a live member owns it, yet the committed offset did not move over the window.
        if current.ownedByLiveMember && first == last { return .stall }
        // Rule 7 — WARN: the committed offset advanced, but the lag never shrank between two
        // samples and ended higher than it started: the consumer is falling behind.
        if last > first, zip(lags, lags.dropFirst()).allSatisfy({ $1 >= $0 }), lags.last! > lags.first! {
            return .warn
        }
        // Rule 8 — OK.
        return .ok
    }
}

/// Burrow-style status evaluation over a sliding window of samples, per (group, partition).
///
/// A pure, deterministic state machine: feed it one `LagSample` per partition per evaluation
/// and it returns that partition's `LagStatus`. It reads no clock and does no I/O; times come in
/// the samples. The rules are documented in docs/lag.md (and in `PartitionHistory.status`).
public struct LagEvaluator: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// How many evaluations STALL and WARN look back over (Burrow's `intervals`, default 10).
        public var windowSize: Int
        /// How long the committed offset must stay fixed with lag > 0 and no live owner before
        /// the partition is STOP. Shorter stops are taken for rebalances or restarts.
        public var stopAfter: Duration

        public init(windowSize: Int = 10, stopAfter: Duration = .seconds(300)) {
            self.windowSize = max(2, windowSize)
            self.stopAfter = stopAfter
        }
    }

    /// A partition of a group.
    public struct Key: Sendable, Hashable, Comparable {
        public var group: String
        public var partition: TopicPartition
        public init(group: String, partition: TopicPartition) {
            self.group = group
            self.partition = partition
        }
        public static func < (a: Key, b: Key) -> Bool { (a.group, a.partition) < (b.group, b.partition) }
    }

    public let configuration: Configuration
    private var histories: [Key: PartitionHistory] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Records `sample` for `key` and returns the partition's status.
    public mutating func evaluate(_ key: Key, _ sample: LagSample) -> LagStatus {
        histories[key, default: PartitionHistory()].add(sample, configuration: configuration)
    }

    /// The history of `key` (empty when never seen or forgotten).
    public func history(_ key: Key) -> PartitionHistory { histories[key] ?? PartitionHistory() }

    /// Keeps only the histories for which `keep` is true (partitions and groups that disappeared
    /// must not come back with stale windows, nor grow memory forever).
    public mutating func retain(where keep: (Key) -> Bool) {
        histories = histories.filter { keep($0.key) }
    }

    public var keys: [Key] { histories.keys.sorted() }

    /// A group's status: the most severe of its partitions' (OK when it has none).
    public static func groupStatus<S: Sequence<LagStatus>>(_ statuses: S) -> LagStatus {
        statuses.max() ?? .ok
    }
}
