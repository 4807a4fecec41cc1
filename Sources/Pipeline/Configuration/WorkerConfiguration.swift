import Foundation
import Kafka

/// Everything `tally run` needs, resolved and validated. Defaults, ranges and keys come from
/// `SettingsTable`; this type only gives them Swift types.
public struct WorkerConfiguration: Sendable {
    public var kafka: KafkaConfig
    public var inputTopic = SettingsTable.defaultString("input.topic")
    public var outputTopic = SettingsTable.defaultString("output.topic")
    public var deadLetterTopic = SettingsTable.defaultString("deadletter.topic")
    /// Compacted topic for one article summary per processed article (`article.summary.v1`);
    /// nil: none. Off by default: the topic must exist (cleanup.policy=compact) before it is set.
    public var summaryTopic: String?
    public var groupID = SettingsTable.defaultString("group.id")
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
    public var maxInFlight = SettingsTable.defaultInt("max.in.flight")
    public var maxInFlightBytes = SettingsTable.defaultInt("max.in.flight.bytes")
    public var maxBodyBytes = SettingsTable.defaultInt("max.body.bytes")
    /// Pages (`html`) larger than this are dead-lettered as `too_large` (docs/html.md).
    public var maxHTMLBytes = SettingsTable.defaultInt("max.html.bytes")
    public var maxDeadLetterPayloadBytes = SettingsTable.defaultInt("deadletter.max.payload.bytes")
    public var commitInterval: Duration = .milliseconds(SettingsTable.defaultInt("commit.interval.ms"))
    /// How long shutdown or a revocation waits for in-flight records before committing what is done.
    public var drainTimeout: Duration = .milliseconds(SettingsTable.defaultInt("drain.timeout.ms"))
    /// Exactly-once: a transaction closes after this many records or this long.
    public var transactionMaxRecords = SettingsTable.defaultInt("transaction.max.records")
    public var transactionInterval: Duration = .milliseconds(SettingsTable.defaultInt("transaction.interval.ms"))
    /// librdkafka statistics (per-partition consumer lag for /metrics); 0 disables.
    public var statisticsInterval: Duration = .milliseconds(SettingsTable.defaultInt("statistics.interval.ms"))
    /// A partition on a non-leader this long gets new Kafka clients (`LeaderMismatchWatch`); 0 disables.
    public var leaderMismatchTimeout: Duration = .milliseconds(SettingsTable.defaultInt("leader.mismatch.timeout.ms"))
    public var httpHost = SettingsTable.defaultString("http.host")
    /// 0 disables the HTTP endpoint.
    public var httpPort = SettingsTable.defaultInt("http.port")
    public var logLevel = SettingsTable.defaultString("log.level")
    public var logFormat = SettingsTable.defaultString("log.format")

    /// Settings that were ignored (unknown environment names, service links), to log at start-up.
    public var warnings: [String] = []

    public init(kafka: KafkaConfig) {
        self.kafka = kafka
    }

    /// The settings keys this configuration reads (besides `kafka.*`).
    public static var keys: Set<String> { SettingsTable.keys }

    /// Builds and validates a configuration from merged settings.
    public init(settings s: Settings) throws(SettingsError) {
        var warnings = s.ignoredEnvironment.map { "ignored environment variable \($0) (a Kubernetes service link)" }
        for unknown in s.unknownKeys(known: Self.keys) {
            let source = s.values[unknown]!.source
            let guess = EnvironmentNames.nearMiss(unknown, known: Self.keys)
            // The environment is shared with the platform: only a likely typo of a real key fails.
            guard source == .environment, guess == nil else {
                throw SettingsError(
                    message: "unknown setting '\(unknown)' (from \(source.rawValue))"
                        + (guess.map { "; did you mean '\($0)'?" } ?? ""))
            }
            warnings.append("ignored unknown setting '\(unknown)' from the environment")
        }
        let kafka = try s.kafkaConfig()
        self.init(kafka: kafka)
        self.warnings = warnings
        inputTopic = try s.string("input.topic")
        outputTopic = try s.string("output.topic")
        deadLetterTopic = try s.string("deadletter.topic")
        summaryTopic = try s.optionalString("summary.topic")
        groupID = try s.string("group.id")
        groupInstanceID = try s.optionalString("group.instance.id")
        exactlyOnce = try s.bool("exactly.once")
        transactionalID = try s.optionalString("transactional.id")
        workerThreads = try s.int("worker.threads") ?? workerThreads
        maxInFlight = try s.int("max.in.flight") ?? maxInFlight
        maxInFlightBytes = try s.int("max.in.flight.bytes") ?? maxInFlightBytes
        maxBodyBytes = try s.int("max.body.bytes") ?? maxBodyBytes
        maxHTMLBytes = try s.int("max.html.bytes") ?? maxHTMLBytes
        maxDeadLetterPayloadBytes = try s.int("deadletter.max.payload.bytes") ?? maxDeadLetterPayloadBytes
        commitInterval = try s.milliseconds("commit.interval.ms")
        drainTimeout = try s.milliseconds("drain.timeout.ms")
        transactionMaxRecords = try s.int("transaction.max.records") ?? transactionMaxRecords
        transactionInterval = try s.milliseconds("transaction.interval.ms")
        statisticsInterval = try s.milliseconds("statistics.interval.ms")
        leaderMismatchTimeout = try s.milliseconds("leader.mismatch.timeout.ms")
        httpHost = try s.string("http.host")
        httpPort = try s.int("http.port") ?? httpPort
        logLevel = try s.string("log.level")
        logFormat = try s.string("log.format")
        if inputTopic == outputTopic || inputTopic == deadLetterTopic || inputTopic == summaryTopic {
            throw SettingsError(
                message:
                    "input.topic must differ from output.topic, deadletter.topic and summary.topic (the worker would consume its own output)"
            )
        }
    }

    public var effectiveTransactionalID: String {
        transactionalID ?? "tally-\(groupID)-\(ProcessInfo.processInfo.hostName)"
    }
}
