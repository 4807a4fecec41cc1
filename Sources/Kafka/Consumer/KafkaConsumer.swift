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
        client.becomeConsumer(rebalanceHandler: rebalanceHandler, logger: logger)
        if let strategy = client.effectiveConfig["partition.assignment.strategy"], strategy.contains("cooperative"),
            RdKafkaClient.compiledVersion < 0x0203_00ff
        {
            logger.warning(
                "cooperative-sticky assignment on librdkafka < 2.3 has known bugs; prefer the default eager strategy",
                metadata: ["strategy": "\(strategy)"])
        }
    }

    deinit { close() }

    // MARK: Subscription and assignment

    public func subscribe(_ topics: [String]) throws(KafkaError) {
        try client.subscribe(topics)
    }

    public func unsubscribe() throws(KafkaError) {
        try client.unsubscribe()
    }

    /// Reads these partitions from these offsets without a group (or outside the group's
    /// assignment): bounded reads for replay, lag probes, tests. Replaces the assignment.
    public func assign(_ partitions: [TopicPartitionOffset]) throws(KafkaError) {
        try client.assign(partitions)
    }

    public func unassign() throws(KafkaError) {
        try client.assign(nil)
    }

    /// The partitions currently assigned to this consumer.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        try client.assignment()
    }

    /// This member's id in the group (empty before the first join).
    public var memberID: String { client.memberID }

    /// The group membership a transaction needs (`KafkaProducer.sendOffsetsToTransaction`).
    public func groupMetadata() throws(KafkaError) -> ConsumerGroupMetadata {
        try client.groupMetadata()
    }

    // MARK: Polling

    /// Waits up to `timeout` for the next record or event; nil when none arrived.
    /// Throws only fatal errors (the consumer must then be recreated).
    public func poll(timeout: Duration) throws(KafkaError) -> ConsumerEvent? {
        try client.consumerPoll(timeout: timeout)
    }

    // MARK: Offsets

    /// Marks these offsets (next offset to read) for the next commit. With the default
    /// `enable.auto.commit=false` nothing is committed until `commit()`.
    public func store(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try client.store(offsets)
    }

    /// Commits `offsets` (or, when nil, every stored offset), waiting for the broker's answer.
    public func commit(_ offsets: [TopicPartitionOffset]? = nil) throws(KafkaError) {
        try client.commit(offsets, async: false)
    }

    /// Commits without waiting; a failure is logged (the next commit carries the same offsets).
    public func commitAsync(_ offsets: [TopicPartitionOffset]? = nil) throws(KafkaError) {
        try client.commit(offsets, async: true)
    }

    /// The group's committed offsets for these partitions (`KafkaOffset.invalid` where none).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        try client.committed(partitions, timeout: timeout)
    }

    /// The next offset this consumer will return per partition (`KafkaOffset.invalid` before the first fetch).
    public func position(_ partitions: [TopicPartition]) throws(KafkaError) -> [TopicPartitionOffset] {
        try client.position(partitions)
    }

    // MARK: Flow control

    /// Stops fetching these partitions (already fetched records may still be returned by `poll`).
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        guard !partitions.isEmpty else { return }
        try client.pause(partitions)
    }

    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        guard !partitions.isEmpty else { return }
        try client.resume(partitions)
    }

    /// Moves the fetch position of assigned partitions; the next `poll` returns records from there.
    /// With a zero timeout the seek is asynchronous (errors arrive as consumer errors).
    public func seek(_ offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10)) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try client.seek(offsets, timeout: timeout)
    }

    // MARK: Watermarks

    /// Watermarks as last seen by this consumer's fetches (no request); nil when unknown.
    public func cachedWatermarks(_ tp: TopicPartition) -> Watermarks? {
        client.cachedWatermarks(tp)
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
        if let e = client.consumerClose() { logger.warning("consumer close: \(e)") }
    }

    /// The fatal error that made this consumer unusable, if any.
    public var fatalError: KafkaError? { client.fatalError }

    /// The rebalance protocol in use: "EAGER", "COOPERATIVE" or "NONE".
    public var rebalanceProtocol: String { client.rebalanceProtocol }
}
