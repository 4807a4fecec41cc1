import Foundation
import Kafka

/// A replay resolved to offsets: per partition `[start, end)`, fixed when the replay starts.
///
/// Contract: `partitions` are in partition order; `start ≤ end`; both lie in the retained range
/// seen at resolution (`logStart…logEnd`). `records` is `end − start`, an upper bound of the
/// articles read: compaction and transaction markers can leave offsets without a record. The
/// plan is what `--dry-run` prints, what the runner executes, and what the summary reports
/// against. It never changes once made.
public struct ReplayPlan: Sendable, Hashable, Encodable {
    /// How a requested offset was moved into the retained range.
    public enum Clamp: String, Sendable, Hashable, Encodable {
        /// Below the earliest retained offset (deleted by retention): moved up to it.
        case toLogStart
        /// Above the high watermark: moved down to it.
        case toLogEnd
    }

    public struct Partition: Sendable, Hashable, Encodable {
        public var partition: Int32
        /// First offset replayed.
        public var start: Int64
        /// First offset NOT replayed (exclusive).
        public var end: Int64
        /// The retained range when resolved.
        public var logStart: Int64
        public var logEnd: Int64
        /// The offsets asked for (offset forms only), before clamping.
        public var requestedStart: Int64?
        public var requestedEnd: Int64?
        public var startClamp: Clamp?
        public var endClamp: Clamp?
        /// What a person should know about this partition's range (clamping, emptiness).
        public var notes: [String]

        public init(
            partition: Int32, start: Int64, end: Int64, logStart: Int64, logEnd: Int64, requestedStart: Int64? = nil,
            requestedEnd: Int64? = nil, startClamp: Clamp? = nil, endClamp: Clamp? = nil, notes: [String] = []
        ) {
            self.partition = partition
            self.start = start
            self.end = end
            self.logStart = logStart
            self.logEnd = logEnd
            self.requestedStart = requestedStart
            self.requestedEnd = requestedEnd
            self.startClamp = startClamp
            self.endClamp = endClamp
            self.notes = notes
        }

        /// Offsets in the range (an upper bound of the records in it).
        public var records: Int64 { end - start }
        public var isEmpty: Bool { end <= start }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeStoredProperties(of: self, adding: ["records": records])
        }
    }

    /// The raw topic read.
    public var topic: String
    public var outputTopic: String
    public var deadLetterTopic: String
    /// The request, for the record (`--from 2026-11-01T00:00:00.000Z`, `high watermark` …).
    public var range: ReplayRange
    /// When the offsets were resolved.
    public var resolvedAt: Date
    public var partitions: [Partition]
    /// Problems found while planning that do not stop a dry run (e.g. a missing output topic).
    public var warnings: [String]

    public init(
        topic: String, outputTopic: String, deadLetterTopic: String, range: ReplayRange, resolvedAt: Date,
        partitions: [Partition], warnings: [String] = []
    ) {
        self.topic = topic
        self.outputTopic = outputTopic
        self.deadLetterTopic = deadLetterTopic
        self.range = range
        self.resolvedAt = resolvedAt
        self.partitions = partitions
        self.warnings = warnings
    }

    /// Offsets to replay over all partitions.
    public var records: Int64 { partitions.reduce(0) { $0 + $1.records } }
    /// Partitions with something to replay.
    public var active: [Partition] { partitions.filter { !$0.isEmpty } }
    public var starts: [Int32: Int64] { Dictionary(uniqueKeysWithValues: partitions.map { ($0.partition, $0.start) }) }
    public var ends: [Int32: Int64] { Dictionary(uniqueKeysWithValues: partitions.map { ($0.partition, $0.end) }) }

    enum CodingKeys: String, CodingKey {
        case topic, outputTopic, deadLetterTopic, from, to, resolvedAt, records, partitions, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(topic, forKey: .topic)
        try c.encode(outputTopic, forKey: .outputTopic)
        try c.encode(deadLetterTopic, forKey: .deadLetterTopic)
        try c.encode(range.start.description, forKey: .from)
        try c.encode(range.end.description, forKey: .to)
        try c.encode(Timestamps.format(resolvedAt), forKey: .resolvedAt)
        try c.encode(records, forKey: .records)
        try c.encode(partitions, forKey: .partitions)
        try c.encode(warnings, forKey: .warnings)
    }

    /// The plan for a person: header, one row per partition (`from → to`, records, retained
    /// range), then every note and warning. `dryRun` adds the banner saying nothing was done.
    public func render(dryRun: Bool) -> String {
        var out: [String] = []
        if dryRun { out.append("DRY RUN: offsets resolved; nothing was read and nothing was produced.") }
        out.append("replay \(topic) → \(outputTopic) (dead letters → \(deadLetterTopic))")
        let endText: String =
            switch range.end {
            case .highWatermark: "the high watermark at \(Timestamps.format(resolvedAt))"
            default: range.end.description
            }
        out.append("range: \(range.start.description) (inclusive) up to \(endText) (exclusive)")
        var table = TextTable(["PARTITION", "FROM", "TO (excl.)", "RECORDS", "RETAINED", "NOTE"])
        for p in partitions {
            table.append([
                String(p.partition), String(p.start), String(p.end), String(p.records), "\(p.logStart)..<\(p.logEnd)",
                p.notes.isEmpty ? "" : (p.startClamp != nil || p.endClamp != nil ? "clamped" : "see below"),
            ])
        }
        out.append(table.render())
        out.append("total: \(records) record(s) in \(active.count) of \(partitions.count) partition(s)")
        for p in partitions { for n in p.notes { out.append("note: partition \(p.partition): \(n)") } }
        for w in warnings { out.append("warning: \(w)") }
        return out.joined(separator: "\n")
    }
}
