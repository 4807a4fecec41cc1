import Foundation
import Kafka
import Logging
import Synchronization

/// The default delivery mode: offsets are committed only after every output of every earlier
/// record of the partition was acknowledged by the broker. A crash may repeat work (with the
/// same deterministic metric ids) but never skips it.
final class AtLeastOnceLoop: @unchecked Sendable {
    let worker: Worker
    let tracker = OffsetTracker()
    let pool: WorkerPool
    var config: WorkerConfiguration { worker.configuration }
    var logger: Logger { worker.logger }
    /// The first lost output: once set, the loop stops consuming and commits nothing past it.
    private let failure = Mutex<String?>(nil)
    // Poll-thread state.
    private var consumer: KafkaConsumer!
    private var producer: KafkaProducer!
    private var paused = false
    private var assignment: [TopicPartition] = []

    init(worker: Worker) {
        self.worker = worker
        self.pool = WorkerPool(threads: worker.configuration.workerThreads)
    }

    func run() throws {
        producer = try KafkaProducer(config: worker.producerConfig(), logger: logger)
        consumer = try KafkaConsumer(
            config: worker.consumerConfig(), logger: logger,
            rebalanceHandler: { [unowned self] event in self.rebalance(event) },
            onStatistics: { [metrics = worker.metrics] in metrics.recordStatistics($0) })
        try consumer.subscribe([config.inputTopic])
        worker.state.set(.running)
        logger.info(
            "consuming", metadata: ["topic": "\(config.inputTopic)", "group": "\(config.groupID)", "threads": "\(pool.count)"])

        var nextCommit = ContinuousClock.now + config.commitInterval
        while !worker.isStopRequested, failure.withLock({ $0 }) == nil {
            // While paused nothing arrives to end the poll early: poll briefly so a resume is not late.
            switch try consumer.poll(timeout: .milliseconds(paused ? 5 : 100)) {
            case .record(let r): dispatch(r)
            case .error(let e): try handleConsumerError(e)
            case .partitionEOF, nil: break
            }
            try flowControl()
            if ContinuousClock.now >= nextCommit {
                commit(sync: false)
                nextCommit = ContinuousClock.now + config.commitInterval
            }
        }
        try shutDown()
    }

    // MARK: Records

    private func dispatch(_ record: ConsumerRecord) {
        let tp = record.topicPartition
        guard tracker.begin(tp, offset: record.offset, bytes: record.value?.count ?? 0) else { return }
        pool.submit(key: record.key, partition: record.partition) { [self] in process(record) }
    }

    /// Runs on a worker queue.
    private func process(_ record: ConsumerRecord) {
        let tp = record.topicPartition
        let messages = worker.transform?(record) ?? parse(record)
        tracker.expect(tp, offset: record.offset, outputs: messages.count)
        if messages.isEmpty {
            worker.metrics.recordEndToEnd(recordTimestampMs: record.timestampMs)
            return
        }
        let remaining = Countdown(messages.count)
        for m in messages {
            do throws(KafkaError) {
                try producer.send(m) { [self] result in
                    switch result {
                    case .success:
                        tracker.acknowledge(tp, offset: record.offset)
                        if remaining.tick() { worker.metrics.recordEndToEnd(recordTimestampMs: record.timestampMs) }
                    case .failure(let e):
                        lost(tp, record.offset, e)
                    }
                }
            } catch {
                lost(tp, record.offset, error)
                return
            }
        }
    }

    private func parse(_ record: ConsumerRecord) -> [ProducerMessage] {
        let start = ContinuousClock.now
        let outcome = worker.processor.process(record)
        worker.metrics.recordParse(since: start)
        worker.metrics.recordOutcome(outcome)
        if case .deadLetter(let dl) = outcome {
            logger.warning("dead letter", metadata: ["reason": "\(dl.reason)", "record": "\(record.topicPartition)@\(record.offset)"])
        }
        return worker.processor.messages(for: outcome, of: record)
    }

    /// An output could not be written (after librdkafka's retries): stop, commit nothing past it.
    private func lost(_ tp: TopicPartition, _ offset: Int64, _ error: KafkaError) {
        tracker.fail(tp, offset: offset)
        worker.metrics.deliveryFailures.increment()
        failure.withLock {
            if $0 == nil {
                $0 = "output of \(tp)@\(offset) could not be delivered: \(error)"
                logger.error("delivery failed; stopping before committing past it", metadata: ["error": "\(error)", "record": "\(tp)@\(offset)"])
            }
        }
    }

    private func handleConsumerError(_ e: KafkaError) throws {
        if e.code == .unknownTopicOrPartition {
            throw WorkerError("input topic '\(config.inputTopic)' is gone: \(e.message)")
        }
        logger.warning("consumer error: \(e)")
    }

    // MARK: Flow control

    /// Pauses all partitions while too much is in flight; resumes exactly after what was dispatched.
    private func flowControl() throws {
        let n = tracker.inFlight
        let bytes = tracker.inFlightBytes
        worker.metrics.inFlight.record(n)
        worker.metrics.inFlightBytes.record(bytes)
        if !paused, n >= config.maxInFlight || bytes >= config.maxInFlightBytes {
            try consumer.pause(assignment)
            paused = true
            worker.metrics.paused.record(1)
            worker.metrics.pauses.increment()
            logger.debug("paused: in-flight bound reached", metadata: ["records": "\(n)", "bytes": "\(bytes)"])
        } else if paused, n <= config.maxInFlight / 2, bytes <= config.maxInFlightBytes / 2 {
            // Pausing may drop prefetched records: continue from the next undispatched offset.
            let positions = tracker.resumePositions().filter { assignment.contains($0.topicPartition) }
            try consumer.seek(positions)
            try consumer.resume(assignment)
            paused = false
            worker.metrics.paused.record(0)
        }
    }

    // MARK: Commits and rebalances

    private func commit(sync: Bool, only: Set<TopicPartition>? = nil) {
        let offsets = tracker.pendingCommits(for: only, includeCommitted: sync)
        guard !offsets.isEmpty else { return }
        do throws(KafkaError) {
            if sync { try consumer.commit(offsets) } else { try consumer.commitAsync(offsets) }
            tracker.markCommitted(offsets)
            worker.metrics.commits.increment()
        } catch {
            worker.metrics.commitFailures.increment()
            logger.warning("commit failed (will retry with the next commit): \(error)", metadata: ["offsets": "\(offsets)"])
        }
    }

    /// Called on the poll thread from inside `poll` (and `close`).
    private func rebalance(_ event: RebalanceEvent) {
        worker.metrics.rebalances.increment()
        switch event {
        case .assigned(let tps):
            tracker.assign(tps)
            assignment = tps
            worker.state.setAssignment(tps)
            if paused {
                do { try consumer.pause(tps) } catch { logger.warning("pause of new assignment failed: \(error)") }
            }
        case .revoked(let tps, let lost):
            let set = Set(tps)
            // Finish the revoked partitions' in-flight work and commit it before letting them go.
            if !tracker.waitUntilDrained(set, timeout: config.drainTimeout) {
                logger.warning("revocation: in-flight records did not finish in time; their work will be redone by the next owner")
            }
            if !lost { commit(sync: true, only: set) }
            tracker.remove(tps)
            assignment.removeAll { set.contains($0) }
            worker.state.setAssignment(assignment)
        }
    }

    private func shutDown() throws {
        worker.state.set(.draining)
        let failed = failure.withLock { $0 }
        if !tracker.waitUntilDrained(timeout: config.drainTimeout) {
            logger.warning("shutdown: in-flight records did not finish within the drain timeout")
        }
        commit(sync: true)
        consumer.close()  // leaves the group; the final revocation commits again (no-op)
        producer.close(timeout: config.drainTimeout)
        if let failed { throw WorkerError(failed) }
    }
}

/// Counts down once per output; `tick` is true for the last one.
final class Countdown: Sendable {
    private let left: Atomic<Int>
    init(_ n: Int) { left = Atomic(n) }
    func tick() -> Bool { left.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 }
}
