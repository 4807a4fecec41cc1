import Kafka

/// Where an event came from: the raw record's coordinates (`lineage` in metric events,
/// `original` in dead letters).
public struct Lineage: Sendable, Hashable, Codable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// The raw record's timestamp, ms since the epoch.
    public var timestampMs: Int64?

    public init(topic: String, partition: Int32, offset: Int64, timestampMs: Int64?) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestampMs = timestampMs
    }

    /// Where `record` was read.
    public init(of record: ConsumerRecord) {
        self.init(
            topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: record.timestampMs)
    }

    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("topic"); w.string(topic)
        w.key("partition"); w.number(Int64(partition))
        w.key("offset"); w.number(offset)
        w.key("timestamp_ms"); if let t = timestampMs { w.number(t) } else { w.null() }
        w.endObject()
    }
}
