import Foundation
import Kafka
import Logging

/// Reads and resets a consumer group's committed offsets: the library behind `tally offsets`.
///
/// A reset is two steps on purpose — `planReset` (what `tally offsets reset` prints as a dry
/// run) and `execute` (what `--execute` adds) — so that what is applied is exactly what was
/// shown. `execute` refuses while the group has live members: the broker would reject the
/// change anyway (`UNKNOWN_MEMBER_ID`), and a running consumer would overwrite it with its
/// next commit. Stop the consumers first.
public final class ConsumerGroupOffsets: Sendable {
    private let admin: KafkaAdmin
    private let reader: GroupReader
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - config: the cluster connection (any `group.id` in it is ignored).
    ///   - requestTimeout: bound of each admin request.
    ///   - clock: "now" for `--by-duration`; tests may inject one.
    public init(
        config: KafkaConfig, requestTimeout: Duration = .seconds(10),
        logger: Logger = StderrLogger.make("tally.offsets"),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(OperationsError) {
        let admin = try OperationsError.step("connect admin client") { try KafkaAdmin(config: config, logger: logger) }
        self.admin = admin
        self.reader = GroupReader(admin: admin, timeout: requestTimeout)
        self.clock = clock
    }

    // MARK: Show

    /// The group's committed offsets, per partition of `topic` — or of every topic it has
    /// committed offsets for or has assigned to a member — with each partition's retained range.
    public func show(group: String, topic: String? = nil) throws(OperationsError) -> GroupOffsets {
        let (state, members) = try reader.describe(group)
        var warnings: [String] = []
        var partitions: [TopicPartition] = []
        if let topic {
            partitions = try reader.partitions(of: topic)
        } else {
            let topics = Set(try reader.committedTopics(group)).union(members.flatMap { $0.assignment.map(\.topic) })
            for t in topics.sorted() {
                do throws(OperationsError) {
                    partitions += try reader.partitions(of: t)
                } catch .notFound {
                    warnings.append("topic '\(t)' has committed offsets of this group but no longer exists")
                }
            }
            if partitions.isEmpty && members.isEmpty {
                throw .notFound("consumer group '\(group)' not found: no members and no committed offsets")
            }
        }
        let committed = try reader.committed(group, partitions)
        let rows = partitions.sorted().map { tp in
            var row = GroupOffsets.Row(
                topic: tp.topic, partition: tp.partition, committed: committed[tp], logStart: nil, logEnd: nil,
                lag: nil,
                error: nil)
            do throws(OperationsError) {
                let wm = try reader.watermarks(tp)
                row.logStart = wm.low
                row.logEnd = wm.high
                row.lag = LagMath.offsetLag(committed: committed[tp], logEnd: wm.high)
            } catch {
                row.error = error.description
            }
            return row
        }
        return GroupOffsets(group: group, state: state, members: members, rows: rows, warnings: warnings)
    }

    // MARK: Reset

    /// Computes a reset without changing anything (the dry run).
    ///
    /// - Parameter partitions: partition numbers of `topic` to reset; nil: all of them.
    /// - Throws: `.notFound` for an unknown topic, `.invalidArgument` for a partition the topic
    ///   does not have, `.kafka` when the cluster cannot be read.
    public func planReset(group: String, topic: String, partitions: [Int32]? = nil, to target: OffsetResetTarget)
        throws(OperationsError) -> OffsetResetPlan
    {
        let all = try reader.partitions(of: topic)
        var selected = all
        if let partitions {
            let existing = Set(all.map(\.partition))
            let unknown = partitions.filter { !existing.contains($0) }
            if !unknown.isEmpty {
                throw .invalidArgument(
                    "topic '\(topic)' has no partition \(unknown.map(String.init).joined(separator: ", ")) "
                        + "(it has \(all.count): 0–\(all.count - 1))")
            }
            let wanted = Set(partitions)
            selected = all.filter { wanted.contains($0.partition) }
        }
        let (_, members) = try reader.describe(group)
        let committed = try reader.committed(group, selected)
        var watermarks: [TopicPartition: Watermarks] = [:]
        for tp in selected { watermarks[tp] = try reader.watermarks(tp) }

        var resolvedTime: Date?
        var byTime: [TopicPartition: Int64] = [:]
        if case .datetime(let d) = target { resolvedTime = d }
        if case .duration(let s) = target { resolvedTime = clock().addingTimeInterval(-s) }
        if let t = resolvedTime {
            let ms = Timestamps.milliseconds(t)
            let found = try OperationsError.step("offsets for time \(Timestamps.format(t))") {
                try admin.offsetsForTimes(Dictionary(uniqueKeysWithValues: selected.map { ($0, ms) }))
            }
            for f in found { byTime[f.topicPartition] = f.offset }
        }

        let rows = selected.sorted().map { tp -> OffsetResetPlan.Row in
            let wm = watermarks[tp]!
            let current = committed[tp]
            var row = OffsetResetPlan.Row(
                partition: tp.partition, current: current, logStart: wm.low, logEnd: wm.high, requested: nil, new: nil,
                clamped: nil, note: nil)
            switch target {
            case .earliest: row.requested = wm.low
            case .latest: row.requested = wm.high
            case .offset(let n): row.requested = n
            case .shift(let n):
                if let current {
                    let (sum, overflow) = current.addingReportingOverflow(n)
                    row.requested = overflow ? (n < 0 ? Int64.min : Int64.max) : sum
                } else {
                    row.note = "no committed offset to shift from: left unchanged"
                }
            case .datetime, .duration:
                // END (-1): no record at or after that time → the log end.
                let off = byTime[tp] ?? KafkaOffset.end
                row.requested = off < 0 ? wm.high : off
                if off < 0 { row.note = "no record at or after \(Timestamps.format(resolvedTime!)): log end" }
            }
            if let req = row.requested {
                if req < wm.low {
                    row.new = wm.low
                    row.clamped = .toLogStart
                    row.note = "requested \(req) is before the log start: clamped to \(wm.low)"
                } else if req > wm.high {
                    row.new = wm.high
                    row.clamped = .toLogEnd
                    row.note = "requested \(req) is past the log end: clamped to \(wm.high)"
                } else {
                    row.new = req
                }
            }
            return row
        }
        return OffsetResetPlan(
            group: group, topic: topic, target: target, resolvedTime: resolvedTime, rows: rows, activeMembers: members)
    }

    /// Applies `plan` (commits `plan.changes` for the group) and reads the offsets back.
    ///
    /// - Throws: `.groupActive` (naming the members) when the group has live members now;
    ///   `.kafka` when the change is rejected; `.invalidArgument` when the offsets read back
    ///   differ from the plan (someone committed concurrently).
    @discardableResult
    public func execute(_ plan: OffsetResetPlan) throws(OperationsError) -> OffsetResetPlan {
        // Checked again now, not trusted from the plan: members may have joined since.
        let (_, members) = try reader.describe(plan.group)
        if !members.isEmpty { throw .groupActive(group: plan.group, members: members) }
        var done = plan
        done.activeMembers = []
        let changes = plan.changes
        guard !changes.isEmpty else {
            done.executed = true
            return done
        }
        try OperationsError.step("alter committed offsets of '\(plan.group)'") {
            try admin.alterCommittedOffsets(group: plan.group, offsets: changes, timeout: reader.timeout)
        }
        let after = try reader.committed(plan.group, changes.map(\.topicPartition))
        let wrong = changes.filter { after[$0.topicPartition] != $0.offset }
        if !wrong.isEmpty {
            let list = wrong.map {
                "\($0.topicPartition): wanted \($0.offset), found \(after[$0.topicPartition].map(String.init) ?? "none")"
            }
            throw .invalidArgument(
                "offsets of '\(plan.group)' were changed but read back differently (a concurrent commit?): "
                    + list.joined(separator: "; "))
        }
        done.executed = true
        return done
    }
}
