/// What one `KafkaConsumer.poll` returns.
public enum ConsumerEvent: Sendable {
    case record(ConsumerRecord)
    /// The consumer reached the end of a partition (only with `enable.partition.eof=true`).
    case partitionEOF(TopicPartition, offset: Int64)
    /// A consumer error that does not stop the consumer by itself (e.g. a subscribed topic
    /// that does not exist, a broker connection lost). Fatal ones are thrown instead.
    case error(KafkaError)
}

/// A change of the consumer's assignment, delivered on the polling thread from inside `poll`.
public enum RebalanceEvent: Sendable, Hashable {
    /// These partitions are now assigned (eager protocol: the whole new assignment).
    case assigned([TopicPartition])
    /// These partitions are about to be released. The handler must finish and commit their
    /// work before returning: the partitions are released when it returns.
    /// `lost` is true when the group already reassigned them (e.g. session timed out): commits
    /// for them will fail and their uncommitted work will be redone by the new owner.
    case revoked([TopicPartition], lost: Bool)
}
