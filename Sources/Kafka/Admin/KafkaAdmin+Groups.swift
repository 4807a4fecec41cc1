/// A consumer group as the cluster lists it.
public struct ConsumerGroupListing: Sendable, Hashable {
    public var groupID: String
    /// `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Dead`, `Unknown`.
    public var state: String
    /// True for groups that only commit offsets (no members joining, e.g. assign-only readers).
    public var isSimple: Bool
}

/// A consumer group's members and their assignment.
public struct ConsumerGroupDescription: Sendable, Hashable {
    public var groupID: String
    public var state: String
    public var partitionAssignor: String
    public var coordinator: Int32?
    public var members: [Member]
    public var error: KafkaError.Code?

    public struct Member: Sendable, Hashable {
        public var memberID: String
        public var clientID: String
        public var host: String
        public var assignment: [TopicPartition]
    }

    /// True when members are joined: the group's offsets must not be altered under them.
    public var isActive: Bool { !members.isEmpty }
}

extension KafkaAdmin {
    public func listConsumerGroups(timeout: Duration = .seconds(10)) throws(KafkaError) -> [ConsumerGroupListing] {
        try client.listConsumerGroups(timeout: timeout)
    }

    public func describeConsumerGroups(_ groups: [String], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [ConsumerGroupDescription]
    {
        try client.describeConsumerGroups(groups, timeout: timeout)
    }

    /// The group's committed offsets (`KafkaOffset.invalid` for partitions without one).
    /// With `partitions` nil, every partition the group has committed.
    public func committedOffsets(group: String, partitions: [TopicPartition]? = nil, timeout: Duration = .seconds(10))
        throws(KafkaError) -> [TopicPartitionOffset]
    {
        try client.committedOffsets(group: group, partitions: partitions, timeout: timeout)
    }

    /// Sets the group's committed offsets. The broker refuses (`UNKNOWN_MEMBER_ID` or
    /// `NON_EMPTY_GROUP`-like errors) while the group has active members.
    public func alterCommittedOffsets(group: String, offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10))
        throws(KafkaError)
    {
        try client.alterCommittedOffsets(group: group, offsets: offsets, timeout: timeout)
    }
}
