import Foundation
import Kafka

/// What the operator asked to replay, before it is resolved against the cluster: where to start,
/// where to stop, which partitions.
///
/// Contract (the semantics `docs/replay.md` documents):
/// - Every range is a half-open offset range per partition, `[start, end)`: the start is
///   replayed, the end is not.
/// - `--from T` starts at the first offset whose record timestamp is ≥ T (Kafka's
///   offsets-for-times); `--to T` ends *before* the first offset whose timestamp is ≥ T. No
///   record at or after T: the start / end is the high watermark.
/// - `--from-offset N` / `--to-offset M` apply to every selected partition; `P:N,P:N` lists
///   give each partition its own offset (this is the form a resume command uses) and select
///   exactly the partitions listed.
/// - No end given: the high watermark when the range is resolved (records produced while the
///   replay runs are not part of it: the live workers process those).
/// - Everything is resolved ONCE, by `resolve`; nothing is re-resolved during the replay.
public struct ReplayRange: Sendable, Hashable {
    public enum Start: Sendable, Hashable, CustomStringConvertible {
        /// `--from`: the first record at or after this instant.
        case time(Date)
        /// `--from-offset N`: the same offset in every selected partition.
        case offset(Int64)
        /// `--from-offset P:N,…` (alias `--resume-from`): an offset per partition.
        case offsets([Int32: Int64])

        public var description: String {
            switch self {
            case .time(let d): return "--from \(Timestamps.format(d))"
            case .offset(let n): return "--from-offset \(n)"
            case .offsets(let m): return "--from-offset \(ReplayRange.formatList(m))"
            }
        }
    }

    public enum End: Sendable, Hashable, CustomStringConvertible {
        /// No end given: the high watermark at resolution.
        case highWatermark
        /// `--to`: before the first record at or after this instant.
        case time(Date)
        /// `--to-offset M` (exclusive), every selected partition.
        case offset(Int64)
        /// `--to-offset P:M,…` (exclusive), per partition.
        case offsets([Int32: Int64])

        public var description: String {
            switch self {
            case .highWatermark: return "high watermark"
            case .time(let d): return "--to \(Timestamps.format(d))"
            case .offset(let n): return "--to-offset \(n)"
            case .offsets(let m): return "--to-offset \(ReplayRange.formatList(m))"
            }
        }
    }

    public var start: Start
    public var end: End
    /// `--partitions`: nil means every partition of the topic (or those of an offset list).
    public var partitions: [Int32]?

    public init(start: Start, end: End = .highWatermark, partitions: [Int32]? = nil) {
        self.start = start
        self.end = end
        self.partitions = partitions
    }

    /// Checks what can be checked without the cluster: negative offsets, an end before the start,
    /// per-partition lists that disagree with each other or with `--partitions`.
    public func validate() throws(OperationsError) {
        if let ps = partitions {
            if ps.isEmpty { throw .invalidArgument("--partitions needs at least one partition") }
            if let bad = ps.first(where: { $0 < 0 }) {
                throw .invalidArgument("partition \(bad) is not a partition number")
            }
            if Set(ps).count != ps.count { throw .invalidArgument("--partitions lists a partition twice") }
        }
        switch start {
        case .offset(let n) where n < 0: throw .invalidArgument("--from-offset must be ≥ 0, got \(n)")
        case .offsets(let m):
            if m.isEmpty { throw .invalidArgument("--from-offset list is empty") }
            if let bad = m.first(where: { $0.value < 0 }) {
                throw .invalidArgument("--from-offset \(bad.key):\(bad.value) must be ≥ 0")
            }
        default: break
        }
        switch end {
        case .offset(let n) where n < 0: throw .invalidArgument("--to-offset must be ≥ 0, got \(n)")
        case .offsets(let m):
            if m.isEmpty { throw .invalidArgument("--to-offset list is empty") }
            if let bad = m.first(where: { $0.value < 0 }) {
                throw .invalidArgument("--to-offset \(bad.key):\(bad.value) must be ≥ 0")
            }
        default: break
        }
        // The lists, when given, fix the partition set: the other lists must name the same ones.
        let listed: [(String, Set<Int32>)] =
            [
                { if case .offsets(let m) = start { return ("--from-offset", Set(m.keys)) } else { return nil } }(),
                { if case .offsets(let m) = end { return ("--to-offset", Set(m.keys)) } else { return nil } }(),
                partitions.map { ("--partitions", Set($0)) },
            ].compactMap { $0 }
        if let first = listed.first, let other = listed.dropFirst().first(where: { $0.1 != first.1 }) {
            throw .invalidArgument(
                "\(first.0) names partitions \(Self.formatSet(first.1)) but \(other.0) names \(Self.formatSet(other.1)); they must agree"
            )
        }
        switch (start, end) {
        case (.time(let a), .time(let b)) where b < a:
            throw .invalidArgument("--to \(Timestamps.format(b)) is before --from \(Timestamps.format(a))")
        case (.offset(let a), .offset(let b)) where b < a:
            throw .invalidArgument("--to-offset \(b) is before --from-offset \(a) (the end is exclusive)")
        case (.offsets(let a), .offsets(let b)):
            if let bad = a.keys.sorted().first(where: { b[$0]! < a[$0]! }) {
                throw .invalidArgument("partition \(bad): --to-offset \(b[bad]!) is before --from-offset \(a[bad]!)")
            }
        default: break
        }
    }

    /// The partitions this range names explicitly (`--partitions` or an offset list), sorted; nil: all.
    public var explicitPartitions: [Int32]? {
        if case .offsets(let m) = start { return m.keys.sorted() }
        if case .offsets(let m) = end { return m.keys.sorted() }
        return partitions?.sorted()
    }

    // MARK: Resolution (pure)

    /// What the cluster said about one partition, read once when the replay starts.
    public struct PartitionFacts: Sendable, Hashable {
        public var partition: Int32
        public var watermarks: Watermarks
        /// For `.time` starts: the offsets-for-times answer (`KafkaOffset.end` when no record is that recent).
        public var startForTime: Int64?
        /// For `.time` ends: the same for the end instant.
        public var endForTime: Int64?

        public init(partition: Int32, watermarks: Watermarks, startForTime: Int64? = nil, endForTime: Int64? = nil) {
            self.partition = partition
            self.watermarks = watermarks
            self.startForTime = startForTime
            self.endForTime = endForTime
        }
    }

    /// Turns the request into offsets, partition by partition, clamping into the retained range
    /// `[low, high]` and saying so in each partition's notes.
    ///
    /// - A start below the log start (deleted by retention) starts at the log start: `.toLogStart`.
    ///   For a time start this is reported when the answer IS the log start of a partition that
    ///   has lost records (`low > 0`): the instant may predate what is retained.
    /// - A start or end above the high watermark is the high watermark: `.toLogEnd`.
    /// - An end below the log start empties the range (`.toLogStart`).
    public func resolve(_ facts: [PartitionFacts]) -> [ReplayPlan.Partition] {
        facts.sorted { $0.partition < $1.partition }.map { f in
            let low = f.watermarks.low
            let high = f.watermarks.high
            var notes: [String] = []
            var startClamp: ReplayPlan.Clamp?
            var endClamp: ReplayPlan.Clamp?
            var requestedStart: Int64?
            var requestedEnd: Int64?

            var start: Int64
            switch self.start {
            case .time(let t):
                let answer = f.startForTime ?? KafkaOffset.end
                if answer < 0 {
                    start = high
                    if high > low {
                        notes.append("no record at or after --from \(Timestamps.format(t)): nothing to replay")
                    }
                } else {
                    start = min(max(answer, low), high)
                    if start == low && low > 0 && high > low {
                        startClamp = .toLogStart
                        notes.append(
                            "start clamped to the earliest retained offset \(low): records before it were deleted by retention, "
                                + "so --from \(Timestamps.format(t)) may predate what can be replayed")
                    }
                }
            case .offset, .offsets:
                let n: Int64 =
                    switch self.start {
                    case .offset(let n): n
                    case .offsets(let m): m[f.partition] ?? low
                    default: low
                    }
                requestedStart = n
                start = n
                if n < low {
                    start = low
                    startClamp = .toLogStart
                    notes.append(
                        "start \(n) clamped to the earliest retained offset \(low) (offsets \(n)..<\(low) were deleted by retention)"
                    )
                } else if n > high {
                    start = high
                    startClamp = .toLogEnd
                    notes.append("start \(n) clamped to the log end \(high): nothing to replay")
                }
            }

            var end: Int64
            switch self.end {
            case .highWatermark:
                end = high
            case .time:
                let answer = f.endForTime ?? KafkaOffset.end
                end = answer < 0 ? high : min(max(answer, low), high)
            case .offset, .offsets:
                let m: Int64 =
                    switch self.end {
                    case .offset(let m): m
                    case .offsets(let map): map[f.partition] ?? high
                    default: high
                    }
                requestedEnd = m
                end = m
                if m > high {
                    end = high
                    endClamp = .toLogEnd
                    notes.append("end \(m) clamped to the log end \(high)")
                } else if m < low {
                    end = low
                    endClamp = .toLogStart
                    notes.append("end \(m) is below the earliest retained offset \(low): nothing to replay")
                }
            }
            if end < start { end = start }
            return ReplayPlan.Partition(
                partition: f.partition, start: start, end: end, logStart: low, logEnd: high,
                requestedStart: requestedStart, requestedEnd: requestedEnd, startClamp: startClamp, endClamp: endClamp,
                notes: notes)
        }
    }

    // MARK: Offset lists

    /// Parses `--from-offset` / `--to-offset` text: `N` (every partition) or `P:N[,P:N…]`.
    public static func parseOffsets(_ text: String, option: String) throws(OperationsError) -> OffsetSpec {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(t) {
            guard n >= 0 else { throw .invalidArgument("\(option) must be ≥ 0, got \(n)") }
            return .all(n)
        }
        var map: [Int32: Int64] = [:]
        for item in t.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let p = Int32(parts[0].trimmingCharacters(in: .whitespaces)), p >= 0,
                let n = Int64(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0
            else {
                throw .invalidArgument(
                    "\(option) expects an offset N or a list PARTITION:OFFSET[,PARTITION:OFFSET…] such as 0:120,3:98 (got '\(text)')"
                )
            }
            guard map.updateValue(n, forKey: p) == nil else {
                throw .invalidArgument("\(option) lists partition \(p) twice")
            }
        }
        return .perPartition(map)
    }

    /// An offset option's value: one offset for all partitions, or one per partition.
    public enum OffsetSpec: Sendable, Hashable {
        case all(Int64)
        case perPartition([Int32: Int64])
    }

    /// Parses `--partitions 0,3` (also `0-3` ranges).
    public static func parsePartitions(_ text: String) throws(OperationsError) -> [Int32] {
        var out: [Int32] = []
        for item in text.split(separator: ",") {
            let s = item.trimmingCharacters(in: .whitespaces)
            if let dash = s.firstIndex(of: "-"), dash != s.startIndex, let a = Int32(s[..<dash]),
                let b = Int32(s[s.index(after: dash)...]),
                a >= 0, a <= b
            {
                out.append(contentsOf: a...b)
            } else if let p = Int32(s), p >= 0 {
                out.append(p)
            } else {
                throw .invalidArgument("--partitions expects partition numbers like 0,3 or 0-3 (got '\(text)')")
            }
        }
        guard !out.isEmpty else { throw .invalidArgument("--partitions needs at least one partition") }
        return out
    }

    /// `0:120,3:98` (partition order): the per-partition form of the offset options.
    public static func formatList(_ offsets: [Int32: Int64]) -> String {
        offsets.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
    }

    static func formatSet(_ s: Set<Int32>) -> String { s.sorted().map(String.init).joined(separator: ",") }
}
