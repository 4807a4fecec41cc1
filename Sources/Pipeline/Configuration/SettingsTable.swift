import Foundation

/// Every `tally run` setting, one row each. Adding a setting is adding a row here (and reading
/// it in `WorkerConfiguration`); its flag, environment variable, file key, validation, `--help`
/// line, `--print-config` entry and docs/settings.md line follow from the row.
public enum SettingsTable {
    static let mib = 1024 * 1024

    public static let run: [SettingSpec] = [
        SettingSpec(
            "brokers", flag: "brokers", .string, default: "127.0.0.1:9092",
            help: "Kafka bootstrap servers, host:port[,host:port…]"),
        SettingSpec("input.topic", flag: "input-topic", .name, default: DefaultTopics.input, help: "Raw article topic"),
        SettingSpec(
            "output.topic", flag: "output-topic", .name, default: DefaultTopics.output, help: "Metric event topic"),
        SettingSpec(
            "deadletter.topic", flag: "deadletter-topic", .name, default: DefaultTopics.deadLetter,
            help: "Dead-letter topic"),
        SettingSpec(
            "summary.topic", flag: "summary-topic", .string, default: nil,
            help: "Compacted topic for one article summary per processed article (empty or unset: none)"),
        SettingSpec("group.id", flag: "group", .string, default: "tally-workers", help: "Consumer group"),
        SettingSpec(
            "group.instance.id", flag: "group-instance-id", .string, default: nil,
            help:
                "Static membership: a stable per-instance name (e.g. the pod name) so a restart takes its partitions back at once"
        ),
        SettingSpec(
            "exactly.once", flag: "exactly-once", .boolean, default: "false",
            help: "Consume-transform-produce in Kafka transactions"),
        SettingSpec(
            "transactional.id", flag: "transactional-id", .string, default: nil, note: "tally-<group>-<hostname>",
            help: "Transactional id with --exactly-once"),
        SettingSpec(
            "worker.threads", flag: "threads", .integer(1...256), default: nil, note: "the number of cores",
            help: "Parallel parsing queues"),
        SettingSpec(
            "max.in.flight", flag: "max-in-flight", .integer(1...1_000_000), default: "2000",
            help: "Records in flight before the consumer pauses"),
        SettingSpec(
            "max.in.flight.bytes", flag: nil, .integer(1024...Int.max), default: "\(64 * mib)",
            help: "Record bytes in flight before the consumer pauses"),
        SettingSpec(
            "max.body.bytes", flag: "max-body-bytes", .integer(1...512 * mib), default: "\(2 * mib)",
            help: "Larger article bodies go to the dead-letter topic"),
        SettingSpec(
            "max.html.bytes", flag: "max-html-bytes", .integer(1...512 * mib), default: "\(16 * mib)",
            help: "Larger pages (the html of an article.raw event) go to the dead-letter topic (docs/html.md)"),
        SettingSpec(
            "deadletter.max.payload.bytes", flag: "deadletter-max-payload-bytes", .integer(1024...64 * mib),
            default: "\(256 * 1024)",
            help:
                "Dead letters carry at most this many bytes of the original record (the rest is cut, payload_truncated=true)"
        ),
        SettingSpec(
            "commit.interval.ms", flag: "commit-interval-ms", .integer(10...3_600_000), default: "1000",
            help: "How often finished offsets are committed"),
        SettingSpec(
            "drain.timeout.ms", flag: "drain-timeout-ms", .integer(0...3_600_000), default: "30000",
            help: "Shutdown/rebalance drain bound"),
        SettingSpec(
            "transaction.max.records", flag: nil, .integer(1...1_000_000), default: "500",
            help: "Exactly-once: a transaction closes after this many records"),
        SettingSpec(
            "transaction.interval.ms", flag: nil, .integer(1...600_000), default: "200",
            help: "Exactly-once: a transaction closes after this long"),
        SettingSpec(
            "statistics.interval.ms", flag: nil, .integer(0...3_600_000), default: "5000",
            help: "librdkafka statistics (per-partition lag for /metrics); 0 disables"),
        SettingSpec(
            "leader.mismatch.timeout.ms", flag: nil, .integer(0...3_600_000), default: "30000",
            help:
                "A partition the consumer or producer talks to on a broker that is not its leader for this long gets new Kafka clients (librdkafka 2.0.2 can strand one there; read from the statistics, off with client.rack); 0 disables"
        ),
        SettingSpec("http.host", flag: "http-host", .string, default: "0.0.0.0", help: "Address for the HTTP endpoint"),
        SettingSpec(
            "http.port", flag: "http-port", .integer(0...65535), default: "9464",
            help: "Port for /metrics, /healthz, /readyz; 0 disables"),
        SettingSpec(
            "log.level", flag: "log-level",
            .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]), default: "info",
            help: "Log level"),
        SettingSpec("log.format", flag: "log-format", .choice(["text", "json"]), default: "text", help: "Log format"),
    ]

    /// Pass-through: any librdkafka property as `kafka.<property>`, `TALLY_KAFKA_<PROPERTY>`, `--kafka-property`.
    public static let kafkaPrefix = "kafka."
    public static let kafkaFlag = "kafka-property"

    /// The properties file: `--config` or this environment variable.
    public static let configEnvironmentName = "TALLY_CONFIG"

    public static let keys: Set<String> = Set(run.map(\.key))
    static let byKey: [String: SettingSpec] = Dictionary(uniqueKeysWithValues: run.map { ($0.key, $0) })
    static let byFlag: [String: SettingSpec] = Dictionary(
        uniqueKeysWithValues: run.compactMap { s in s.flag.map { ($0, s) } })

    public static func spec(key: String) -> SettingSpec? { byKey[key] }
    public static func spec(flag: String) -> SettingSpec? { byFlag[flag] }

    /// Every default there is, as settings (the lowest layer of `Settings.resolve`).
    public static var defaults: [String: String] {
        run.reduce(into: [:]) { out, s in out[s.key] = s.defaultValue }
    }

    /// The row's default as a number (0 when the row has none: a computed default is set by its reader).
    static func defaultInt(_ key: String) -> Int { byKey[key]?.defaultValue.flatMap { Int($0) } ?? 0 }
    static func defaultString(_ key: String) -> String { byKey[key]?.defaultValue ?? "" }
}
