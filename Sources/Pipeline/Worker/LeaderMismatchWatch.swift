import Kafka

/// Finds a partition that librdkafka talks to on a broker that is not its leader.
///
/// librdkafka 2.0.2 can strand a partition there for good: when metadata shows its leader move
/// away and back before the old broker's thread has released the partition, the pending
/// migration still completes to the broker it moved to first (`rd_kafka_toppar_broker_update`
/// sees "no change" and leaves the next broker set), and every later metadata answer is
/// "leader unchanged" (`rd_kafka_toppar_leader_update` then takes the non-leader for a
/// preferred replica and keeps it; librdkafka#3399). Each fetch is answered NOT_LEADER, which
/// librdkafka handles internally: no error reaches the application and the partition's lag just
/// grows. A producer's partition is held the same way: its messages are retried there until
/// `message.timeout.ms` fails them. Preferred leader election after a broker restart (A → B → A)
/// is the real-world path.
///
/// Without `client.rack` a consumer never fetches from a follower, so a difference between the
/// statistics' `broker` and `leader` that outlasts `timeout` (a migration takes milliseconds) has
/// no other cause (a producer always writes to the leader). The remedy is new clients (`Worker`):
/// a new client has no stranded state. One watch per client: each sample is one client's view.
struct LeaderMismatchWatch {
    let timeout: Duration
    /// Since when each partition has been on a non-leader (the first sample that showed it).
    private var since: [TopicPartition: ContinuousClock.Instant] = [:]

    init(timeout: Duration) { self.timeout = timeout }

    /// Reads one statistics sample of the client. Returns a description of the first partition
    /// (of `assigned`, when given: a consumer's statistics also list partitions it does not
    /// fetch) stranded for longer than `timeout`, nil while there is none.
    mutating func observe(
        _ partitions: [KafkaStatistics.Partition], assigned: Set<TopicPartition>?, at now: ContinuousClock.Instant
    ) -> String? {
        var still: [TopicPartition: ContinuousClock.Instant] = [:]
        var stranded: String?
        for p in partitions where assigned?.contains(p.topicPartition) ?? true {
            // −1 on either side is "no leader known yet" or "no broker yet": librdkafka is still looking.
            guard p.broker >= 0, p.leader >= 0, p.broker != p.leader else { continue }
            let first = since[p.topicPartition] ?? now
            still[p.topicPartition] = first
            if stranded == nil, now - first >= timeout {
                stranded =
                    "\(p.topicPartition) on broker \(p.broker) while its leader is \(p.leader), for \(now - first)"
            }
        }
        since = still
        return stranded
    }
}
