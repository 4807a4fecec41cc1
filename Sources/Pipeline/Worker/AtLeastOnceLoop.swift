import Foundation
import Kafka
import Logging
import Synchronization

/// The default delivery mode: offsets are committed only after every output of every earlier
/// record of the partition was acknowledged by the broker. A crash may repeat work (with the
/// same deterministic metric ids) but never skips it.
final class AtLeastOnceLoop: @unchecked Sendable {
    /// What this loop reads of the worker's configuration.
    struct Settings: Sendable {
        var inputTopic: String
        var groupID: String
        var maxInFlight: Int
        var maxInFlightBytes: Int
        var commitInterval: Duration
        var drainTimeout: Duration
    }

    let settings: Settings
    let io: LoopCollaborators
    let tracker = OffsetTracker()
    let pool: WorkerPool
    /// The first lost output: once set, the loop stops consuming and commits nothing past it.
    private let failure = Mutex<String?>(nil)
    // Poll-thread state.
    private var paused = false
    private var assignment: [TopicPartition] = []

    init(settings: Settings, threads: Int, _ io: LoopCollaborators) {
        self.settings = settings
        self.io = io
        self.pool = WorkerPool(threads: threads)
        io.rebalances.handle { [weak self] event in self?.rebalance(event) }
    }

    func run() throws {
        try io.consumer.subscribe([settings.inputTopic])
        io.state.set(.running)
        io.logger.info(
            "consuming",
            metadata: ["topic": "\(settings.inputTopic)", "group": "\(settings.groupID)", "threads": "\(pool.count)"])

        var nextCommit = ContinuousClock.now + settings.commitInterval
        while !io.isStopRequested(), failure.withLock({ $0 }) == nil {
            // While paused nothing arrives to end the poll early: poll briefly so a resume is not late.
            switch try io.consumer.poll(timeout: .milliseconds(paused ? 5 : 100)) {
            case .record(let r): dispatch(r)
            case .error(let e): try handleConsumerError(e)
            case .partitionEOF, nil: break
            }
            try flowControl()
            if ContinuousClock.now >= nextCommit {
                commit(sync: false)
                nextCommit = ContinuousClock.now + settings.commitInterval
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
        let output = io.step.evaluate(record)
        io.step.count(output)
        do throws(KafkaError) {
            try io.step.produce(output, of: record, to: io.producer, tracker: tracker) { [self] report in
                if let e = report.failure { lost(record.topicPartition, record.offset, e) }
            }
        } catch {
            // Already reported as lost.
        }
    }

    /// An output could not be written (after librdkafka's retries; the step failed the record in
    /// the tracker): stop, commit nothing past it.
    private func lost(_ tp: TopicPartition, _ offset: Int64, _ error: KafkaError) {
        io.metrics.deliveryFailures.increment()
        failure.withLock {
            if $0 == nil {
                $0 = "output of \(tp)@\(offset) could not be delivered: \(error)"
                io.logger.error(
                    "delivery failed; stopping before committing past it",
                    metadata: ["error": "\(error)", "record": "\(tp)@\(offset)"])
            }
        }
    }

    private func handleConsumerError(_ e: KafkaError) throws {
        if e.code == .unknownTopicOrPartition {
            throw WorkerError("input topic '\(settings.inputTopic)' is gone: \(e.message)")
        }
        io.logger.warning("consumer error: \(e)")
    }

    // MARK: Flow control

    /// Pauses all partitions while too much is in flight; resumes exactly after what was dispatched.
    private func flowControl() throws {
        let n = tracker.inFlight
        let bytes = tracker.inFlightBytes
        io.metrics.inFlight.record(n)
        io.metrics.inFlightBytes.record(bytes)
        if !paused, n >= settings.maxInFlight || bytes >= settings.maxInFlightBytes {
            try io.consumer.pause(assignment)
            paused = true
            io.metrics.paused.record(1)
            io.metrics.pauses.increment()
            io.logger.debug("paused: in-flight bound reached", metadata: ["records": "\(n)", "bytes": "\(bytes)"])
        } else if paused, n <= settings.maxInFlight / 2, bytes <= settings.maxInFlightBytes / 2 {
            // Pausing may drop prefetched records: continue from the next undispatched offset.
            let positions = tracker.resumePositions().filter { assignment.contains($0.topicPartition) }
            // Asynchronous: a synchronous seek of paused partitions can time out under load and stop the worker.
            try io.consumer.seek(positions, timeout: .zero)
            try io.consumer.resume(assignment)
            paused = false
            io.metrics.paused.record(0)
        }
    }

    // MARK: Commits and rebalances

    private func commit(sync: Bool, only: Set<TopicPartition>? = nil) {
        // Re-send what is committed too: a failed async commit is only reported later.
        let offsets = tracker.pendingCommits(for: only, includeCommitted: true)
        guard !offsets.isEmpty else { return }
        do throws(KafkaError) {
            if sync { try io.consumer.commit(offsets) } else { try io.consumer.commitAsync(offsets) }
            tracker.markCommitted(offsets)
            io.metrics.commits.increment()
        } catch {
            io.metrics.commitFailures.increment()
            io.logger.warning(
                "commit failed (will retry with the next commit): \(error)", metadata: ["offsets": "\(offsets)"])
        }
    }

    /// Called on the poll thread from inside `poll` (and `close`).
    private func rebalance(_ event: RebalanceEvent) {
        io.metrics.rebalances.increment()
        switch event {
        case .assigned(let tps):
            tracker.assign(tps)
            assignment = tps
            io.state.setAssignment(tps)
            if paused {
                do { try io.consumer.pause(tps) } catch {
                    io.logger.warning("pause of new assignment failed: \(error)")
                }
            }
        case .revoked(let tps, let lost):
            let set = Set(tps)
            // Finish the revoked partitions' in-flight work and commit it before letting them go.
            if !tracker.waitUntilDrained(set, timeout: settings.drainTimeout) {
                io.logger.warning(
                    "revocation: in-flight records did not finish in time; their work will be redone by the next owner")
            }
            if !lost { commit(sync: true, only: set) }
            tracker.remove(tps)
            assignment.removeAll { set.contains($0) }
            io.state.setAssignment(assignment)
        }
    }

    private func shutDown() throws {
        io.state.set(.draining)
        let failed = failure.withLock { $0 }
        if !tracker.waitUntilDrained(timeout: settings.drainTimeout) {
            io.logger.warning("shutdown: in-flight records did not finish within the drain timeout")
        }
        commit(sync: true)
        io.consumer.close()  // leaves the group; the final revocation commits again (no-op)
        io.producer.close(timeout: settings.drainTimeout)
        if let failed { throw WorkerError(failed) }
    }
}

/// Counts down once per output; `tick` is true for the last one.
final class Countdown: Sendable {
    private let left: Atomic<Int>
    init(_ n: Int) { left = Atomic(n) }
    func tick() -> Bool { left.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 }
}
