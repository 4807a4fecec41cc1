internal import CRdKafka
internal import CRdKafkaShim
import Logging

/// librdkafka's in-process mock Kafka cluster: real Kafka protocol over loopback, with fault
/// injection. For tests and the demo; it keeps little data (~5 MiB a partition), has no
/// CreateTopics (use `createTopic`), no timestamp lookup and no `read_committed`.
public final class MockCluster: @unchecked Sendable {
    private let client: RdKafkaClient
    private let cluster: OpaquePointer
    /// Comma-separated `host:port` list to use as `bootstrap.servers`.
    public let bootstrapServers: String
    public let brokerCount: Int

    public init(brokers: Int = 3, logger: Logger = Logger(label: "tally.kafka.mock")) throws(KafkaError) {
        let context = ClientContext(logger: logger, onStatistics: nil, onError: nil)
        // The cluster runs on this handle's threads; it is only a host, never used to produce.
        client = try RdKafkaClient(kind: .producer, config: KafkaConfig(), defaults: [:], context: context)
        guard let mc = rd_kafka_mock_cluster_new(client.handle, Int32(brokers)) else {
            throw .local(.state, "cannot start the mock cluster")
        }
        cluster = mc
        brokerCount = brokers
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(mc))
    }

    deinit { rd_kafka_mock_cluster_destroy(cluster) }

    /// Broker ids are 1...brokerCount.
    public var brokerIDs: ClosedRange<Int32> { 1...Int32(brokerCount) }

    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        try check(rd_kafka_mock_topic_create(cluster, name, partitions, replicationFactor), "mock create topic \(name)")
    }

    /// Disconnects the broker and refuses new connections until `setBrokerUp`.
    public func setBrokerDown(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_down(cluster, broker), "mock broker \(broker) down")
    }

    public func setBrokerUp(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_up(cluster, broker), "mock broker \(broker) up")
    }

    /// Adds round-trip latency to every response of the broker.
    public func setRTT(broker: Int32, milliseconds: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_rtt(cluster, broker, milliseconds), "mock broker \(broker) rtt")
    }

    /// Moves the partition's leadership (clients see NOT_LEADER and re-discover the leader).
    public func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        try check(
            rd_kafka_mock_partition_set_leader(cluster, topic, partition, broker), "mock leader \(topic)[\(partition)]")
    }

    /// Makes the partition's leader name `broker` as the preferred read replica in its fetch
    /// answers (fetch-from-follower, KIP-392); −1 ends that, and the follower then answers
    /// NOT_LEADER like any non-leader.
    public func setPartitionFollower(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        try check(
            rd_kafka_mock_partition_set_follower(cluster, topic, partition, broker),
            "mock follower \(topic)[\(partition)]")
    }

    /// Makes `broker` the group (`"group"`) or transaction (`"transaction"`) coordinator for `key`.
    public func setCoordinator(type: String, key: String, broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_coordinator_set(cluster, type, key, broker), "mock coordinator")
    }

    /// Makes the next requests of `api` (any broker) fail with these errors, one per request.
    public func pushRequestErrors(_ api: API, _ errors: [KafkaError.Code]) {
        var errs = errors.map(\.cValue)
        errs.withUnsafeMutableBufferPointer {
            rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, $0.count, $0.baseAddress)
        }
    }

    /// Makes the next requests of `api` to `broker` fail with these errors after `rttMs` each.
    public func pushBrokerRequestErrors(broker: Int32, _ api: API, _ errors: [(KafkaError.Code, rttMs: Int32)]) {
        for (code, rtt) in errors {
            _ = tally_mock_broker_push_request_error(cluster, broker, api.rawValue, code.cValue, rtt)
        }
    }

    /// Every request for the topic fails with `code` (e.g. `unknownTopicOrPartition`) until cleared with `.noError`.
    public func setTopicError(_ topic: String, _ code: KafkaError.Code) {
        rd_kafka_mock_topic_set_error(cluster, topic, code.cValue)
    }

    public func clearRequestErrors(_ api: API) {
        rd_kafka_mock_clear_request_errors(cluster, api.rawValue)
    }

    /// Kafka protocol API keys that faults can target.
    public struct API: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let produce = API(rawValue: 0)
        public static let fetch = API(rawValue: 1)
        public static let listOffsets = API(rawValue: 2)
        public static let metadata = API(rawValue: 3)
        public static let offsetCommit = API(rawValue: 8)
        public static let offsetFetch = API(rawValue: 9)
        public static let findCoordinator = API(rawValue: 10)
        public static let joinGroup = API(rawValue: 11)
        public static let heartbeat = API(rawValue: 12)
        public static let syncGroup = API(rawValue: 14)
        public static let initProducerID = API(rawValue: 22)
        public static let addPartitionsToTxn = API(rawValue: 24)
        public static let addOffsetsToTxn = API(rawValue: 25)
        public static let endTxn = API(rawValue: 26)
        public static let txnOffsetCommit = API(rawValue: 28)
    }
}

/// librdkafka's runtime version, e.g. "2.0.2".
public var librdkafkaVersion: String { String(cString: rd_kafka_version_str()) }
