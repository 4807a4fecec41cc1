internal import CRdKafka
import Logging
import Synchronization

/// What librdkafka's callbacks reach through the configuration opaque.
///
/// - Important: librdkafka calls the log callback from its own threads and the others from
///   whichever thread serves the handle's queue (the producer's poll thread, the consumer's
///   `poll` caller). Everything here is therefore thread-safe; the handlers are set once,
///   before the handle exists, and never change.
final class ClientContext: Sendable {
    let logger: Logger
    let onStatistics: (@Sendable (KafkaStatistics) -> Void)?
    let onError: (@Sendable (KafkaError) -> Void)?
    /// Signalled on every delivery report, to wake senders waiting for queue space.
    let queueSpace = QueueSpace()
    /// Set by the consumer before the handle is created.
    let rebalance:
        Mutex<(@Sendable (rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> Void)?> =
            Mutex(nil)

    init(
        logger: Logger, onStatistics: (@Sendable (KafkaStatistics) -> Void)?,
        onError: (@Sendable (KafkaError) -> Void)?
    ) {
        self.logger = logger
        self.onStatistics = onStatistics
        self.onError = onError
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ClientContext? {
        guard let opaque else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

// MARK: - C callbacks (no captures: they find the context through the opaque)

let logCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    rk, level, facility, message in
    guard let rk, let ctx = ClientContext.from(rd_kafka_opaque(rk)) else { return }
    let fac = facility.map { String(cString: $0) } ?? ""
    let text = message.map { String(cString: $0) } ?? ""
    // syslog levels: 0 emerg … 3 err, 4 warning, 5 notice, 6 info, 7 debug
    // AUTOCREATE: brokers that predate Metadata v4 (librdkafka's mock cluster among them) cannot be
    // told allow.auto.create.topics=false; librdkafka warns on every metadata request. Tally
    // never relies on auto-creation, so this is noise, not a warning.
    let lvl: Logger.Level =
        switch fac == "AUTOCREATE" ? 7 : level {
        case ...3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    ctx.logger.log(level: lvl, "\(text)", metadata: ["rdkafka.facility": "\(fac)"])
}

let errorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    rk, err, reason, opaque in
    guard let ctx = ClientContext.from(opaque) else { return }
    let code = rd_kafka_resp_err_t(rawValue: err)
    var error = KafkaError(code, context: reason.map { String(cString: $0) })
    if code == RD_KAFKA_RESP_ERR__FATAL, let rk {
        // The real cause of a fatal error is fetched separately.
        var buf = [CChar](repeating: 0, count: 512)
        let real = rd_kafka_fatal_error(rk, &buf, buf.count)
        error = KafkaError(
            code: KafkaError.Code(real), message: String(cBuffer: buf), isFatal: true)
    }
    ctx.logger.log(level: error.isFatal ? .critical : .warning, "\(error)")
    ctx.onError?(error)
}

let statisticsCallback:
    @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?) -> Int32 = {
        _, json, length, opaque in
        guard let ctx = ClientContext.from(opaque), let handler = ctx.onStatistics, let json else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: json, count: length)
        if let stats = KafkaStatistics(json: Array(bytes)) { handler(stats) }
        return 0  // librdkafka frees the JSON
    }

let rebalanceCallback:
    @convention(c) (
        OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        UnsafeMutableRawPointer?
    ) -> Void = {
        rk, err, partitions, opaque in
        guard let ctx = ClientContext.from(opaque), let handler = ctx.rebalance.withLock({ $0 }) else {
            // No handler installed: do what librdkafka would do without a callback.
            if let rk {
                if err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
                    rd_kafka_assign(rk, partitions)
                } else {
                    rd_kafka_assign(rk, nil)
                }
            }
            return
        }
        handler(err, partitions)
    }

let offsetCommitCallback:
    @convention(c) (
        OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        UnsafeMutableRawPointer?
    ) -> Void = {
        _, err, offsets, opaque in
        guard let ctx = ClientContext.from(opaque) else { return }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            let list = offsets.map { TopicPartitionList.read($0) } ?? []
            ctx.logger.warning(
                "offset commit failed",
                metadata: ["error": "\(KafkaError(err))", "offsets": "\(list)"])
        }
    }
