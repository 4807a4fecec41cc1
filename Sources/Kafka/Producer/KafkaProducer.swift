import CRdKafka
import CRdKafkaShim
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
        self.poller = PollThread(name: "kafka-producer-poll") {
            rd_kafka_poll(client.handle, 100)
        }
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
            let err = enqueue(message, opaque: box.toOpaque())
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL && Date() < deadline {
                client.context.queueSpace.wait(until: min(deadline, Date(timeIntervalSinceNow: 0.1)))
                continue
            }
            box.release()
            if err == RD_KAFKA_RESP_ERR__FATAL, let fatal = client.fatalError { throw fatal }
            throw KafkaError(err, context: "produce to \(message.topic)")
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
        try check(rd_kafka_flush(client.handle, timeout.milliseconds), "flush")
    }

    /// Messages enqueued or in flight, not yet reported.
    public var outstandingCount: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// The fatal error that made this producer unusable (e.g. fenced by a newer instance), if any.
    public var fatalError: KafkaError? { client.fatalError }

    /// Flushes for up to `timeout`, then fails what is still queued (each completion receives a
    /// `_PURGE_QUEUE`/`_PURGE_INFLIGHT` error — nothing is dropped silently) and stops polling.
    /// Idempotent; `send` throws afterwards.
    public func close(timeout: Duration = .seconds(30)) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if rd_kafka_flush(client.handle, timeout.milliseconds) != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("producer closing with undelivered messages; failing them", metadata: ["count": "\(outstandingCount)"])
            rd_kafka_purge(client.handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            _ = rd_kafka_flush(client.handle, 1000)  // serves the purged messages' reports
        }
        poller.stop()
    }

    private func enqueue(_ m: ProducerMessage, opaque: UnsafeMutableRawPointer) -> rd_kafka_resp_err_t {
        let headers = makeHeaders(m.headers)
        let err = withOptionalBytes(m.value) { value, valueLen in
            withOptionalBytes(m.key) { key, keyLen in
                tally_producev(
                    client.handle, m.topic, m.partition ?? RD_KAFKA_PARTITION_UA, value, valueLen, key, keyLen,
                    m.timestampMs ?? 0, headers, opaque)
            }
        }
        // On failure the headers are still ours (see tally_producev); on success librdkafka owns them.
        if err != RD_KAFKA_RESP_ERR_NO_ERROR, let headers { rd_kafka_headers_destroy(headers) }
        return err
    }
}

/// What the delivery report callback completes; retained per message until its report.
final class DeliveryBox: Sendable {
    let completion: @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    init(_ completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void) {
        self.completion = completion
    }
}

let deliveryReportCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, message, opaque in
    guard let message else { return }
    let ctx = ClientContext.from(opaque)
    defer { ctx?.queueSpace.signal() }
    guard let priv = message.pointee._private else { return }
    let box = Unmanaged<DeliveryBox>.fromOpaque(priv).takeRetainedValue()
    let m = message.pointee
    let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
    if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
        var tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ts = rd_kafka_message_timestamp(message, &tsType)
        box.completion(
            .success(
                DeliveryReport(
                    topic: topic, partition: m.partition, offset: m.offset,
                    timestampMs: tsType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : ts)))
    } else {
        let persisted: String =
            switch rd_kafka_message_status(message) {
            case RD_KAFKA_MSG_STATUS_PERSISTED: "persisted"
            case RD_KAFKA_MSG_STATUS_POSSIBLY_PERSISTED: "possibly persisted"
            default: "not persisted"
            }
        let code = KafkaError.Code(m.err)
        box.completion(
            .failure(
                KafkaError(
                    code: code, message: "delivery to \(topic) failed (\(persisted)): \(code.summary)",
                    isRetriable: code.isTypicallyRetriable)))
    }
}

/// Builds an `rd_kafka_headers_t` (nil for none).
func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
    guard !headers.isEmpty, let hdrs = rd_kafka_headers_new(headers.count) else { return nil }
    for h in headers {
        withOptionalBytes(h.value) { ptr, len in
            _ = rd_kafka_header_add(hdrs, h.key, -1, ptr, len)
        }
    }
    return hdrs
}

/// Calls `body` with a pointer and length for `bytes` (nil, 0 for nil).
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
}
