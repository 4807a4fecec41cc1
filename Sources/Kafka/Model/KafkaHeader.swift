/// A record header. A nil value is a header present without a value (Kafka allows both).
public struct KafkaHeader: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    public init(key: String, string: String) {
        self.init(key: key, value: Array(string.utf8))
    }

    /// The value as UTF-8 text (lossy), nil when absent.
    public var stringValue: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}

extension Array where Element == KafkaHeader {
    /// The last header with this key (Kafka allows repeats; the last one wins by convention).
    public func value(forKey key: String) -> String? {
        last { $0.key == key }?.stringValue
    }
}
