internal import CRdKafka

extension ClusterMetadata {
    /// Copies librdkafka's metadata response (the caller destroys it).
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
