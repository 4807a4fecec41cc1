import Foundation
import Kafka

/// What `tally offsets reset` will do (dry run) or did (`--execute`), partition by partition.
///
/// Contract: `rows` are in partition order; `new == nil` means "left unchanged" (and `note`
/// says why); `clamped` says when the requested offset fell outside the retained range and was
/// moved to its nearest end. `changes` is exactly what `--execute` writes.
public struct OffsetResetPlan: Sendable, Hashable, Encodable {
    public enum Clamp: String, Sendable, Hashable, Encodable {
        /// The requested offset was below the log start; the log start is used.
        case toLogStart
        /// The requested offset was above the log end; the log end is used.
        case toLogEnd
    }

    public struct Row: Sendable, Hashable, Encodable {
        public var partition: Int32
        /// The committed offset before the reset; nil: the group has none ("none").
        public var current: Int64?
        public var logStart: Int64
        public var logEnd: Int64
        /// The offset the mode asked for, before clamping; nil when the partition is skipped.
        public var requested: Int64?
        /// The offset to commit; nil when the partition is left unchanged.
        public var new: Int64?
        public var clamped: Clamp?
        public var note: String?

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeStoredProperties(of: self)
        }
    }

    public var group: String
    public var topic: String
    public var target: OffsetResetTarget
    /// For `datetime` and `duration`: the instant the offsets were looked up for.
    public var resolvedTime: Date?
    public var rows: [Row]
    /// The group's live members when the plan was made (non-empty: `--execute` will refuse).
    public var activeMembers: [GroupMember]
    /// True once applied (and read back) by `ConsumerGroupOffsets.execute`.
    public var executed: Bool = false

    /// The offsets `--execute` commits: every row with a new offset.
    public var changes: [TopicPartitionOffset] {
        rows.compactMap { r in r.new.map { TopicPartitionOffset(topic, r.partition, offset: $0) } }
    }

    /// Rows whose requested offset was clamped into the retained range.
    public var clampedRows: [Row] { rows.filter { $0.clamped != nil } }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeStoredProperties(
            of: self, replacing: ["target": target.description, "resolvedTime": resolvedTime.map(Timestamps.format)],
            adding: ["dryRun": !executed])
    }
}

/// A group's committed offsets next to each partition's retained range (`tally offsets show`).
public struct GroupOffsets: Sendable, Hashable, Encodable {
    public struct Row: Sendable, Hashable, Encodable {
        public var topic: String
        public var partition: Int32
        /// nil: no committed offset ("none").
        public var committed: Int64?
        public var logStart: Int64?
        public var logEnd: Int64?
        /// `logEnd − committed`, never negative; nil without a committed offset.
        public var lag: Int64?
        public var error: String?

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeStoredProperties(of: self)
        }
    }

    public var group: String
    public var state: String
    public var members: [GroupMember]
    public var rows: [Row]
    public var warnings: [String]
}
