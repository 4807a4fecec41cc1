import CRdKafka

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

    init(_ md: rd_kafka_metadata) {
        originatingBrokerID = md.orig_broker_id
        brokers = (0..<Int(md.broker_cnt)).map { i in
            let b = md.brokers[i]
            return Broker(id: b.id, host: String(cString: b.host), port: b.port)
        }
        topics = (0..<Int(md.topic_cnt)).map { i in
            let t = md.topics[i]
            let parts = (0..<Int(t.partition_cnt)).map { j in
                let p = t.partitions[j]
                return Partition(
                    id: p.id, leader: p.leader,
                    replicas: (0..<Int(p.replica_cnt)).map { p.replicas[$0] },
                    inSyncReplicas: (0..<Int(p.isr_cnt)).map { p.isrs[$0] },
                    error: p.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(p.err))
            }
            return Topic(
                name: String(cString: t.topic), partitions: parts.sorted { $0.id < $1.id },
                error: t.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(t.err))
        }
    }
}
