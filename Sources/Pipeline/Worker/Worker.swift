import Foundation
import Kafka
import Logging
import ServiceLifecycle
import Synchronization

/// The streaming worker behind `tally run`: raw articles in, metric events (or dead letters) out.
///
/// One poll thread owns the consumer: it registers each record with the `OffsetTracker` and
/// hands it to the `WorkerPool`; a worker queue parses it and produces its outputs; delivery
/// reports (on the producer's thread) acknowledge them; the poll thread commits what the tracker
/// says is complete. At-least-once by default; `exactlyOnce` runs `TransactionalLoop` instead.
///
/// A `Service`: SIGTERM (through a `ServiceGroup`) stops fetching, drains in-flight records,
/// flushes, commits and leaves the group before `run()` returns.
public final class Worker: Service, Sendable {
    public let configuration: WorkerConfiguration
    public let state = WorkerState()
    /// The record path both loops run (`transform`, when given, replaces parsing: benchmarks).
    let step: RecordStep
    let metrics: PipelineMetrics
    let logger: Logger
    private let stopRequested = Atomic<Bool>(false)

    public init(
        configuration: WorkerConfiguration, processor: ArticleProcessor? = nil,
        metrics: PipelineMetrics = PipelineMetrics(),
        logger: Logger = Logger(label: "tally.worker"),
        transform: (@Sendable (ConsumerRecord) -> [ProducerMessage])? = nil
    ) {
        self.configuration = configuration
        let processor =
            processor
            ?? ArticleProcessor(
                options: .init(
                    outputTopic: configuration.outputTopic, deadLetterTopic: configuration.deadLetterTopic,
                    maxBodyBytes: configuration.maxBodyBytes,
                    maxDeadLetterPayloadBytes: configuration.maxDeadLetterPayloadBytes,
                    summaryTopic: configuration.summaryTopic, maxHTMLBytes: configuration.maxHTMLBytes))
        self.step = RecordStep(processor: processor, metrics: metrics, logger: logger, transform: transform)
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs until `stop()` (or graceful shutdown of the service group), then drains and commits.
    /// Throws when the worker had to stop on an error (lost output, fatal Kafka error, missing topic).
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    do {
                        try self.runBlocking()
                        cont.resume()
                    } catch {
                        cont.resume(throwing: error)
                    }
                }
                thread.name = "tally-poll"
                thread.stackSize = 4 << 20
                thread.start()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Asks the worker to stop: no new records are fetched; in-flight ones finish and are committed.
    public func stop() {
        if !stopRequested.exchange(true, ordering: .acquiringAndReleasing) {
            logger.info("stop requested: draining")
        }
    }

    var isStopRequested: Bool { stopRequested.load(ordering: .acquiring) }

    /// The worker loop on the calling thread (what `run()` runs on its own thread).
    public func runBlocking() throws {
        do {
            try checkTopics()
            try runLoop()
            state.set(.stopped)
            logger.info("worker stopped")
        } catch {
            state.fail("\(error)")
            logger.error("worker failed: \(error)")
            throw error
        }
    }

    /// Fails fast, with the topic's name, when an input or output topic does not exist.
    func checkTopics() throws {
        let admin = try KafkaAdmin(config: configuration.kafka, logger: logger)
        for topic in [configuration.inputTopic, configuration.outputTopic, configuration.deadLetterTopic]
            + [configuration.summaryTopic].compactMap({ $0 })
        {
            if case .failure(let e) = Result(catching: { () throws(KafkaError) in try admin.partitions(of: topic) }) {
                if e.code == .unknownTopicOrPartition {
                    throw WorkerError("topic '\(topic)' does not exist (create it, or fix the topic setting)")
                }
                throw e
            }
        }
    }

    /// Runs the delivery mode's loop, and runs it again with new clients when the consumer or the
    /// producer had a partition stranded on a broker that is not its leader (`LeaderMismatchWatch`):
    /// the loop stops as on a stop request (drains, commits, leaves the group), so nothing is lost
    /// or skipped, and the new consumer starts from the commits.
    private func runLoop() throws {
        while true {
            let restart = ClientRestart(consumer: leaderMismatchWatch(), producer: leaderMismatchWatch())
            try runLoop(restart)
            guard let (client, reason) = restart.reason, !isStopRequested else { return }
            metrics.clientRestarts(client).increment()
            logger.warning("restarting the Kafka clients: the \(client)'s \(reason)")
        }
    }

    /// A client's watch, unless it is off: by setting, without statistics, or with `client.rack`
    /// (a consumer with a rack may fetch from a follower on purpose).
    func leaderMismatchWatch() -> LeaderMismatchWatch? {
        let c = configuration
        guard c.leaderMismatchTimeout > .zero, c.statisticsInterval > .zero, c.kafka["client.rack"] == nil else {
            return nil
        }
        return LeaderMismatchWatch(timeout: c.leaderMismatchTimeout)
    }

    /// Creates the clients and runs the delivery mode's loop with them.
    private func runLoop(_ restart: ClientRestart) throws {
        let c = configuration
        let producer = try KafkaProducer(
            config: producerConfig(), logger: logger, onStatistics: { restart.observe(producer: $0) })
        let rebalances = RebalanceRelay()
        let consumer = try KafkaConsumer(
            config: consumerConfig(), logger: logger, rebalanceHandler: rebalances.forward,
            onStatistics: { [metrics, state] in
                metrics.recordStatistics($0)
                restart.observe(consumer: $0, assigned: state.assignment)
            })
        let io = LoopCollaborators(
            consumer: consumer, rebalances: rebalances, producer: producer, step: step, metrics: metrics, state: state,
            logger: logger, isStopRequested: { [self] in isStopRequested || restart.isRequested })
        if c.exactlyOnce {
            try TransactionalLoop(
                settings: .init(
                    inputTopic: c.inputTopic, transactionalID: c.effectiveTransactionalID,
                    transactionMaxRecords: c.transactionMaxRecords, transactionInterval: c.transactionInterval,
                    drainTimeout: c.drainTimeout),
                io
            ).run()
        } else {
            try AtLeastOnceLoop(
                settings: .init(
                    inputTopic: c.inputTopic, groupID: c.groupID, maxInFlight: c.maxInFlight,
                    maxInFlightBytes: c.maxInFlightBytes,
                    commitInterval: c.commitInterval, drainTimeout: c.drainTimeout),
                threads: c.workerThreads, io
            ).run()
        }
    }

    // MARK: Client configuration shared by both loops

    func consumerConfig() -> KafkaConfig {
        var c = configuration.kafka
        c.groupID = configuration.groupID
        if let instance = configuration.groupInstanceID { c["group.instance.id"] = instance }
        if configuration.statisticsInterval > .zero { c.statisticsIntervalMs = statisticsIntervalMs }
        if configuration.exactlyOnce && c["isolation.level"] == nil { c["isolation.level"] = "read_committed" }
        return c
    }

    private var statisticsIntervalMs: Int { Int(configuration.statisticsInterval.wholeMilliseconds) }

    func producerConfig() -> KafkaConfig {
        var c = configuration.kafka
        // Consumer-only keys would be rejected by a producer handle; drop them.
        for k in [
            "group.id", "group.instance.id", "isolation.level", "auto.offset.reset", "enable.auto.commit",
            "session.timeout.ms", "max.poll.interval.ms",
        ] {
            c[k] = nil
        }
        if configuration.exactlyOnce { c["transactional.id"] = configuration.effectiveTransactionalID }
        // The producer's statistics feed only the leader-mismatch watch (none of it is exported).
        if leaderMismatchWatch() != nil { c.statisticsIntervalMs = statisticsIntervalMs }
        return c
    }
}

/// What a delivery loop works with, handed over by the Worker (never the Worker itself): its
/// clients, the record step, metrics, the health state, the logger and the stop flag.
struct LoopCollaborators: Sendable {
    let consumer: KafkaConsumer
    /// The relay `consumer` was created with; the loop registers its rebalance handler here.
    let rebalances: RebalanceRelay
    let producer: KafkaProducer
    let step: RecordStep
    let metrics: PipelineMetrics
    let state: WorkerState
    let logger: Logger
    let isStopRequested: @Sendable () -> Bool
}

/// Whether the clients must be replaced: fed each statistics sample of the consumer (on the poll
/// thread) and of the producer (on its poll thread), it asks once a watch finds a stranded
/// partition; the loop sees it as a stop request.
final class ClientRestart: Sendable {
    enum Client: String, Sendable { case consumer, producer }
    private let consumerWatch: Mutex<LeaderMismatchWatch?>
    private let producerWatch: Mutex<LeaderMismatchWatch?>
    private let requested = Mutex<(Client, String)?>(nil)
    private let isSet = Atomic<Bool>(false)

    init(consumer: LeaderMismatchWatch?, producer: LeaderMismatchWatch?) {
        consumerWatch = Mutex(consumer)
        producerWatch = Mutex(producer)
    }

    func observe(consumer stats: KafkaStatistics, assigned: [TopicPartition]) {
        let found = consumerWatch.withLock { $0?.observe(stats.partitions, assigned: Set(assigned), at: .now) }
        if let found { request(.consumer, found) }
    }

    func observe(producer stats: KafkaStatistics) {
        let found = producerWatch.withLock { $0?.observe(stats.partitions, assigned: nil, at: .now) }
        if let found { request(.producer, found) }
    }

    private func request(_ client: Client, _ reason: String) {
        requested.withLock { if $0 == nil { $0 = (client, reason) } }
        isSet.store(true, ordering: .releasing)
    }

    /// Read for every record by the loop: an atomic load, no lock.
    var isRequested: Bool { isSet.load(ordering: .acquiring) }
    var reason: (Client, String)? { requested.withLock { $0 } }
}

/// Lets a loop handle the rebalances of a consumer created before it: the consumer is created
/// with `forward`, the loop registers its handler with `handle` before it subscribes.
final class RebalanceRelay: Sendable {
    private let handler = Mutex<(@Sendable (RebalanceEvent) -> Void)?>(nil)

    func handle(_ h: @escaping @Sendable (RebalanceEvent) -> Void) { handler.withLock { $0 = h } }

    var forward: @Sendable (RebalanceEvent) -> Void {
        { [self] event in handler.withLock { $0 }?(event) }
    }
}
