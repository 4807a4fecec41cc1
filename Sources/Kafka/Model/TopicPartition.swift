/// A partition of a topic.
public struct TopicPartition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }

    public static func < (a: TopicPartition, b: TopicPartition) -> Bool {
        (a.topic, a.partition) < (b.topic, b.partition)
    }
}

/// A partition and an offset in it. In commits and stored offsets the offset is, as everywhere
/// in Kafka, the *next* offset to read (last processed + 1).
public struct TopicPartitionOffset: Sendable, Hashable, Codable, CustomStringConvertible {
    public var topicPartition: TopicPartition
    public var offset: Int64
    /// Per-partition error of a batch call (nil on success).
    public var error: KafkaError.Code?

    public init(_ topicPartition: TopicPartition, offset: Int64, error: KafkaError.Code? = nil) {
        self.topicPartition = topicPartition
        self.offset = offset
        self.error = error
    }

    public init(_ topic: String, _ partition: Int32, offset: Int64) {
        self.init(TopicPartition(topic, partition), offset: offset)
    }

    public var topic: String { topicPartition.topic }
    public var partition: Int32 { topicPartition.partition }

    public var description: String { "\(topicPartition)@\(KafkaOffset.describe(offset))" }
}

extension KafkaError.Code: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int32.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Kafka's logical offsets.
public enum KafkaOffset {
    /// The first retained offset.
    public static let beginning: Int64 = -2
    /// The log end (the offset the next produced record will get).
    public static let end: Int64 = -1
    /// The committed offset (falling back to `auto.offset.reset`).
    public static let stored: Int64 = -1000
    /// No offset (e.g. no committed offset for a group).
    public static let invalid: Int64 = -1001

    static func describe(_ offset: Int64) -> String {
        switch offset {
        case beginning: return "BEGINNING"
        case end: return "END"
        case stored: return "STORED"
        case invalid: return "INVALID"
        default: return String(offset)
        }
    }
}
