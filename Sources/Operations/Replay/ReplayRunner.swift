import Foundation
import Kafka
import Logging
import Pipeline
import Synchronization

/// Executes a `ReplayPlan`: reads each partition's `[start, end)` with plain assignment, runs
/// every record through the live workers' `ArticleProcessor`, writes the outputs, and reports.
///
/// Contract:
/// - Reads with `assign` only: it never joins the live consumer group (nor any group) and
///   commits nothing anywhere. Only records with `start ≤ offset < end` are processed: records
///   fetched past the end are dropped, and the partition is paused once its end is reached
///   (its last in-range record processed, a record at/after the end seen, or end-of-partition
///   at/after the end).
/// - Same record path as the worker (`RecordStep`: process, messages, produce, acknowledge), so outputs carry
///   the same deterministic `metric_id`s; replaying already-processed data duplicates records
///   downstream stores drop by `metric_id`.
/// - Success is claimed only after every output's delivery report arrived: `run` waits for all
///   of them (up to `drainTimeout`) before it returns. Any failed delivery makes the outcome
///   `.failed`, reading stops, and each partition's `reached` is the first offset not entirely
///   delivered — the precise resume point.
/// - `stop()` (any thread; the CLI calls it on SIGINT/SIGTERM) stops reading after the current
///   record, still waits for in-flight deliveries, and returns an `.interrupted` summary whose
///   `resumeArguments` replay exactly the rest.
/// - `--max-rate` paces *articles read* with `RateLimiter` on the poll thread.
/// - One runner runs one replay. Records are processed on the calling thread, in offset order
///   per partition (to parallelise a huge backfill, run several replays over disjoint
///   `--partitions`).
public final class ReplayRunner: Sendable {
    public let configuration: ReplayConfiguration
    private let logger: Logger
    private let stopFlag = Atomic<Bool>(false)
    private let ran = Atomic<Bool>(false)
    private let latest = Mutex<ReplayProgress?>(nil)

    public init(configuration: ReplayConfiguration, logger: Logger = StderrLogger.make("tally.replay")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Asks the running replay to stop cleanly (idempotent, any thread, also before `run`).
    public func stop() {
        stopFlag.store(true, ordering: .releasing)
    }

    public var isStopRequested: Bool { stopFlag.load(ordering: .acquiring) }

    /// The latest progress published by `run` (nil before the first).
    public var progress: ReplayProgress? { latest.withLock { $0 } }

    /// Runs the plan to its end, a stop, or a failure, and returns what happened. Throws only
    /// when the replay cannot start (clients, missing output topics); everything after that is
    /// reported in the summary (`outcome`), so the positions reached are never lost.
    ///
    /// - Parameter onProgress: called on the calling thread every `progressInterval`.
    public func run(_ plan: ReplayPlan, onProgress: (@Sendable (ReplayProgress) -> Void)? = nil) throws(OperationsError)
        -> ReplaySummary
    {
        guard !ran.exchange(true, ordering: .acquiringAndReleasing) else {
            throw .invalidArgument("this ReplayRunner already ran; make a new one for another replay")
        }
        let session = ReplaySession(
            plan: plan, configuration: configuration, logger: logger, stopFlag: { [self] in isStopRequested })
        if configuration.dryRun { return session.summary(outcome: .dryRun) }

        let missing = try ReplayPlanner(config: configuration.kafka, logger: logger).missingOutputs(
            plan, summaryTopic: configuration.summaryTopic)
        if !missing.isEmpty { throw .notFound(missing.joined(separator: "; ")) }
        if plan.active.isEmpty { return session.summary(outcome: .completed) }

        return try session.run { [self] p in
            latest.withLock { $0 = p }
            onProgress?(p)
        }
    }
}

extension ReplayPlanner {
    /// A problem per output topic of `plan` that does not exist.
    func missingOutputs(_ plan: ReplayPlan, summaryTopic: String? = nil) -> [String] {
        Array(Set([plan.outputTopic, plan.deadLetterTopic] + [summaryTopic].compactMap { $0 })).sorted().compactMap {
            missingTopic($0)
        }
    }
}

/// Counters and the first failure, shared with delivery callbacks (producer's poll thread).
final class DeliveryLedger: Sendable {
    let metrics = Atomic<Int>(0)
    let deadLetters = Atomic<Int>(0)
    let undelivered = Atomic<Int>(0)
    private let firstFailure = Mutex<String?>(nil)

    func fail(_ why: String) { firstFailure.withLock { if $0 == nil { $0 = why } } }
    var failure: String? { firstFailure.withLock { $0 } }
}

/// One replay's poll-thread state. Not shared: only the ledger and the tracker are touched by
/// other threads (delivery reports).
final class ReplaySession {
    struct PartitionRun {
        var start: Int64
        var end: Int64
        /// Next offset to read.
        var position: Int64
        var done: Bool
        var articles = 0
        /// Highest offset processed (its outputs sent).
        var lastProcessed: Int64?
    }

    let plan: ReplayPlan
    let configuration: ReplayConfiguration
    let logger: Logger
    let stopRequested: () -> Bool
    let tracker = OffsetTracker()
    let ledger = DeliveryLedger()
    var parts: [Int32: PartitionRun]
    var remaining: Int
    var articles = 0
    var readFailure: String?
    let startedAt = Date()
    let t0 = ContinuousClock.now
    var firstRead: ContinuousClock.Instant?
    var lastRead: ContinuousClock.Instant?
    var nextProgress = ContinuousClock.now
    var publish: (ReplayProgress) -> Void = { _ in }

    init(plan: ReplayPlan, configuration: ReplayConfiguration, logger: Logger, stopFlag: @escaping () -> Bool) {
        self.plan = plan
        self.configuration = configuration
        self.logger = logger
        self.stopRequested = stopFlag
        var parts: [Int32: PartitionRun] = [:]
        for p in plan.partitions {
            parts[p.partition] = PartitionRun(start: p.start, end: p.end, position: p.start, done: p.isEmpty)
        }
        self.parts = parts
        self.remaining = parts.values.filter { !$0.done }.count
    }

    func run(publish: @escaping (ReplayProgress) -> Void) throws(OperationsError) -> ReplaySummary {
        self.publish = publish
        let producer = try OperationsError.step("create the replay producer") {
            try KafkaProducer(config: configuration.producerConfig, logger: logger)
        }
        let consumer = try OperationsError.step("create the replay consumer") {
            try KafkaConsumer(config: configuration.consumerConfig, logger: logger)
        }
        let active = plan.active
        tracker.assign(active.map { TopicPartition(plan.topic, $0.partition) })
        do {
            try OperationsError.step("assign \(plan.topic) partitions") {
                try consumer.assign(active.map { TopicPartitionOffset(plan.topic, $0.partition, offset: $0.start) })
            }
        } catch {
            consumer.close()
            producer.close(timeout: .seconds(5))
            throw error
        }
        // The live workers' record step, without their metrics (a replay reports its own counts).
        let step = RecordStep(
            processor: ArticleProcessor(
                options: .init(
                    outputTopic: plan.outputTopic, deadLetterTopic: plan.deadLetterTopic,
                    maxBodyBytes: configuration.maxBodyBytes,
                    summaryTopic: configuration.summaryTopic)),
            logger: logger)
        var limiter: RateLimiter<ContinuousClock>? = try configuration.maxRate.map { r throws(OperationsError) in
            try RateLimiter(rate: r, burst: configuration.burst)
        }
        logger.info("replay started", metadata: ["topic": "\(plan.topic)", "records": "\(plan.records)"])

        read: while remaining > 0, !stopRequested(), ledger.failure == nil, readFailure == nil {
            publishIfDue()
            let event: ConsumerEvent?
            do {
                event = try consumer.poll(timeout: configuration.pollTimeout)
            } catch {
                readFailure = "reading \(plan.topic) failed: \(error.message) (\(error.name))"
                break
            }
            switch event {
            case .record(let r):
                guard r.topic == plan.topic, var st = parts[r.partition], !st.done, r.offset >= st.position else {
                    continue
                }
                if r.offset >= st.end {
                    finish(r.partition, consumer)
                    continue
                }
                if let at = limiter?.reserve() {
                    while ContinuousClock.now < at {
                        if stopRequested() { break read }  // this record was not processed: resume includes it
                        publishIfDue()
                        let left = ContinuousClock.now.duration(to: at)
                        Thread.sleep(forTimeInterval: min(left, .milliseconds(50)).inSeconds)
                    }
                }
                let tp = r.topicPartition
                guard tracker.begin(tp, offset: r.offset, bytes: r.value?.count ?? 0) else { continue }
                let now = ContinuousClock.now
                if firstRead == nil { firstRead = now }
                lastRead = now
                send(step.evaluate(r), of: r, step, producer)
                articles += 1
                st.articles += 1
                st.position = r.offset + 1
                st.lastProcessed = r.offset
                parts[r.partition] = st
                if r.offset >= st.end - 1 { finish(r.partition, consumer) }
            case .partitionEOF(let tp, let offset):
                if tp.topic == plan.topic, let st = parts[tp.partition], !st.done, offset >= st.end {
                    finish(tp.partition, consumer)
                }
            case .error(let e):
                handle(e)
            case nil:
                break
            }
        }

        // Finish every delivery in flight before saying anything about positions.
        do {
            try producer.flush(timeout: configuration.drainTimeout)
        } catch {
            ledger.fail(
                "delivery reports still missing after \(IntervalText.format(configuration.drainTimeout)) "
                    + "(\(producer.outstandingCount) outstanding): \(error.message)")
        }
        consumer.close()
        // Fails (never drops) anything still queued, and joins the producer's poll thread: after
        // it, every delivery callback has run, so the tracker and the counters are final.
        producer.close(timeout: .seconds(5))

        let outcome: ReplaySummary.Outcome
        if let why = ledger.failure ?? readFailure {
            outcome = .failed(why)
        } else if remaining == 0 {
            outcome = .completed
        } else {
            outcome = .interrupted
        }
        let summary = self.summary(outcome: outcome)
        publish(progressSnapshot())
        logger.info("replay ended", metadata: ["outcome": "\(outcome)", "articles": "\(articles)"])
        return summary
    }

    // MARK: Steps

    private func send(_ output: RecordStep.Output, of r: ConsumerRecord, _ step: RecordStep, _ producer: KafkaProducer)
    {
        let tp = r.topicPartition
        let (ledger, deadLetter) = (ledger, output.isDeadLetter)
        // An enqueue failure was reported as lost before it is thrown: nothing more to do here.
        try? step.produce(output, of: r, to: producer, tracker: tracker) { report in
            switch report {
            case .delivered:
                if deadLetter {
                    ledger.deadLetters.add(1, ordering: .relaxed)
                } else {
                    ledger.metrics.add(1, ordering: .relaxed)
                }
            case .lost(let m, let e):
                ledger.undelivered.add(1, ordering: .relaxed)
                ledger.fail(
                    "output of \(tp)@\(r.offset) to \(m.topic) could not be delivered: \(e.message) (\(e.name))")
            case .notEnqueued(let m, let e, let unsent):
                ledger.undelivered.add(unsent, ordering: .relaxed)
                ledger.fail("output of \(tp)@\(r.offset) to \(m.topic) could not be enqueued: \(e.message) (\(e.name))")
            }
        }
    }

    /// The partition's range is fully read: stop fetching it.
    private func finish(_ partition: Int32, _ consumer: KafkaConsumer) {
        guard var st = parts[partition], !st.done else { return }
        st.done = true
        st.position = st.end
        parts[partition] = st
        remaining -= 1
        do {
            try consumer.pause([TopicPartition(plan.topic, partition)])
        } catch {
            logger.debug("pause of a finished partition failed (its further records are dropped anyway): \(error)")
        }
    }

    private func handle(_ e: KafkaError) {
        // _AUTO_OFFSET_RESET (-140): with auto.offset.reset=error, a position no longer retained.
        if e.code.rawValue == -140 || e.code == .offsetOutOfRange {
            readFailure =
                "records of \(plan.topic) are no longer retained (deleted by retention after the replay was planned): "
                + "\(e.message); re-plan to clamp the start to what is retained"
        } else if e.code == .unknownTopicOrPartition || e.code == .unknownTopic || e.code == .unknownPartition {
            readFailure = "topic \(plan.topic) is gone: \(e.message)"
        } else {
            logger.warning("consumer error (retrying): \(e.message)", metadata: ["code": "\(e.name)"])
        }
    }

    private func publishIfDue() {
        let now = ContinuousClock.now
        guard now >= nextProgress else { return }
        nextProgress = now + configuration.progressInterval
        publish(progressSnapshot())
    }

    func progressSnapshot() -> ReplayProgress {
        let rows = plan.partitions.map { p in
            let st = parts[p.partition]!
            return ReplayProgress.Partition(
                partition: p.partition, start: p.start, end: p.end, position: st.position, done: st.done,
                articles: st.articles)
        }
        return ReplayProgress(
            partitions: rows, articles: articles, metrics: ledger.metrics.load(ordering: .relaxed),
            deadLetters: ledger.deadLetters.load(ordering: .relaxed), elapsed: ContinuousClock.now - t0,
            rateLimit: configuration.maxRate)
    }

    /// Positions from the tracker: a partition is at its end only when fully read AND every
    /// output of it was acknowledged; otherwise at the first offset not entirely delivered.
    func summary(outcome: ReplaySummary.Outcome) -> ReplaySummary {
        let delivered = Dictionary(
            tracker.pendingCommits(includeCommitted: true).map { ($0.partition, $0.offset) }, uniquingKeysWith: max)
        let rows = plan.partitions.map { p in
            let st = parts[p.partition]!
            var reached = p.start
            if outcome != .dryRun {
                let c = max(delivered[p.partition] ?? p.start, p.start)
                let allDelivered = st.lastProcessed.map { c > $0 } ?? true
                reached = st.done && allDelivered ? p.end : min(c, p.end)
            }
            return ReplaySummary.Partition(
                partition: p.partition, start: p.start, end: p.end, reached: reached, articles: st.articles)
        }
        let reading: Duration? = firstRead.flatMap { f in lastRead.map { f.duration(to: $0) } }
        return ReplaySummary(
            outcome: outcome, plan: plan, partitions: rows, articles: articles,
            metrics: ledger.metrics.load(ordering: .relaxed),
            deadLetters: ledger.deadLetters.load(ordering: .relaxed),
            undelivered: ledger.undelivered.load(ordering: .relaxed),
            startedAt: startedAt, duration: ContinuousClock.now - t0, readingDuration: reading,
            rateLimit: configuration.maxRate)
    }
}
