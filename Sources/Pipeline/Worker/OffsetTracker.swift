import Foundation
import Kafka

/// Which offsets are safe to commit: per partition, the highest contiguous offset whose outputs
/// were all acknowledged by the broker (+1, Kafka's "next offset" convention).
///
/// Records of a partition are processed in parallel and finish in any order; the tracker lets
/// the commit advance only over a gap-free prefix of finished records, so a crash never skips an
/// article whose metrics were not yet written. Thread-safe: the poll thread registers records,
/// worker queues set output counts, the producer's thread acknowledges.
public final class OffsetTracker: @unchecked Sendable {
    private let lock = NSCondition()
    private var partitions: [TopicPartition: PartitionState] = [:]
    private var inFlightTotal = 0
    private var inFlightBytesTotal = 0

    struct PartitionState {
        static let unknown = -1
        /// Dispatched offsets in dispatch (= increasing) order, from `head`.
        var queue: [Int64] = []
        var head = 0
        /// Outputs still unacknowledged per dispatched offset; `unknown` until processing says how many.
        var remaining: [Int64: Int] = [:]
        var bytes: [Int64: Int] = [:]
        /// Highest offset ever dispatched (duplicates from a re-fetch are dropped).
        var highestDispatched: Int64 = -1
        /// Next offset to commit, once something finished.
        var committable: Int64?
        var lastCommitted: Int64?
        /// An output of this offset failed: the commit must never pass it.
        var failedAt: Int64?

        mutating func advance() {
            while head < queue.count, remaining[queue[head]] == 0 {
                remaining[queue[head]] = nil
                committable = queue[head] + 1
                head += 1
            }
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
    }

    public init() {}

    /// Starts tracking a partition (on assignment). Resets any previous state for it.
    public func assign(_ tps: [TopicPartition]) {
        lock.lock()
        defer { lock.unlock() }
        for tp in tps { partitions[tp] = PartitionState() }
    }

    /// Stops tracking partitions (after revocation). In-flight records of them are forgotten:
    /// their late acknowledgements are ignored.
    public func remove(_ tps: [TopicPartition]) {
        lock.lock()
        defer { lock.unlock() }
        for tp in tps {
            if let st = partitions.removeValue(forKey: tp) {
                inFlightTotal -= st.queue.count - st.head
                inFlightBytesTotal -= st.bytes.values.reduce(0, +)
            }
        }
        lock.broadcast()
    }

    /// Registers a polled record before it is processed. Returns false (and tracks nothing) for
    /// a record already dispatched — a re-fetch after pause/resume or seek — or of an untracked partition.
    public func begin(_ tp: TopicPartition, offset: Int64, bytes: Int = 0) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard var st = partitions[tp], offset > st.highestDispatched else { return false }
        st.highestDispatched = offset
        st.queue.append(offset)
        st.remaining[offset] = PartitionState.unknown
        st.bytes[offset] = bytes
        partitions[tp] = st
        inFlightTotal += 1
        inFlightBytesTotal += bytes
        return true
    }

    /// Processing of the record produced `count` outputs to await (0: it is done now).
    public func expect(_ tp: TopicPartition, offset: Int64, outputs count: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard var st = partitions[tp], st.remaining[offset] == PartitionState.unknown else { return }
        st.remaining[offset] = count
        if count == 0 { finish(&st, offset) }
        st.advance()
        partitions[tp] = st
    }

    /// One output of the record was acknowledged by the broker.
    public func acknowledge(_ tp: TopicPartition, offset: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard var st = partitions[tp], let left = st.remaining[offset], left > 0 else { return }
        st.remaining[offset] = left - 1
        if left == 1 {
            finish(&st, offset)
            st.advance()
        }
        partitions[tp] = st
    }

    /// An output of the record could not be delivered: this partition's commits stop before it.
    public func fail(_ tp: TopicPartition, offset: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard var st = partitions[tp] else { return }
        st.failedAt = min(st.failedAt ?? offset, offset)
        partitions[tp] = st
    }

    private func finish(_ st: inout PartitionState, _ offset: Int64) {
        inFlightTotal -= 1
        inFlightBytesTotal -= st.bytes.removeValue(forKey: offset) ?? 0
        lock.broadcast()
    }

    /// Offsets that moved since the last `markCommitted`: what to commit now. With
    /// `includeCommitted`, also those already committed (a final synchronous commit re-sends
    /// them in case an asynchronous one failed).
    public func pendingCommits(for only: Set<TopicPartition>? = nil, includeCommitted: Bool = false)
        -> [TopicPartitionOffset]
    {
        lock.lock()
        defer { lock.unlock() }
        return partitions.compactMap { tp, st in
            guard only?.contains(tp) ?? true, let c = st.committable, includeCommitted || c != st.lastCommitted else {
                return nil
            }
            if let f = st.failedAt, c > f { return nil }  // never past a failed record
            return TopicPartitionOffset(tp, offset: c)
        }.sorted { $0.topicPartition < $1.topicPartition }
    }

    /// Records that `offsets` were committed.
    public func markCommitted(_ offsets: [TopicPartitionOffset]) {
        lock.lock()
        defer { lock.unlock() }
        for o in offsets { partitions[o.topicPartition]?.lastCommitted = o.offset }
    }

    /// The next offset to read per tracked partition (after what was dispatched), for resuming
    /// exactly where dispatch stopped.
    public func resumePositions() -> [TopicPartitionOffset] {
        lock.lock()
        defer { lock.unlock() }
        return partitions.compactMap { tp, st in
            st.highestDispatched >= 0 ? TopicPartitionOffset(tp, offset: st.highestDispatched + 1) : nil
        }
    }

    public var inFlight: Int {
        lock.lock()
        defer { lock.unlock() }
        return inFlightTotal
    }

    public var inFlightBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return inFlightBytesTotal
    }

    public var hasFailure: Bool {
        lock.lock()
        defer { lock.unlock() }
        return partitions.values.contains { $0.failedAt != nil }
    }

    /// Waits until no record of `tps` (all partitions when nil) is in flight, or `timeout`.
    /// Returns whether they drained.
    @discardableResult
    public func waitUntilDrained(_ tps: Set<TopicPartition>? = nil, timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.inSeconds)
        lock.lock()
        defer { lock.unlock() }
        while true {
            let busy = partitions.contains { tp, st in
                (tps?.contains(tp) ?? true) && st.head < st.queue.count && st.failedAt == nil
            }
            if !busy { return true }
            if !lock.wait(until: deadline) { return false }
        }
    }

    public var trackedPartitions: [TopicPartition] {
        lock.lock()
        defer { lock.unlock() }
        return partitions.keys.sorted()
    }
}
