import Kafka

/// The cluster reads that `lag` and `offsets` share, with errors that say which step failed
/// (`OperationsError`), and Kafka's sentinels turned into optionals (no committed offset → nil,
/// never -1001).
///
/// Contract: every call is one or a few admin requests, each bounded by `timeout`.
struct GroupReader: Sendable {
    let admin: KafkaAdmin
    let timeout: Duration

    /// The group's coordinator state and live members. A group the coordinator does not know
    /// reads as state `Dead` with no members (not an error: it may only have committed offsets).
    func describe(_ group: String) throws(OperationsError) -> (state: String, members: [GroupMember]) {
        let desc = try OperationsError.step("describe group '\(group)'") {
            try admin.describeConsumerGroups([group], timeout: timeout)
        }.first
        if let code = desc?.error, code != KafkaError.Code.groupIDNotFound {
            throw .kafka(context: "describe group '\(group)'", KafkaError(code: code))
        }
        return (desc?.state ?? "Dead", (desc?.members ?? []).map(GroupMember.init))
    }

    /// The partitions of `topic`; `.notFound` when it does not exist.
    func partitions(of topic: String) throws(OperationsError) -> [TopicPartition] {
        do {
            return try admin.partitions(of: topic, timeout: timeout)
        } catch  where error.code == .unknownTopicOrPartition || error.code == .unknownTopic {
            throw .notFound("topic '\(topic)' not found")
        } catch {
            throw .kafka(context: "partitions of topic '\(topic)'", error)
        }
    }

    /// Topics the group has committed offsets for (any partition), sorted.
    func committedTopics(_ group: String) throws(OperationsError) -> [String] {
        let all = try OperationsError.step("committed offsets of '\(group)'") {
            try admin.committedOffsets(group: group, timeout: timeout)
        }
        return Set(all.filter { $0.offset >= 0 }.map(\.topic)).sorted()
    }

    /// The group's committed offsets for `partitions`; partitions without one are absent.
    func committed(_ group: String, _ partitions: [TopicPartition]) throws(OperationsError) -> [TopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        let list = try OperationsError.step("committed offsets of '\(group)'") {
            try admin.committedOffsets(group: group, partitions: partitions, timeout: timeout)
        }
        var out: [TopicPartition: Int64] = [:]
        for c in list where c.offset >= 0 && c.error == nil { out[c.topicPartition] = c.offset }
        return out
    }

    func watermarks(_ tp: TopicPartition) throws(OperationsError) -> Watermarks {
        try OperationsError.step("watermarks of \(tp)") { try admin.watermarks(tp, timeout: timeout) }
    }
}
