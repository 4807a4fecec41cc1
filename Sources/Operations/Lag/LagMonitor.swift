import Foundation
import Kafka
import Logging
import Synchronization

/// Measures consumer-group lag against the cluster and judges it over time: the library behind
/// `tally lag`, `tally lag --watch` and `tally lag --serve`.
///
/// Each `evaluate` call reads, for every selected group: its members and their assignment
/// (describeConsumerGroups), its committed offsets, every partition's watermarks, and — with
/// one assign-only consumer for the whole call — the timestamp of the record at each lagging
/// partition's committed offset. It then feeds one `LagSample` per partition to a
/// `LagEvaluator`, whose window is this monitor's memory: keep one monitor per watch loop or
/// exporter, and evaluate at a steady interval.
///
/// Thread-safety: calls may come from any thread; evaluations are serialized (the evaluator's
/// windows must see samples in order). Every Kafka call is bounded by `requestTimeout`, the
/// record reads by `probeTimeout`.
public final class LagMonitor: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var evaluator: LagEvaluator.Configuration
        /// Upper bound for reading the oldest unprocessed records of one evaluation.
        public var probeTimeout: Duration
        /// Upper bound for each admin request (describe, committed offsets, watermarks).
        public var requestTimeout: Duration

        public init(
            evaluator: LagEvaluator.Configuration = .init(), probeTimeout: Duration = .seconds(5),
            requestTimeout: Duration = .seconds(10)
        ) {
            self.evaluator = evaluator
            self.probeTimeout = probeTimeout
            self.requestTimeout = requestTimeout
        }
    }

    public let configuration: Configuration
    private let admin: KafkaAdmin
    private let probe: OldestRecordProbe
    private let clock: @Sendable () -> Date
    private let evaluator: Mutex<LagEvaluator>
    private let counters: ProbeCounters
    /// Serializes evaluations: the evaluator's windows must see each partition's samples in order.
    private let serial = NSLock()

    /// - Parameters:
    ///   - config: the cluster connection (any `group.id` in it is ignored).
    ///   - clock: "now" for time lags; tests may inject one.
    public init(
        config: KafkaConfig, configuration: Configuration = .init(),
        logger: Logger = StderrLogger.make("tally.lag"), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(OperationsError) {
        self.configuration = configuration
        self.admin = try OperationsError.step("connect admin client") { try KafkaAdmin(config: config, logger: logger) }
        self.clock = clock
        self.evaluator = Mutex(LagEvaluator(configuration: configuration.evaluator))
        let counters = ProbeCounters()
        self.counters = counters
        self.probe = OldestRecordProbe(config: config, timeout: configuration.probeTimeout, logger: logger) { delta in
            if delta > 0 { counters.created.add(1, ordering: .relaxed) }
            counters.open.add(delta, ordering: .relaxed)
        }
    }

    /// Assign-only consumers this monitor has created for record reads (one per evaluation
    /// that had a lagging partition).
    public var probeConsumersCreated: Int { counters.created.load(ordering: .relaxed) }
    /// Of those, how many are still open (0 between evaluations: nothing leaks).
    public var probeConsumersOpen: Int { counters.open.load(ordering: .relaxed) }

    /// Reads and judges the lag of the selected groups.
    ///
    /// - Parameter sampleTime: the time the evaluator records for this evaluation (default: the
    ///   evaluation's real time). Tests inject times to walk the status rules without waiting;
    ///   the lag numbers themselves always come from the cluster and the real clock.
    /// - Returns: one report per group, in name order. A group that could not be read is
    ///   reported with status ERR and `error`; only failing to list the groups (`.all`) throws.
    public func evaluate(_ selection: GroupSelection, sampleTime: Date? = nil) throws(OperationsError) -> [GroupLag] {
        serial.lock()
        defer { serial.unlock() }
        let names: [String]
        switch selection.groups {
        case .named(let list):
            var seen = Set<String>()
            names = list.filter { seen.insert($0).inserted }
        case .all:
            names = try OperationsError.step("list consumer groups") {
                try admin.listConsumerGroups(timeout: configuration.requestTimeout)
            }.map(\.groupID).filter { !$0.hasPrefix("tally-unjoined-") }
        }
        let selected = names.filter { selection.filter.admits($0) }

        var watermarkCache: [TopicPartition: Result<Watermarks, KafkaError>] = [:]
        // Listed groups with nothing to report (no members, no committed offsets on an existing
        // topic) are left out with `.all`; a group asked for by name is an error instead.
        let listed = selection.groups == .all
        let raws = selected.map { collect(group: $0, topic: selection.topic, watermarks: &watermarkCache) }
            .filter { !(listed && $0.isEmpty) }
        let evaluatedAt = clock()

        var targets = Set<OldestRecordProbe.Target>()
        for raw in raws {
            for p in raw.partitions {
                guard case .success(let wm)? = p.watermarks,
                    let off = LagMath.probeOffset(committed: p.committed, logStart: wm.low, logEnd: wm.high)
                else { continue }
                targets.insert(.init(partition: p.partition, offset: off))
            }
        }
        let found = probe.read(targets)

        return evaluator.withLock { evaluator in
            var keep = Set<LagEvaluator.Key>()
            var failedGroups = Set<String>()
            let reports = raws.map { raw in
                report(
                    raw, evaluatedAt: evaluatedAt, sampleTime: sampleTime ?? evaluatedAt, found: found,
                    evaluator: &evaluator)
            }
            for (raw, r) in zip(raws, reports) {
                if raw.error != nil { failedGroups.insert(raw.group) }
                for p in r.partitions { keep.insert(.init(group: r.group, partition: p.topicPartition)) }
            }
            // Forget partitions and groups that disappeared (a group that failed to read keeps
            // its windows: the failure says nothing about its partitions).
            evaluator.retain { keep.contains($0) || failedGroups.contains($0.group) }
            return reports.sorted { $0.group < $1.group }
        }
    }

    // MARK: Reading

    struct RawPartition {
        var partition: TopicPartition
        var committed: Int64?
        var watermarks: Result<Watermarks, KafkaError>?
        var owner: String?
    }

    struct RawGroup {
        var group: String
        var state = "Unknown"
        var members: [GroupMember] = []
        var partitions: [RawPartition] = []
        var error: OperationsError?
        var warnings: [String] = []
        /// Nothing to report: no members and no partitions (set instead of a not-found error).
        var isEmpty = false
    }

    private func collect(
        group: String, topic: String?, watermarks cache: inout [TopicPartition: Result<Watermarks, KafkaError>]
    ) -> RawGroup {
        var raw = RawGroup(group: group)
        let reader = GroupReader(admin: admin, timeout: configuration.requestTimeout)
        do throws(OperationsError) {
            (raw.state, raw.members) = try reader.describe(group)
            var partitions: [TopicPartition] = []
            if let topic {
                partitions = try reader.partitions(of: topic)
            } else {
                let topics = Set(try reader.committedTopics(group)).union(
                    raw.members.flatMap { $0.assignment.map(\.topic) })
                for t in topics.sorted() {
                    do throws(OperationsError) {
                        partitions += try reader.partitions(of: t)
                    } catch .notFound {
                        raw.warnings.append("topic '\(t)' has committed offsets of this group but no longer exists")
                    }
                }
                if partitions.isEmpty && raw.members.isEmpty {
                    raw.isEmpty = true
                    throw .notFound("consumer group '\(group)' not found: no members and no committed offsets")
                }
            }
            let committed = try reader.committed(group, partitions)
            var owners: [TopicPartition: String] = [:]
            for m in raw.members { for tp in m.assignment { owners[tp] = m.memberID } }
            let timeout = configuration.requestTimeout
            raw.partitions = partitions.sorted().map { tp in
                if cache[tp] == nil {
                    cache[tp] = Result { () throws(KafkaError) in try admin.watermarks(tp, timeout: timeout) }
                }
                return RawPartition(partition: tp, committed: committed[tp], watermarks: cache[tp], owner: owners[tp])
            }
        } catch {
            raw.error = error
        }
        return raw
    }

    // MARK: Judging

    private func report(
        _ raw: RawGroup, evaluatedAt: Date, sampleTime: Date,
        found: [OldestRecordProbe.Target: Result<OldestRecordProbe.Found, OperationsError>],
        evaluator: inout LagEvaluator
    ) -> GroupLag {
        if let error = raw.error {
            return GroupLag(
                group: raw.group, state: raw.state, evaluatedAt: evaluatedAt, members: raw.members, partitions: [],
                status: .err, error: error.description, warnings: raw.warnings)
        }
        let partitions = raw.partitions.map { p -> PartitionLag in
            var lag = PartitionLag(
                topic: p.partition.topic, partition: p.partition.partition, committedOffset: p.committed,
                logStartOffset: nil, logEndOffset: nil, offsetLag: nil, timeLagSeconds: nil,
                oldestUnprocessedOffset: nil,
                oldestUnprocessedTimestampMs: nil, committedBelowLogStart: false, owner: p.owner, status: .ok,
                note: nil,
                error: nil)
            let key = LagEvaluator.Key(group: raw.group, partition: p.partition)
            switch p.watermarks {
            case .success(let wm)?:
                lag.logStartOffset = wm.low
                lag.logEndOffset = wm.high
                lag.offsetLag = LagMath.offsetLag(committed: p.committed, logEnd: wm.high)
                if let c = p.committed {
                    lag.committedBelowLogStart = c < wm.low
                    if c >= wm.high {
                        lag.timeLagSeconds = 0
                        if c > wm.high {
                            lag.note = "committed offset is beyond the log end (topic recreated or truncated?)"
                        }
                    } else if let off = LagMath.probeOffset(committed: c, logStart: wm.low, logEnd: wm.high) {
                        switch found[.init(partition: p.partition, offset: off)] {
                        case .success(let f)?:
                            lag.oldestUnprocessedOffset = f.offset
                            lag.oldestUnprocessedTimestampMs = f.timestampMs
                            if let ts = f.timestampMs {
                                lag.timeLagSeconds = LagMath.timeLag(recordTimestampMs: ts, now: evaluatedAt)
                            } else {
                                lag.error = "the record at offset \(f.offset) has no timestamp"
                            }
                        case .failure(let e)?: lag.error = e.description
                        case nil: lag.error = "record at offset \(off) was not read"
                        }
                    }
                    if lag.committedBelowLogStart {
                        lag.note =
                            "committed offset is below the log start: \(wm.low - c) records were deleted by retention "
                            + "unprocessed; time lag is from the log start's record"
                    }
                } else {
                    lag.note = "no committed offset"
                }
                lag.status = evaluator.evaluate(
                    key,
                    LagSample(
                        time: sampleTime, committed: p.committed, logEnd: wm.high, ownedByLiveMember: p.owner != nil))
            case .failure(let e)?:
                lag.error = "watermarks: \(e.message) (\(e.name))"
                lag.status = evaluator.evaluate(key, .failed(at: sampleTime, ownedByLiveMember: p.owner != nil))
            case nil:
                lag.error = "watermarks not read"
                lag.status = evaluator.evaluate(key, .failed(at: sampleTime, ownedByLiveMember: p.owner != nil))
            }
            return lag
        }
        return GroupLag(
            group: raw.group, state: raw.state, evaluatedAt: evaluatedAt, members: raw.members, partitions: partitions,
            status: LagEvaluator.groupStatus(partitions.map(\.status)), warnings: raw.warnings)
    }
}

/// Counts the probe's consumers (created, still open) so leaks are observable.
private final class ProbeCounters: Sendable {
    let created = Atomic<Int>(0)
    let open = Atomic<Int>(0)
}
