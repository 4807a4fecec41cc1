internal import CRdKafka

/// An owned `rd_kafka_topic_partition_list_t`, converted from and to Swift values.
final class TopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ entries: [TopicPartitionOffset]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(entries.count, 1)))
        for e in entries {
            let p = rd_kafka_topic_partition_list_add(pointer, e.topic, e.partition)!
            p.pointee.offset = e.offset
        }
    }

    convenience init(partitions: [TopicPartition], offset: Int64 = KafkaOffset.invalid) {
        self.init(partitions.map { TopicPartitionOffset($0, offset: offset) })
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    var elements: [TopicPartitionOffset] { Self.read(pointer) }

    /// Reads a list librdkafka owns (callback arguments) without taking ownership.
    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartitionOffset] {
        let l = list.pointee
        guard l.cnt > 0, let elems = l.elems else { return [] }
        return (0..<Int(l.cnt)).map { i in
            let e = elems[i]
            let code = e.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(e.err)
            return TopicPartitionOffset(
                TopicPartition(String(cString: e.topic), e.partition), offset: e.offset, error: code)
        }
    }

    static func read(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartitionOffset] {
        read(UnsafePointer(list))
    }

    /// The first per-partition error, as a thrown error naming the partition.
    func throwFirstError(_ context: String) throws(KafkaError) {
        if let bad = elements.first(where: { $0.error != nil }), let code = bad.error {
            throw KafkaError(
                code: code, message: "\(context): \(bad.topicPartition): \(code.summary)",
                isRetriable: code.isTypicallyRetriable)
        }
    }
}
