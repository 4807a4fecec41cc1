import Kafka

/// A live member of a consumer group and the partitions it owns, as the group coordinator
/// describes it.
///
/// Contract: a plain value (Codable for `--format json`), independent of librdkafka. It exists
/// because both `lag` (ownership decides STALL vs STOP) and `offsets reset` (refusal message)
/// need to name members.
public struct GroupMember: Sendable, Hashable, Codable {
    public var memberID: String
    public var clientID: String
    public var host: String
    public var assignment: [TopicPartition]

    public init(memberID: String, clientID: String, host: String, assignment: [TopicPartition]) {
        self.memberID = memberID
        self.clientID = clientID
        self.host = host
        self.assignment = assignment
    }

    init(_ m: ConsumerGroupDescription.Member) {
        self.init(memberID: m.memberID, clientID: m.clientID, host: m.host, assignment: m.assignment)
    }

    /// `client-id (member-id) on host: t[0], t[1]`.
    public var summary: String {
        let parts = assignment.isEmpty ? "no partitions" : assignment.map(\.description).joined(separator: ", ")
        return "\(clientID) (\(memberID)) on \(host): \(parts)"
    }
}
