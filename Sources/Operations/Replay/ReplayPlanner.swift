import Foundation
import Kafka
import Logging

/// Resolves a `ReplayRange` against the cluster, once: the topic's partitions, each selected
/// partition's watermarks and, for time bounds, offsets-for-times — then the pure
/// `ReplayRange.resolve` does the rest.
///
/// Contract: read-only (admin requests only; no consumer, no group, nothing produced), every
/// request bounded by `timeout`. Errors name the step (`OperationsError`). A missing output or
/// dead-letter topic is a plan *warning* (a dry run still shows the plan); the runner refuses
/// to start without them, because the replay never creates topics.
public struct ReplayPlanner: Sendable {
    let admin: KafkaAdmin
    let timeout: Duration

    public init(
        config: KafkaConfig, timeout: Duration = .seconds(15), logger: Logger = StderrLogger.make("tally.replay")
    )
        throws(OperationsError)
    {
        var c = config
        for k in ReplayConfiguration.consumerOnlyKeys { c[k] = nil }  // an admin handle is a producer-type handle
        self.admin = try OperationsError.step("connect to the cluster") { try KafkaAdmin(config: c, logger: logger) }
        self.timeout = timeout
    }

    init(admin: KafkaAdmin, timeout: Duration) {
        self.admin = admin
        self.timeout = timeout
    }

    /// The plan for replaying `range` of `topic` into `outputTopic` / `deadLetterTopic`.
    public func plan(topic: String, range: ReplayRange, outputTopic: String, deadLetterTopic: String)
        throws(OperationsError) -> ReplayPlan
    {
        try range.validate()
        if outputTopic == topic || deadLetterTopic == topic {
            throw .invalidArgument("the output and dead-letter topics must differ from the topic replayed ('\(topic)')")
        }
        let reader = GroupReader(admin: admin, timeout: timeout)
        let all = try reader.partitions(of: topic).map(\.partition).sorted()
        let selected = range.explicitPartitions ?? all
        if let unknown = selected.first(where: { !all.contains($0) }) {
            throw .invalidArgument(
                "topic '\(topic)' has no partition \(unknown) (it has \(all.count): 0..<\(all.count))")
        }
        let resolvedAt = Date()
        var facts: [ReplayRange.PartitionFacts] = []
        for p in selected {
            facts.append(.init(partition: p, watermarks: try reader.watermarks(TopicPartition(topic, p))))
        }
        if case .time(let t) = range.start {
            let answers = try offsetsForTimes(topic, selected, t)
            for i in facts.indices { facts[i].startForTime = answers[facts[i].partition] }
        }
        if case .time(let t) = range.end {
            let answers = try offsetsForTimes(topic, selected, t)
            for i in facts.indices { facts[i].endForTime = answers[facts[i].partition] }
        }
        var warnings: [String] = []
        for out in [outputTopic, deadLetterTopic] {
            if let problem = missingTopic(out) { warnings.append(problem) }
        }
        return ReplayPlan(
            topic: topic, outputTopic: outputTopic, deadLetterTopic: deadLetterTopic, range: range,
            resolvedAt: resolvedAt,
            partitions: range.resolve(facts), warnings: warnings)
    }

    /// Why `topic` cannot be written to, or nil when it exists.
    func missingTopic(_ topic: String) -> String? {
        do {
            _ = try GroupReader(admin: admin, timeout: timeout).partitions(of: topic)
            return nil
        } catch {
            if case .notFound = error {
                return "topic '\(topic)' does not exist (the replay never creates topics: create it first)"
            }
            return error.description
        }
    }

    private func offsetsForTimes(_ topic: String, _ partitions: [Int32], _ t: Date) throws(OperationsError) -> [Int32:
        Int64]
    {
        let ms = Timestamps.milliseconds(t)
        let query = Dictionary(uniqueKeysWithValues: partitions.map { (TopicPartition(topic, $0), ms) })
        let result = try OperationsError.step("offsets for \(Timestamps.format(t)) in '\(topic)'") {
            try admin.offsetsForTimes(query, timeout: timeout)
        }
        return Dictionary(result.map { ($0.partition, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }
}
