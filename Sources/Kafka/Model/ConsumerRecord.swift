/// A consumed record. Key, value and headers are copied out of librdkafka's buffers, so a
/// record is a plain value that may cross threads and outlive the poll that returned it.
public struct ConsumerRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// Milliseconds since the epoch, nil when the record has none.
    public var timestampMs: Int64?
    public var timestampType: TimestampType

    public enum TimestampType: String, Sendable, Hashable {
        case notAvailable, createTime, logAppendTime
    }

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestampMs: Int64? = nil, timestampType: TimestampType = .createTime
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
        self.timestampType = timestampType
    }

    public var topicPartition: TopicPartition { TopicPartition(topic, partition) }
    /// The offset to commit once this record is processed.
    public var nextOffset: TopicPartitionOffset { TopicPartitionOffset(topicPartition, offset: offset + 1) }
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }
}
