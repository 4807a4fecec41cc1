internal import CRdKafka
internal import CRdKafkaShim
import Logging

/// The consumer calls of librdkafka, with Swift types in and out (`KafkaConsumer` is built on these).
extension RdKafkaClient {
    /// librdkafka's version (`RD_KAFKA_VERSION`) this binary was compiled against.
    static var compiledVersion: Int32 { Int32(tally_compiled_version()) }

    /// Routes the handle's main queue (statistics, errors, rebalances) to `consumerPoll`, and
    /// installs the rebalance handling (`handler` runs inside `consumerPoll`/`consumerClose`).
    func becomeConsumer(rebalanceHandler handler: (@Sendable (RebalanceEvent) -> Void)?, logger: Logger) {
        rd_kafka_poll_set_consumer(handle)
        // The handle, not the client: the context must not retain its owner (a cycle would leak it).
        let handle = HandleRef(pointer: handle)
        context.rebalance.withLock {
            $0 = { err, partitions in
                Self.rebalance(
                    handle: handle.pointer, err: err, partitions: partitions, handler: handler, logger: logger)
            }
        }
    }

    func subscribe(_ topics: [String]) throws(KafkaError) {
        let list = TopicPartitionList(partitions: topics.map { TopicPartition($0, RD_KAFKA_PARTITION_UA) })
        try check(rd_kafka_subscribe(handle, list.pointer), "subscribe to \(topics)")
    }

    func unsubscribe() throws(KafkaError) {
        try check(rd_kafka_unsubscribe(handle), "unsubscribe")
    }

    func assign(_ partitions: [TopicPartitionOffset]?) throws(KafkaError) {
        guard let partitions else { return try check(rd_kafka_assign(handle, nil), "unassign") }
        let list = TopicPartitionList(partitions)
        try check(rd_kafka_assign(handle, list.pointer), "assign \(partitions)")
    }

    func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try check(rd_kafka_assignment(handle, &list), "assignment")
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return TopicPartitionList.read(list).map(\.topicPartition).sorted()
    }

    var memberID: String {
        guard let id = rd_kafka_memberid(handle) else { return "" }
        defer { rd_kafka_mem_free(handle, id) }
        return String(cString: id)
    }

    func groupMetadata() throws(KafkaError) -> ConsumerGroupMetadata {
        guard let md = rd_kafka_consumer_group_metadata(handle) else {
            throw .local(.state, "consumer has no group metadata (no group.id?)")
        }
        return ConsumerGroupMetadata(md)
    }

    /// One `rd_kafka_consumer_poll` (single messages only: `consume_batch` is unsafe with
    /// pause/seek/rebalance in 2.0.2). Throws only fatal errors.
    func consumerPoll(timeout: Duration) throws(KafkaError) -> ConsumerEvent? {
        guard let msg = rd_kafka_consumer_poll(handle, timeout.milliseconds) else { return nil }
        defer { rd_kafka_message_destroy(msg) }
        let m = msg.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        switch m.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return .record(Self.record(msg, topic: topic))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .partitionEOF(TopicPartition(topic, m.partition), offset: m.offset)
        case RD_KAFKA_RESP_ERR__FATAL:
            throw fatalError ?? KafkaError(m.err, context: "consumer")
        default:
            let detail = m.payload.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: m.len), as: UTF8.self)
            }
            let location = topic.isEmpty ? "" : " (\(topic)[\(m.partition)])"
            let code = KafkaError.Code(m.err)
            return .error(
                KafkaError(
                    code: code, message: "\(detail ?? code.summary)\(location)", isRetriable: code.isTypicallyRetriable)
            )
        }
    }

    func store(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        let list = TopicPartitionList(offsets)
        try check(rd_kafka_offsets_store(handle, list.pointer), "store offsets")
        try list.throwFirstError("store offsets")
    }

    /// Commits `offsets` (nil: every stored offset); nothing new to commit is no error.
    func commit(_ offsets: [TopicPartitionOffset]?, async: Bool) throws(KafkaError) {
        let list = offsets.map { TopicPartitionList($0) }
        let err = rd_kafka_commit(handle, list?.pointer, async ? 1 : 0)
        if err == RD_KAFKA_RESP_ERR__NO_OFFSET { return }
        try check(err, "commit")
        if !async { try list?.throwFirstError("commit") }
    }

    func committed(_ partitions: [TopicPartition], timeout: Duration) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_committed(handle, list.pointer, timeout.milliseconds), "committed offsets")
        return list.elements
    }

    func position(_ partitions: [TopicPartition]) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_position(handle, list.pointer), "position")
        return list.elements
    }

    func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_pause_partitions(handle, list.pointer), "pause")
        try list.throwFirstError("pause")
    }

    func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_resume_partitions(handle, list.pointer), "resume")
        try list.throwFirstError("resume")
    }

    func seek(_ offsets: [TopicPartitionOffset], timeout: Duration) throws(KafkaError) {
        let list = TopicPartitionList(offsets)
        try check(rd_kafka_seek_partitions(handle, list.pointer, timeout.milliseconds), "seek")
        // Timeout zero is asynchronous: the partitions say _IN_PROGRESS, which is no error.
        if timeout > .zero { try list.throwFirstError("seek") }
    }

    /// Watermarks as last seen by this consumer's fetches (no request); nil when unknown.
    func cachedWatermarks(_ tp: TopicPartition) -> Watermarks? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(handle, tp.topic, tp.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return Watermarks(low: low, high: high)
    }

    /// Leaves the group (the final revocation runs the rebalance handler); an error is returned, not thrown.
    func consumerClose() -> KafkaError? {
        let err = rd_kafka_consumer_close(handle)
        return err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err)
    }

    var rebalanceProtocol: String {
        rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } ?? "NONE"
    }

    // MARK: Internals

    private static func rebalance(
        handle: OpaquePointer, err: rd_kafka_resp_err_t,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        handler: (@Sendable (RebalanceEvent) -> Void)?, logger: Logger
    ) {
        let tps = partitions.map { TopicPartitionList.read($0).map(\.topicPartition).sorted() } ?? []
        let cooperative = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("partitions assigned", metadata: ["partitions": "\(tps)"])
            if cooperative {
                if let e = rd_kafka_incremental_assign(handle, partitions) {
                    logger.error("\(KafkaError(consuming: e))")
                }
            } else {
                let e = rd_kafka_assign(handle, partitions)
                if e != RD_KAFKA_RESP_ERR_NO_ERROR { logger.error("assign: \(KafkaError(e))") }
            }
            handler?(.assigned(tps))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(handle) != 0
            logger.info("partitions revoked", metadata: ["partitions": "\(tps)", "lost": "\(lost)"])
            handler?(.revoked(tps, lost: lost))
            if cooperative {
                if let e = rd_kafka_incremental_unassign(handle, partitions) {
                    logger.error("\(KafkaError(consuming: e))")
                }
            } else {
                _ = rd_kafka_assign(handle, nil)
            }
        default:
            logger.error("rebalance error: \(KafkaError(err))")
            handler?(.revoked(tps, lost: true))
            _ = rd_kafka_assign(handle, nil)
        }
    }

    private static func record(_ msg: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) -> ConsumerRecord {
        let m = msg.pointee
        let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) }
        let key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ts = rd_kafka_message_timestamp(msg, &tsType)
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(msg, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var i = 0
            var name: UnsafePointer<CChar>?
            var val: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append(
                    KafkaHeader(
                        key: name.map { String(cString: $0) } ?? "",
                        value: val.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
                i += 1
            }
        }
        let type: ConsumerRecord.TimestampType =
            switch tsType {
            case RD_KAFKA_TIMESTAMP_CREATE_TIME: .createTime
            case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME: .logAppendTime
            default: .notAvailable
            }
        return ConsumerRecord(
            topic: topic, partition: m.partition, offset: m.offset, key: key, value: value, headers: headers,
            timestampMs: type == .notAvailable ? nil : ts, timestampType: type)
    }
}
