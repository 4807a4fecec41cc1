/// Brokers and topics as the cluster describes them.
public struct ClusterMetadata: Sendable, Hashable {
    public var brokers: [Broker]
    public var topics: [Topic]
    public var originatingBrokerID: Int32

    public struct Broker: Sendable, Hashable {
        public var id: Int32
        public var host: String
        public var port: Int32
    }

    public struct Topic: Sendable, Hashable {
        public var name: String
        public var partitions: [Partition]
        /// A topic-level error, e.g. `UNKNOWN_TOPIC_OR_PART` when it does not exist.
        public var error: KafkaError.Code?
    }

    public struct Partition: Sendable, Hashable {
        public var id: Int32
        public var leader: Int32
        public var replicas: [Int32]
        public var inSyncReplicas: [Int32]
        public var error: KafkaError.Code?
    }

    public func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }
}
