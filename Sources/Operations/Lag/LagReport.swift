import Foundation
import Kafka

/// The lag of one partition for one group at one evaluation: the numbers `tally lag` prints,
/// the exporter serves and the evaluator judges.
///
/// JSON (`--format json`) writes every field, with `null` where a value does not exist (no
/// committed offset → `committedOffset`, `offsetLag` and `timeLagSeconds` are null, never -1).
public struct PartitionLag: Sendable, Hashable, Encodable {
    public var topic: String
    public var partition: Int32
    /// The group's committed offset (next offset to process); nil when none.
    public var committedOffset: Int64?
    /// Low watermark: the first retained offset; nil when it could not be read.
    public var logStartOffset: Int64?
    /// High watermark: the offset the next produced record gets; nil when it could not be read.
    public var logEndOffset: Int64?
    /// `logEnd − committed`, never negative; nil without a committed offset.
    public var offsetLag: Int64?
    /// Now − timestamp of the oldest unprocessed record (the one at the committed offset, or at
    /// the log start when the committed offset was deleted by retention); 0 when caught up; nil
    /// without a committed offset or when that record could not be read in time.
    public var timeLagSeconds: Double?
    /// The offset of the record whose timestamp gave `timeLagSeconds`.
    public var oldestUnprocessedOffset: Int64?
    /// That record's timestamp (ms since the epoch).
    public var oldestUnprocessedTimestampMs: Int64?
    /// The committed offset is below the log start: records in between were deleted by retention
    /// and will never be processed (the consumer will reset per its `auto.offset.reset`).
    public var committedBelowLogStart: Bool
    /// The member id of the live member that owns this partition, if any.
    public var owner: String?
    public var status: LagStatus
    /// Why a value is missing or flagged, for people (e.g. "no committed offset").
    public var note: String?
    /// What failed when the partition could not be evaluated (status ERR) or its record read.
    public var error: String?

    public var topicPartition: TopicPartition { TopicPartition(topic, partition) }

    public init(
        topic: String, partition: Int32, committedOffset: Int64?, logStartOffset: Int64?, logEndOffset: Int64?,
        offsetLag: Int64?, timeLagSeconds: Double?, oldestUnprocessedOffset: Int64?,
        oldestUnprocessedTimestampMs: Int64?,
        committedBelowLogStart: Bool, owner: String?, status: LagStatus, note: String?, error: String?
    ) {
        self.topic = topic
        self.partition = partition
        self.committedOffset = committedOffset
        self.logStartOffset = logStartOffset
        self.logEndOffset = logEndOffset
        self.offsetLag = offsetLag
        self.timeLagSeconds = timeLagSeconds
        self.oldestUnprocessedOffset = oldestUnprocessedOffset
        self.oldestUnprocessedTimestampMs = oldestUnprocessedTimestampMs
        self.committedBelowLogStart = committedBelowLogStart
        self.owner = owner
        self.status = status
        self.note = note
        self.error = error
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeStoredProperties(of: self, replacing: ["timeLagSeconds": timeLagSeconds.map(LagMath.rounded)])
    }
}

/// The lag of one consumer group at one evaluation.
public struct GroupLag: Sendable, Hashable, Encodable {
    public var group: String
    /// The coordinator's group state (`Stable`, `Empty`, `PreparingRebalance`, `Dead` …).
    public var state: String
    /// When the numbers were read; time lags are relative to this instant.
    public var evaluatedAt: Date
    public var members: [GroupMember]
    public var partitions: [PartitionLag]
    /// Worst partition status, or ERR when the group itself could not be evaluated.
    public var status: LagStatus
    /// Sum of the partitions' offset lags (partitions without a committed offset count 0).
    public var totalOffsetLag: Int64
    /// Largest partition time lag; nil when no partition has one.
    public var maxTimeLagSeconds: Double?
    /// What failed when the group could not be evaluated.
    public var error: String?
    /// Things worth knowing that are not errors (e.g. a committed topic that no longer exists).
    public var warnings: [String]

    public init(
        group: String, state: String, evaluatedAt: Date, members: [GroupMember], partitions: [PartitionLag],
        status: LagStatus, error: String? = nil, warnings: [String] = []
    ) {
        self.group = group
        self.state = state
        self.evaluatedAt = evaluatedAt
        self.members = members
        self.partitions = partitions
        self.status = status
        self.error = error
        self.warnings = warnings
        self.totalOffsetLag = partitions.reduce(0) { $0 + ($1.offsetLag ?? 0) }
        self.maxTimeLagSeconds = partitions.compactMap(\.timeLagSeconds).max()
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeStoredProperties(
            of: self,
            replacing: [
                "evaluatedAt": Timestamps.format(evaluatedAt),
                "maxTimeLagSeconds": maxTimeLagSeconds.map(LagMath.rounded),
            ])
    }
}

/// The arithmetic of a partition's lag, separate from Kafka so that the edge cases (no commit,
/// caught up, committed below the log start or above the log end, clock skew) are unit-tested.
public enum LagMath {
    /// `logEnd − committed`, clamped at 0 (a committed offset above the log end — e.g. after a
    /// topic was recreated — is not "negative lag"); nil without a committed offset.
    public static func offsetLag(committed: Int64?, logEnd: Int64) -> Int64? {
        guard let committed else { return nil }
        return max(0, logEnd - committed)
    }

    /// Which record's timestamp gives the time lag: the committed offset's, or the log start's
    /// when the committed offset was deleted; nil when no record needs reading (no committed
    /// offset, or caught up — time lag is then 0 without a read).
    public static func probeOffset(committed: Int64?, logStart: Int64, logEnd: Int64) -> Int64? {
        guard let committed, committed < logEnd else { return nil }
        return max(committed, logStart)
    }

    /// Seconds from the record's timestamp to `now`, clamped at 0 (producer clocks ahead of ours).
    public static func timeLag(recordTimestampMs: Int64, now: Date) -> Double {
        max(0, (Double(Timestamps.milliseconds(now)) - Double(recordTimestampMs)) / 1000)
    }

    /// Millisecond precision for output: more digits would only show float noise.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
