import CRdKafka
import CRdKafkaShim
import Logging
import Synchronization

/// A Kafka consumer: group subscription with rebalance handling, or plain assignment.
///
/// Offsets are the application's: `enable.auto.offset.store=false` and
/// `enable.auto.commit=false` by default, so nothing is marked consumed before the caller says
/// it is processed (`store` / `commit`). Assignment is eager (`range,roundrobin`) by default.
///
/// - Important: call `poll` from one thread only. The rebalance handler and the statistics and
///   error handlers run on that thread, inside `poll` (and inside `close`). Every other method
///   may be called from any thread.
public final class KafkaConsumer: Sendable {
    let client: RdKafkaClient
    private let logger: Logger
    private let closed = Atomic<Bool>(false)

    /// - Parameters:
    ///   - rebalanceHandler: called on assignment changes; on `.revoked` it must finish and commit
    ///     the partitions' work before returning (they are released when it returns).
    public init(
        config: KafkaConfig, logger: Logger = Logger(label: "tally.kafka.consumer"),
        rebalanceHandler: (@Sendable (RebalanceEvent) -> Void)? = nil,
        onStatistics: (@Sendable (KafkaStatistics) -> Void)? = nil,
        onError: (@Sendable (KafkaError) -> Void)? = nil
    ) throws(KafkaError) {
        let context = ClientContext(logger: logger, onStatistics: onStatistics, onError: onError)
        var config = config
        if config.groupID == nil {
            // librdkafka 2.0.2 refuses assign() without a group.id (_UNKNOWN_GROUP). A private,
            // never-joined id keeps assign-only readers (replay, lag probes) out of every real group.
            config.groupID = "tally-unjoined-\(UInt64.random(in: 1...UInt64.max))"
        }
        let client = try RdKafkaClient(
            kind: .consumer, config: config, defaults: KafkaConfig.consumerDefaults, context: context,
            enableRebalance: true)
        self.client = client
        self.logger = logger
        // Route the handle's main queue (statistics, errors, rebalances) to consumer_poll.
        rd_kafka_poll_set_consumer(client.handle)
        // The handle, not the client: the context must not retain its owner (a cycle would leak it).
        let handle = HandleRef(pointer: client.handle)
        context.rebalance.withLock {
            $0 = { err, partitions in
                Self.rebalance(handle: handle.pointer, err: err, partitions: partitions, handler: rebalanceHandler, logger: logger)
            }
        }
        if let strategy = client.effectiveConfig["partition.assignment.strategy"], strategy.contains("cooperative"),
            tally_compiled_version() < 0x0203_00ff
        {
            logger.warning(
                "cooperative-sticky assignment on librdkafka < 2.3 has known bugs; prefer the default eager strategy",
                metadata: ["strategy": "\(strategy)"])
        }
    }

    deinit { close() }

    // MARK: Subscription and assignment

    public func subscribe(_ topics: [String]) throws(KafkaError) {
        let list = TopicPartitionList(partitions: topics.map { TopicPartition($0, RD_KAFKA_PARTITION_UA) })
        try check(rd_kafka_subscribe(client.handle, list.pointer), "subscribe to \(topics)")
    }

    public func unsubscribe() throws(KafkaError) {
        try check(rd_kafka_unsubscribe(client.handle), "unsubscribe")
    }

    /// Reads these partitions from these offsets without a group (or outside the group's
    /// assignment): bounded reads for replay, lag probes, tests. Replaces the assignment.
    public func assign(_ partitions: [TopicPartitionOffset]) throws(KafkaError) {
        let list = TopicPartitionList(partitions)
        try check(rd_kafka_assign(client.handle, list.pointer), "assign \(partitions)")
    }

    public func unassign() throws(KafkaError) {
        try check(rd_kafka_assign(client.handle, nil), "unassign")
    }

    /// The partitions currently assigned to this consumer.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try check(rd_kafka_assignment(client.handle, &list), "assignment")
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return TopicPartitionList.read(list).map(\.topicPartition).sorted()
    }

    /// This member's id in the group (empty before the first join).
    public var memberID: String {
        guard let id = rd_kafka_memberid(client.handle) else { return "" }
        defer { rd_kafka_mem_free(client.handle, id) }
        return String(cString: id)
    }

    /// The group membership a transaction needs (`KafkaProducer.sendOffsetsToTransaction`).
    public func groupMetadata() throws(KafkaError) -> ConsumerGroupMetadata {
        guard let md = rd_kafka_consumer_group_metadata(client.handle) else {
            throw .local(.state, "consumer has no group metadata (no group.id?)")
        }
        return ConsumerGroupMetadata(md)
    }

    // MARK: Polling

    /// Waits up to `timeout` for the next record or event; nil when none arrived.
    /// Throws only fatal errors (the consumer must then be recreated).
    public func poll(timeout: Duration) throws(KafkaError) -> ConsumerEvent? {
        guard let msg = rd_kafka_consumer_poll(client.handle, timeout.milliseconds) else { return nil }
        defer { rd_kafka_message_destroy(msg) }
        let m = msg.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        switch m.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return .record(Self.record(msg, topic: topic))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .partitionEOF(TopicPartition(topic, m.partition), offset: m.offset)
        case RD_KAFKA_RESP_ERR__FATAL:
            throw client.fatalError ?? KafkaError(m.err, context: "consumer")
        default:
            let detail = m.payload.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: m.len), as: UTF8.self) }
            let where_ = topic.isEmpty ? "" : " (\(topic)[\(m.partition)])"
            let code = KafkaError.Code(m.err)
            return .error(
                KafkaError(
                    code: code, message: "\(detail ?? code.summary)\(where_)", isRetriable: code.isTypicallyRetriable))
        }
    }

    // MARK: Offsets

    /// Marks these offsets (next offset to read) for the next commit. With the default
    /// `enable.auto.commit=false` nothing is committed until `commit()`.
    public func store(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(offsets)
        try check(rd_kafka_offsets_store(client.handle, list.pointer), "store offsets")
        try list.throwFirstError("store offsets")
    }

    /// Commits `offsets` (or, when nil, every stored offset), waiting for the broker's answer.
    public func commit(_ offsets: [TopicPartitionOffset]? = nil) throws(KafkaError) {
        let list = offsets.map { TopicPartitionList($0) }
        let err = rd_kafka_commit(client.handle, list?.pointer, 0)
        if err == RD_KAFKA_RESP_ERR__NO_OFFSET { return }  // nothing new to commit
        try check(err, "commit")
        try list?.throwFirstError("commit")
    }

    /// Commits without waiting; a failure is logged (the next commit carries the same offsets).
    public func commitAsync(_ offsets: [TopicPartitionOffset]? = nil) throws(KafkaError) {
        let list = offsets.map { TopicPartitionList($0) }
        let err = rd_kafka_commit(client.handle, list?.pointer, 1)
        if err == RD_KAFKA_RESP_ERR__NO_OFFSET { return }
        try check(err, "commit")
    }

    /// The group's committed offsets for these partitions (`KafkaOffset.invalid` where none).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_committed(client.handle, list.pointer, timeout.milliseconds), "committed offsets")
        return list.elements
    }

    /// The next offset this consumer will return per partition (`KafkaOffset.invalid` before the first fetch).
    public func position(_ partitions: [TopicPartition]) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_position(client.handle, list.pointer), "position")
        return list.elements
    }

    // MARK: Flow control

    /// Stops fetching these partitions (already fetched records may still be returned by `poll`).
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        guard !partitions.isEmpty else { return }
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_pause_partitions(client.handle, list.pointer), "pause")
        try list.throwFirstError("pause")
    }

    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        guard !partitions.isEmpty else { return }
        let list = TopicPartitionList(partitions: partitions)
        try check(rd_kafka_resume_partitions(client.handle, list.pointer), "resume")
        try list.throwFirstError("resume")
    }

    /// Moves the fetch position of assigned partitions; the next `poll` returns records from there.
    /// With a zero timeout the seek is asynchronous (errors arrive as consumer errors).
    public func seek(_ offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10)) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(offsets)
        try check(rd_kafka_seek_partitions(client.handle, list.pointer, timeout.milliseconds), "seek")
        if timeout > .zero { try list.throwFirstError("seek") }  // timeout zero: asynchronous, partitions say _IN_PROGRESS
    }

    // MARK: Watermarks

    /// Watermarks as last seen by this consumer's fetches (no request); nil when unknown.
    public func cachedWatermarks(_ tp: TopicPartition) -> Watermarks? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(client.handle, tp.topic, tp.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return Watermarks(low: low, high: high)
    }

    /// Watermarks asked of the partition leader, waiting at most `timeout`.
    public func watermarks(_ tp: TopicPartition, timeout: Duration = .seconds(10)) throws(KafkaError) -> Watermarks {
        try client.queryWatermarks(tp, timeout: timeout)
    }

    /// Earliest offsets whose timestamps are >= the given ones (ms); `KafkaOffset.end` where none.
    public func offsetsForTimes(_ query: [TopicPartition: Int64], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        try client.offsetsForTimes(query, timeout: timeout)
    }

    // MARK: Closing

    /// Leaves the group (running the rebalance handler for the final revocation, so in-flight
    /// work can be committed) and stops fetching. Idempotent.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let err = rd_kafka_consumer_close(client.handle)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close: \(KafkaError(err))")
        }
    }

    /// The fatal error that made this consumer unusable, if any.
    public var fatalError: KafkaError? { client.fatalError }

    /// The rebalance protocol in use: "EAGER", "COOPERATIVE" or "NONE".
    public var rebalanceProtocol: String {
        rd_kafka_rebalance_protocol(client.handle).map { String(cString: $0) } ?? "NONE"
    }

    // MARK: Internals

    private static func rebalance(
        handle: OpaquePointer, err: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        handler: (@Sendable (RebalanceEvent) -> Void)?, logger: Logger
    ) {
        let tps = partitions.map { TopicPartitionList.read($0).map(\.topicPartition).sorted() } ?? []
        let cooperative = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("partitions assigned", metadata: ["partitions": "\(tps)"])
            if cooperative {
                if let e = rd_kafka_incremental_assign(handle, partitions) { logger.error("\(KafkaError(consuming: e))") }
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
                if let e = rd_kafka_incremental_unassign(handle, partitions) { logger.error("\(KafkaError(consuming: e))") }
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
