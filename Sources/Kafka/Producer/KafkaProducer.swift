import Foundation
import Logging
import Synchronization

/// A Kafka producer: idempotent by default, every send completed by its delivery report.
///
/// `send` enqueues into librdkafka's bounded queue and returns; the completion runs later on the
/// producer's poll thread with the broker's acknowledgement (partition, offset) or a typed error
/// (after librdkafka's retries). When the queue is full, `send` blocks up to `enqueueTimeout`
/// for deliveries to free space — backpressure instead of unbounded memory growth.
///
/// - Important: completions run on the producer's poll thread: keep them short and never block
///   them on another `send` (that would wait for the very thread that frees space).
public final class KafkaProducer: Sendable {
    let client: RdKafkaClient
    private let poller: PollThread
    private let closed = Atomic<Bool>(false)
    private let logger: Logger
    /// How long `send` waits for queue space before failing with `_QUEUE_FULL`.
    public let enqueueTimeout: Duration
    /// True when configured with a `transactional.id`.
    public let isTransactional: Bool

    public init(
        config: KafkaConfig, logger: Logger = Logger(label: "tally.kafka.producer"),
        enqueueTimeout: Duration = .seconds(30),
        onStatistics: (@Sendable (KafkaStatistics) -> Void)? = nil,
        onError: (@Sendable (KafkaError) -> Void)? = nil
    ) throws(KafkaError) {
        let context = ClientContext(logger: logger, onStatistics: onStatistics, onError: onError)
        let client = try RdKafkaClient(
            kind: .producer, config: config, defaults: KafkaConfig.producerDefaults, context: context,
            enableDeliveryReports: true)
        self.client = client
        self.logger = logger
        self.enqueueTimeout = enqueueTimeout
        self.isTransactional = config["transactional.id"] != nil
        self.poller = PollThread(name: "kafka-producer-poll") { client.poll(timeout: .milliseconds(100)) }
        logger.debug("producer created", metadata: ["config": "\(config)"])
    }

    deinit {
        close(timeout: .seconds(5))
    }

    /// Enqueues `message`; `completion` receives the delivery report or the final error.
    ///
    /// Throws (and never calls `completion`) when the message cannot even be enqueued: unknown
    /// partition, message too large, queue still full after `enqueueTimeout`, fatal producer state.
    public func send(
        _ message: ProducerMessage,
        completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        guard !closed.load(ordering: .acquiring) else { throw .local(.state, "producer is closed") }
        let box = Unmanaged.passRetained(DeliveryBox(completion))
        let deadline = Date(timeIntervalSinceNow: Double(enqueueTimeout.milliseconds) / 1000)
        while true {
            let code = client.produce(message, opaque: box.toOpaque())
            if code == .noError { return }
            if code == .queueFull && Date() < deadline {
                client.context.queueSpace.wait(until: min(deadline, Date(timeIntervalSinceNow: 0.1)))
                continue
            }
            box.release()
            if code == .fatal, let fatal = client.fatalError { throw fatal }
            throw KafkaError(
                code: code, message: "produce to \(message.topic): \(code.summary)",
                isRetriable: code.isTypicallyRetriable)
        }
    }

    /// Sends `message` and waits for its delivery report.
    public func send(_ message: ProducerMessage) async throws(KafkaError) -> DeliveryReport {
        let result: Result<DeliveryReport, KafkaError> = await withCheckedContinuation { cont in
            do throws(KafkaError) {
                try self.send(message) { cont.resume(returning: $0) }
            } catch {
                cont.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Waits until every enqueued message has its delivery report, or throws `_TIMED_OUT`.
    public func flush(timeout: Duration) throws(KafkaError) {
        try client.flush(timeout: timeout)
    }

    /// Messages enqueued or in flight, not yet reported.
    public var outstandingCount: Int { client.outstandingCount }

    /// The fatal error that made this producer unusable (e.g. fenced by a newer instance), if any.
    public var fatalError: KafkaError? { client.fatalError }

    /// Flushes for up to `timeout`, then fails what is still queued (each completion receives a
    /// `_PURGE_QUEUE`/`_PURGE_INFLIGHT` error — nothing is dropped silently) and stops polling.
    /// Idempotent; `send` throws afterwards.
    public func close(timeout: Duration = .seconds(30)) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if (try? client.flush(timeout: timeout)) == nil {
            logger.warning(
                "producer closing with undelivered messages; failing them", metadata: ["count": "\(outstandingCount)"])
            client.purgeAll()
            try? client.flush(timeout: .seconds(1))  // serves the purged messages' reports
        }
        poller.stop()
    }
}

/// What the delivery report callback completes; retained per message until its report.
final class DeliveryBox: Sendable {
    let completion: @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    init(_ completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void) {
        self.completion = completion
    }
}
