internal import CRdKafka
internal import CRdKafkaShim

/// The producer calls of librdkafka, with Swift types in and out (`KafkaProducer` is built on these).
extension RdKafkaClient {
    /// Serves delivery reports and callbacks (the producer's poll thread).
    func poll(timeout: Duration) {
        _ = rd_kafka_poll(handle, timeout.milliseconds)
    }

    func flush(timeout: Duration) throws(KafkaError) {
        try check(rd_kafka_flush(handle, timeout.milliseconds), "flush")
    }

    var outstandingCount: Int { Int(rd_kafka_outq_len(handle)) }

    /// Fails everything queued or in flight (each report gets a `_PURGE_*` error).
    func purgeAll() {
        rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
    }

    /// Enqueues through `rd_kafka_producev` (the C shim): `produceva` has a header double free in 2.0.2.
    func produce(_ m: ProducerMessage, opaque: UnsafeMutableRawPointer) -> KafkaError.Code {
        let headers = makeHeaders(m.headers)
        let err = withOptionalBytes(m.value) { value, valueLen in
            withOptionalBytes(m.key) { key, keyLen in
                tally_producev(
                    handle, m.topic, m.partition ?? RD_KAFKA_PARTITION_UA, value, valueLen, key, keyLen,
                    m.timestampMs ?? 0, headers, opaque)
            }
        }
        // On failure the headers are still ours (see tally_producev); on success librdkafka owns them.
        if err != RD_KAFKA_RESP_ERR_NO_ERROR, let headers { rd_kafka_headers_destroy(headers) }
        return KafkaError.Code(err)
    }
}

let deliveryReportCallback:
    @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
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
