import Foundation
import Kafka
import Logging

/// Reads the timestamp of the record at given offsets — the oldest unprocessed record of each
/// lagging partition — with ONE assign-only consumer, bounded in time.
///
/// Why read instead of interpolate (as kafka-lag-exporter does): the record's own timestamp is
/// exact whatever the production rate was; one small fetch per lagging partition per evaluation
/// is cheap at exporter intervals (seconds).
///
/// Contract:
/// - one consumer per `read` call (created only when there is something to read), always
///   closed before returning; `onConsumer(+1/-1)` reports it so callers can prove nothing leaks;
/// - the whole call takes at most `timeout` (plus the consumer's close);
/// - the consumer has no group of its own (the Kafka layer gives it a private, never-joined id)
///   and commits nothing, so it never disturbs the group being measured;
/// - it reads `read_uncommitted`: the oldest unprocessed offset may sit in an open transaction;
/// - when several groups need the same partition at different offsets, offsets are read in
///   rounds (one assignment per round, each partition once per round, smallest offset first).
struct OldestRecordProbe: Sendable {
    struct Target: Hashable, Sendable {
        var partition: TopicPartition
        var offset: Int64
    }

    struct Found: Hashable, Sendable {
        /// The record's offset: the target, or the next existing one (compaction, control records).
        var offset: Int64
        var timestampMs: Int64?
    }

    let config: KafkaConfig
    let timeout: Duration
    let logger: Logger
    let onConsumer: @Sendable (Int) -> Void

    init(config base: KafkaConfig, timeout: Duration, logger: Logger, onConsumer: @escaping @Sendable (Int) -> Void) {
        var c = base
        c.groupID = nil  // never a user-supplied group: the layer assigns a private one
        c.merge([
            "client.id": "tally-lag-probe",
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
            "enable.partition.eof": "false",
            "auto.offset.reset": "earliest",
            "isolation.level": "read_uncommitted",
            "fetch.wait.max.ms": "100",
            "max.partition.fetch.bytes": "65536",
            "queued.min.messages": "1",
            "queued.max.messages.kbytes": "4096",
        ])
        self.config = c
        self.timeout = timeout
        self.logger = logger
        self.onConsumer = onConsumer
    }

    func read(_ targets: Set<Target>) -> [Target: Result<Found, OperationsError>] {
        guard !targets.isEmpty else { return [:] }
        var results: [Target: Result<Found, OperationsError>] = [:]
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(config: config, logger: logger)
        } catch {
            for t in targets { results[t] = .failure(.kafka(context: "create lag probe consumer", error)) }
            return results
        }
        onConsumer(+1)
        defer {
            consumer.close()
            onConsumer(-1)
        }
        var pending: [TopicPartition: [Int64]] = [:]
        for t in targets { pending[t.partition, default: []].append(t.offset) }
        for k in pending.keys { pending[k]!.sort() }
        let deadline = ContinuousClock.now + timeout
        var lastError: KafkaError?

        while !pending.isEmpty && ContinuousClock.now < deadline {
            var waiting: [TopicPartition: Int64] = pending.mapValues { $0[0] }
            let round = waiting
            for tp in round.keys {
                pending[tp]!.removeFirst()
                if pending[tp]!.isEmpty { pending[tp] = nil }
            }
            var paused: [TopicPartition] = []
            do {
                try consumer.assign(round.map { TopicPartitionOffset($0.key, offset: $0.value) })
                while !waiting.isEmpty && ContinuousClock.now < deadline {
                    let left = deadline - ContinuousClock.now
                    switch try consumer.poll(timeout: min(.milliseconds(100), max(left, .milliseconds(1)))) {
                    case .record(let r):
                        let tp = r.topicPartition
                        guard let want = waiting[tp], r.offset >= want else { continue }
                        results[Target(partition: tp, offset: want)] = .success(
                            Found(offset: r.offset, timestampMs: r.timestampMs))
                        waiting[tp] = nil
                        // Stop fetching it: one record per partition is all we need.
                        try? consumer.pause([tp])
                        paused.append(tp)
                    case .error(let e):
                        lastError = e
                    case .partitionEOF, nil:
                        break
                    }
                }
                try? consumer.resume(paused)
                try consumer.unassign()
            } catch {
                lastError = error
                for (tp, off) in waiting {
                    results[Target(partition: tp, offset: off)] = .failure(.kafka(context: "read \(tp)@\(off)", error))
                }
                waiting = [:]
                try? consumer.unassign()
            }
            for (tp, off) in waiting {
                results[Target(partition: tp, offset: off)] = .failure(Self.timedOut(tp, off, timeout, lastError))
            }
        }
        for (tp, offs) in pending {
            for off in offs {
                results[Target(partition: tp, offset: off)] = .failure(Self.timedOut(tp, off, timeout, lastError))
            }
        }
        return results
    }

    private static func timedOut(_ tp: TopicPartition, _ off: Int64, _ timeout: Duration, _ last: KafkaError?)
        -> OperationsError
    {
        let why = last.map { " (last consumer error: \($0.message))" } ?? ""
        return .timedOut("could not read the record at \(tp)@\(off) within \(IntervalText.format(timeout))\(why)")
    }
}
