/// librdkafka configuration: typed accessors for the settings Tally uses, and pass-through of
/// any other librdkafka property (`security.protocol`, `sasl.*`, `ssl.*`, `client.id`, tuning …).
///
/// Validation happens when a client is created: an unknown key or a bad value fails fast with a
/// `KafkaError` naming the key. Secrets are never printed: `description` redacts them.
public struct KafkaConfig: Sendable, Hashable, CustomStringConvertible {
    public private(set) var properties: [String: String]

    public init(bootstrapServers: String? = nil, properties: [String: String] = [:]) {
        self.properties = properties
        if let bootstrapServers { self.bootstrapServers = bootstrapServers }
    }

    public subscript(key: String) -> String? {
        get { properties[key] }
        set { properties[key] = newValue }
    }

    /// Sets each property of `other`, overriding what is here.
    public mutating func merge(_ other: [String: String]) {
        properties.merge(other) { _, new in new }
    }

    public var bootstrapServers: String? {
        get { properties["bootstrap.servers"] }
        set { properties["bootstrap.servers"] = newValue }
    }

    public var clientID: String? {
        get { properties["client.id"] }
        set { properties["client.id"] = newValue }
    }

    public var groupID: String? {
        get { properties["group.id"] }
        set { properties["group.id"] = newValue }
    }

    /// `statistics.interval.ms`; 0 disables statistics.
    public var statisticsIntervalMs: Int? {
        get { properties["statistics.interval.ms"].flatMap { Int($0) } }
        set { properties["statistics.interval.ms"] = newValue.map(String.init) }
    }

    /// Keys whose values are secrets: never logged, never shown.
    public static func isSecret(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.contains("password") || k.contains("secret") || k.contains("sasl.jaas")
            || k.hasSuffix(".key.pem") || k.contains("token") || k.contains("credential")
            || k == "sasl.oauthbearer.config" || k == "ssl.key.location"
    }

    /// The properties with secret values replaced by `[redacted]`.
    public var redacted: [String: String] {
        properties.reduce(into: [:]) { out, kv in
            out[kv.key] = Self.isSecret(kv.key) ? "[redacted]" : kv.value
        }
    }

    public var description: String {
        redacted.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

extension KafkaConfig {
    /// Producer defaults: idempotent, acknowledged by all in-sync replicas, bounded local queue,
    /// lz4-compressed batches.
    ///
    /// The bounded queue (`queue.buffering.max.messages/kbytes`) is what turns a slow broker into
    /// backpressure on `send` instead of unbounded memory growth.
    static let producerDefaults: [String: String] = [
        "enable.idempotence": "true",
        "acks": "all",
        "queue.buffering.max.messages": "100000",
        "queue.buffering.max.kbytes": "262144",
        "linger.ms": "5",
        // Metric events of one article share most of their bytes (keys, URL, sentence): batches
        // compress several-fold, which is what keeps the broker from being the bottleneck.
        "compression.type": "lz4",
    ]

    /// Consumer defaults: the application stores and commits offsets itself, eagerly assigned.
    ///
    /// `partition.assignment.strategy=range,roundrobin` (eager) because librdkafka 2.0.2's
    /// cooperative-sticky assignor has known bugs (lost assignments and crashes on close, fixed
    /// in 2.1–2.3); callers may still choose it explicitly on a newer librdkafka.
    static let consumerDefaults: [String: String] = [
        "enable.auto.commit": "false",
        "enable.auto.offset.store": "false",
        "auto.offset.reset": "earliest",
        "partition.assignment.strategy": "range,roundrobin",
        "enable.partition.eof": "false",
        "allow.auto.create.topics": "false",
    ]
}
