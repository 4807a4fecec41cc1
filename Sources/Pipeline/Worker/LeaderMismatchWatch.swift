import Kafka

/// Finds an input partition that librdkafka fetches from a broker that is not its leader.
///
/// librdkafka 2.0.2 can strand a partition there for good: when metadata shows its leader move
/// away and back before the old broker's thread has released the partition, the pending
/// migration still completes to the broker it moved to first (`rd_kafka_toppar_broker_update`
/// sees "no change" and leaves the next broker set), and every later metadata answer is
/// "leader unchanged" (`rd_kafka_toppar_leader_update` then takes the non-leader for a
/// preferred replica and keeps it; librdkafka#3399). Each fetch is answered NOT_LEADER, which
/// librdkafka handles internally: no error reaches the application and the partition's lag just
/// grows. Preferred leader election after a broker restart (A → B → A) is the real-world path.
///
/// Without `client.rack` a consumer never fetches from a follower, so a difference between the
/// statistics' `broker` and `leader` that outlasts `timeout` (a migration takes milliseconds) has
/// no other cause. The remedy is a new consumer (`Worker`): a new client has no stranded state.
struct LeaderMismatchWatch {
    let timeout: Duration
    /// Since when each partition has been on a non-leader (the first sample that showed it).
    private var since: [TopicPartition: ContinuousClock.Instant] = [:]

    init(timeout: Duration) { self.timeout = timeout }

    /// Reads one statistics sample of the consumer. Returns a description of the first assigned
    /// partition stranded for longer than `timeout`, nil while there is none.
    mutating func observe(
        _ partitions: [KafkaStatistics.Partition], assigned: Set<TopicPartition>, at now: ContinuousClock.Instant
    ) -> String? {
        var still: [TopicPartition: ContinuousClock.Instant] = [:]
        var stranded: String?
        for p in partitions where assigned.contains(p.topicPartition) {
            // −1 on either side is "no leader known yet" or "no broker yet": librdkafka is still looking.
            guard p.broker >= 0, p.leader >= 0, p.broker != p.leader else { continue }
            let first = since[p.topicPartition] ?? now
            still[p.topicPartition] = first
            if stranded == nil, now - first >= timeout {
                stranded =
                    "\(p.topicPartition) fetched from broker \(p.broker) while its leader is \(p.leader), for \(now - first)"
            }
        }
        since = still
        return stranded
    }
}
