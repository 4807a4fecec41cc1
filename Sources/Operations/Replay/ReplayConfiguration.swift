import Kafka
import Pipeline

/// How `ReplayRunner` reads, processes and writes — everything but the range (`ReplayPlan`).
///
/// Contract: `kafka` is the operator's connection config; the runner derives its own clients
/// from it and overrides what would break the replay's guarantees — the consumer gets no
/// `group.id` of the operator's (a private, never-joined one), never commits, and fails instead
/// of silently skipping when an offset is no longer retained; the producer is idempotent and
/// never transactional. `maxBodyBytes` must match the live workers' limit, or the same article
/// could be a dead letter in one and metrics in the other.
public struct ReplayConfiguration: Sendable {
    public var kafka: KafkaConfig
    /// Articles with larger bodies are dead-lettered as `too_large` (the worker's `max.body.bytes`).
    public var maxBodyBytes: Int
    /// Where article summaries go (the workers' `summary.topic`), so a backfill with a new parser
    /// version replaces each article's current metric ids; nil: none.
    public var summaryTopic: String?
    /// `--max-rate`: articles per second; nil: as fast as it goes.
    public var maxRate: Double?
    /// Articles allowed at once after a stall (default: 100 ms worth of `maxRate`).
    public var burst: Int?
    /// `--dry-run`: `run` returns at once with outcome `.dryRun`: no client is created.
    public var dryRun: Bool
    /// How long to wait for outstanding delivery reports at the end (or after a stop).
    public var drainTimeout: Duration
    /// How often the runner publishes `ReplayProgress`.
    public var progressInterval: Duration
    /// One `poll` wait; bounds how late a stop request is noticed while no record arrives.
    public var pollTimeout: Duration

    public init(
        kafka: KafkaConfig, maxBodyBytes: Int = ArticleProcessor.Options().maxBodyBytes, maxRate: Double? = nil,
        burst: Int? = nil, dryRun: Bool = false, drainTimeout: Duration = .seconds(30),
        progressInterval: Duration = .milliseconds(250), pollTimeout: Duration = .milliseconds(100),
        summaryTopic: String? = nil
    ) {
        self.kafka = kafka
        self.summaryTopic = summaryTopic
        self.maxBodyBytes = maxBodyBytes
        self.maxRate = maxRate
        self.burst = burst
        self.dryRun = dryRun
        self.drainTimeout = drainTimeout
        self.progressInterval = progressInterval
        self.pollTimeout = pollTimeout
    }

    /// Plain assignment, no real group, no commits, no silent skipping over deleted records.
    var consumerConfig: KafkaConfig {
        var c = kafka
        c.groupID = nil  // the Kafka layer gives an assign-only consumer a private, never-joined id
        for k in Self.producerOnlyKeys { c[k] = nil }  // librdkafka would warn about each one
        c.merge([
            "client.id": kafka.clientID ?? "tally-replay",
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
            "enable.partition.eof": "true",
            // An offset deleted between planning and reading must fail the replay, never be skipped.
            "auto.offset.reset": "error",
        ])
        return c
    }

    /// Idempotent (the producer defaults), never transactional.
    var producerConfig: KafkaConfig {
        var c = kafka
        for k in Self.consumerOnlyKeys + ["transactional.id"] { c[k] = nil }
        if c.clientID == nil { c.clientID = "tally-replay" }
        return c
    }

    /// Properties librdkafka only reads in a producer (an operator may pass them for the replay's output).
    static let producerOnlyKeys = [
        "transactional.id", "transaction.timeout.ms", "enable.idempotence", "enable.gapless.guarantee", "acks",
        "request.required.acks", "linger.ms", "queue.buffering.max.ms", "queue.buffering.max.messages",
        "queue.buffering.max.kbytes", "batch.num.messages", "batch.size", "compression.codec", "compression.type",
        "compression.level", "message.timeout.ms", "delivery.timeout.ms", "request.timeout.ms", "retries",
        "message.send.max.retries", "partitioner", "sticky.partitioning.linger.ms", "delivery.report.only.error",
    ]

    /// Properties librdkafka only reads in a consumer.
    static let consumerOnlyKeys = [
        "group.id", "group.instance.id", "partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms",
        "max.poll.interval.ms", "enable.auto.commit", "auto.commit.interval.ms", "enable.auto.offset.store",
        "auto.offset.reset", "isolation.level", "enable.partition.eof", "fetch.wait.max.ms", "fetch.min.bytes",
        "fetch.max.bytes", "fetch.message.max.bytes", "max.partition.fetch.bytes", "fetch.error.backoff.ms",
        "queued.min.messages", "queued.max.messages.kbytes", "check.crcs",
    ]
}
