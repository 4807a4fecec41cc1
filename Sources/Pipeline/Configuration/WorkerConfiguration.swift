import Foundation
import Kafka

/// Everything `tally run` needs, resolved and validated.
public struct WorkerConfiguration: Sendable {
    public var kafka: KafkaConfig
    public var inputTopic = "articles.raw"
    public var outputTopic = "metrics.normalized"
    public var deadLetterTopic = "articles.deadletter"
    /// Compacted topic for one article summary per processed article (`article.summary.v1`);
    /// nil: none. Off by default: the topic must exist (cleanup.policy=compact) before it is set.
    public var summaryTopic: String?
    public var groupID = "tally-workers"
    /// Static group membership (KIP-345): a stable name per instance (e.g. the pod name). A
    /// restarted instance with the same name takes its partitions back at once instead of
    /// waiting for the broker to expire the crashed member. Nil: dynamic membership.
    public var groupInstanceID: String?
    /// Consume-transform-produce in Kafka transactions.
    public var exactlyOnce = false
    /// Stable per worker instance, so a restarted instance fences its predecessor's open
    /// transaction at once. Default: `tally-<group>-<hostname>`.
    public var transactionalID: String?
    /// Parallel parsing queues (default: the number of cores).
    public var workerThreads = ProcessInfo.processInfo.activeProcessorCount
    /// In-flight bounds: past either, the consumer pauses its partitions.
    public var maxInFlight = 2000
    public var maxInFlightBytes = 64 * 1024 * 1024
    public var maxBodyBytes = 2 * 1024 * 1024
    public var commitInterval: Duration = .seconds(1)
    /// How long shutdown or a revocation waits for in-flight records before committing what is done.
    public var drainTimeout: Duration = .seconds(30)
    /// Exactly-once: a transaction closes after this many records or this long.
    public var transactionMaxRecords = 500
    public var transactionInterval: Duration = .milliseconds(200)
    /// librdkafka statistics (per-partition consumer lag for /metrics); 0 disables.
    public var statisticsInterval: Duration = .seconds(5)
    public var httpHost = "0.0.0.0"
    /// 0 disables the HTTP endpoint.
    public var httpPort = 9464

    /// Settings that were ignored (unknown environment names, service links), to log at start-up.
    public var warnings: [String] = []

    public init(kafka: KafkaConfig) {
        self.kafka = kafka
    }

    /// The settings keys this configuration reads (besides `kafka.*`).
    public static let keys: Set<String> = [
        "brokers", "input.topic", "output.topic", "deadletter.topic", "summary.topic", "group.id", "group.instance.id", "exactly.once", "transactional.id",
        "worker.threads", "max.in.flight", "max.in.flight.bytes", "max.body.bytes", "commit.interval.ms",
        "drain.timeout.ms", "transaction.max.records", "transaction.interval.ms", "statistics.interval.ms",
        "http.host", "http.port", "log.level", "log.format",
    ]

    /// Builds and validates a configuration from merged settings.
    public init(settings s: Settings) throws(SettingsError) {
        var warnings = s.ignoredEnvironment.map { "ignored environment variable \($0) (a Kubernetes service link)" }
        for unknown in s.unknownKeys(known: Self.keys) {
            let source = s.values[unknown]!.source
            let guess = EnvironmentNames.nearMiss(unknown, known: Self.keys)
            // The environment is shared with the platform: only a likely typo of a real key fails.
            guard source == .environment, guess == nil else {
                throw SettingsError(
                    message: "unknown setting '\(unknown)' (from \(source.rawValue))" + (guess.map { "; did you mean '\($0)'?" } ?? ""))
            }
            warnings.append("ignored unknown setting '\(unknown)' from the environment")
        }
        var kafka = KafkaConfig(properties: s.kafkaProperties)
        kafka.bootstrapServers = s.string("brokers", default: kafka.bootstrapServers ?? "127.0.0.1:9092")
        self.init(kafka: kafka)
        self.warnings = warnings
        inputTopic = s.string("input.topic", default: inputTopic)
        outputTopic = s.string("output.topic", default: outputTopic)
        deadLetterTopic = s.string("deadletter.topic", default: deadLetterTopic)
        summaryTopic = s["summary.topic"].flatMap { $0.isEmpty ? nil : $0 }
        groupID = s.string("group.id", default: groupID)
        groupInstanceID = s["group.instance.id"].flatMap { $0.isEmpty ? nil : $0 }
        exactlyOnce = try s.bool("exactly.once", default: exactlyOnce)
        transactionalID = s["transactional.id"]
        workerThreads = try s.int("worker.threads", default: workerThreads, range: 1...256)
        maxInFlight = try s.int("max.in.flight", default: maxInFlight, range: 1...1_000_000)
        maxInFlightBytes = try s.int("max.in.flight.bytes", default: maxInFlightBytes, range: 1024...Int.max)
        maxBodyBytes = try s.int("max.body.bytes", default: maxBodyBytes, range: 1...512 * 1024 * 1024)
        commitInterval = .milliseconds(try s.int("commit.interval.ms", default: 1000, range: 10...3_600_000))
        drainTimeout = .milliseconds(try s.int("drain.timeout.ms", default: 30_000, range: 0...3_600_000))
        transactionMaxRecords = try s.int("transaction.max.records", default: transactionMaxRecords, range: 1...1_000_000)
        transactionInterval = .milliseconds(try s.int("transaction.interval.ms", default: 200, range: 1...600_000))
        statisticsInterval = .milliseconds(try s.int("statistics.interval.ms", default: 5000, range: 0...3_600_000))
        httpHost = s.string("http.host", default: httpHost)
        httpPort = try s.int("http.port", default: httpPort, range: 0...65535)
        for (name, topic) in [("input.topic", inputTopic), ("output.topic", outputTopic), ("deadletter.topic", deadLetterTopic)]
        where topic.isEmpty {
            throw SettingsError(message: "\(name) must not be empty")
        }
        if inputTopic == outputTopic || inputTopic == deadLetterTopic || inputTopic == summaryTopic {
            throw SettingsError(message: "input.topic must differ from output.topic, deadletter.topic and summary.topic (the worker would consume its own output)")
        }
    }

    public var effectiveTransactionalID: String {
        transactionalID ?? "tally-\(groupID)-\(ProcessInfo.processInfo.hostName)"
    }
}
