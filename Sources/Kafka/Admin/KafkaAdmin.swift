import Foundation
import Logging

/// Cluster administration: topics, metadata, offsets, consumer groups.
///
/// Each call is synchronous with a bounded wait (`timeout`), so it suits CLIs, tests and the lag
/// exporter's scrape loop; none of it is on a hot path.
public final class KafkaAdmin: Sendable {
    let client: RdKafkaClient

    public init(config: KafkaConfig, logger: Logger = Logger(label: "tally.kafka.admin")) throws(KafkaError) {
        let context = ClientContext(logger: logger, onStatistics: nil, onError: nil)
        // Admin requests go through a producer-type handle (it needs no group). Asking about a
        // topic must never create it.
        client = try RdKafkaClient(
            kind: .producer, config: config, defaults: ["allow.auto.create.topics": "false"], context: context)
    }

    // MARK: Topics

    public struct NewTopic: Sendable, Hashable {
        public var name: String
        public var partitions: Int32
        public var replicationFactor: Int32
        /// Topic configs, e.g. `retention.ms`, `cleanup.policy`.
        public var configs: [String: String]

        public init(name: String, partitions: Int32, replicationFactor: Int32 = 1, configs: [String: String] = [:]) {
            self.name = name
            self.partitions = partitions
            self.replicationFactor = replicationFactor
            self.configs = configs
        }
    }

    /// Creates the topics. With `ifNotExists`, an existing topic is not an error.
    public func createTopics(_ topics: [NewTopic], ifNotExists: Bool = false, timeout: Duration = .seconds(30))
        throws(KafkaError)
    {
        try client.createTopics(topics, ifNotExists: ifNotExists, timeout: timeout)
    }

    public func deleteTopics(_ names: [String], timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.deleteTopics(names, timeout: timeout)
    }

    /// Cluster metadata; pass a topic to ask about it alone.
    public func metadata(topic: String? = nil, timeout: Duration = .seconds(10)) throws(KafkaError) -> ClusterMetadata {
        try client.metadata(topic: topic, timeout: timeout)
    }

    /// The partitions of `topic`, or `UNKNOWN_TOPIC_OR_PART` when it does not exist.
    public func partitions(of topic: String, timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicPartition] {
        let md = try metadata(topic: topic, timeout: timeout)
        guard let t = md.topic(topic) else { throw .local(.unknownTopicOrPartition, "topic \(topic) not found") }
        if let code = t.error { throw KafkaError(code: code, message: "topic \(topic): \(code.summary)") }
        return t.partitions.map { TopicPartition(topic, $0.id) }
    }

    // MARK: Offsets

    /// Low and high watermark of a partition, asked of its leader.
    public func watermarks(_ tp: TopicPartition, timeout: Duration = .seconds(10)) throws(KafkaError) -> Watermarks {
        try client.queryWatermarks(tp, timeout: timeout)
    }

    /// For each partition, the earliest offset whose record timestamp is >= the given time (ms
    /// since the epoch); `KafkaOffset.end` (-1) where no record is that recent.
    public func offsetsForTimes(_ query: [TopicPartition: Int64], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        let result = try client.offsetsForTimes(query, timeout: timeout)
        if let bad = result.first(where: { $0.error != nil }), let code = bad.error {
            throw KafkaError(code: code, message: "offsets for times: \(bad.topicPartition): \(code.summary)")
        }
        return result
    }
}
