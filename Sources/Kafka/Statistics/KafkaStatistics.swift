import Foundation

/// librdkafka's periodic statistics (`statistics.interval.ms`), reduced to the figures Tally
/// uses: per-partition offsets and consumer lag, queue depths and the group's state.
///
/// librdkafka computes `consumer_lag` as high watermark − committed offset (−1 when either is
/// unknown); this type keeps that convention so callers can tell "unknown" from "zero".
public struct KafkaStatistics: Sendable, Hashable {
    /// `rdkafka#consumer-1` …
    public var name: String
    public var clientID: String
    /// "producer" or "consumer".
    public var type: String
    /// librdkafka's monotonic clock, microseconds.
    public var timestampMicros: Int64
    /// Messages and bytes waiting in the producer queues.
    public var queuedMessages: Int64
    public var queuedBytes: Int64
    public var transmittedMessages: Int64
    public var receivedMessages: Int64
    public var partitions: [Partition]
    /// Consumer group state (`up`, `wait-coord` …) and join state (`steady` …), when in a group.
    public var groupState: String?
    public var groupJoinState: String?
    public var rebalanceCount: Int64?

    public struct Partition: Sendable, Hashable {
        public var topicPartition: TopicPartition
        public var leader: Int32
        /// The broker this client talks to for the partition (−1: none yet). Differs from `leader`
        /// only while a migration is under way, or when fetching from a follower (`client.rack`).
        public var broker: Int32
        public var lowWatermark: Int64
        public var highWatermark: Int64
        /// Last stable offset (read_committed end).
        public var lastStableOffset: Int64
        public var committedOffset: Int64
        public var storedOffset: Int64
        /// Next offset the application will be given.
        public var appOffset: Int64
        /// high watermark − committed offset; −1 when unknown.
        public var consumerLag: Int64
        /// high watermark − stored offset; −1 when unknown.
        public var consumerLagStored: Int64
        public var fetchState: String
        public var fetchQueueMessages: Int64
        public var producerQueueMessages: Int64
    }

    /// Parses librdkafka's statistics JSON; nil when it is not that.
    public init?(json: [UInt8]) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else { return nil }
        func int(_ d: [String: Any], _ k: String) -> Int64 { (d[k] as? NSNumber)?.int64Value ?? -1 }
        name = obj["name"] as? String ?? ""
        clientID = obj["client_id"] as? String ?? ""
        type = obj["type"] as? String ?? ""
        timestampMicros = int(obj, "ts")
        queuedMessages = int(obj, "msg_cnt")
        queuedBytes = int(obj, "msg_size")
        transmittedMessages = int(obj, "txmsgs")
        receivedMessages = int(obj, "rxmsgs")
        var parts: [Partition] = []
        for (_, t) in obj["topics"] as? [String: Any] ?? [:] {
            guard let t = t as? [String: Any], let topic = t["topic"] as? String else { continue }
            for (_, p) in t["partitions"] as? [String: Any] ?? [:] {
                guard let p = p as? [String: Any] else { continue }
                let id = Int32(clamping: int(p, "partition"))
                if id < 0 { continue }  // librdkafka's internal "unassigned" partition
                parts.append(
                    Partition(
                        topicPartition: TopicPartition(topic, id), leader: Int32(clamping: int(p, "leader")),
                        broker: Int32(clamping: int(p, "broker")),
                        lowWatermark: int(p, "lo_offset"), highWatermark: int(p, "hi_offset"),
                        lastStableOffset: int(p, "ls_offset"), committedOffset: int(p, "committed_offset"),
                        storedOffset: int(p, "stored_offset"), appOffset: int(p, "app_offset"),
                        consumerLag: int(p, "consumer_lag"), consumerLagStored: int(p, "consumer_lag_stored"),
                        fetchState: p["fetch_state"] as? String ?? "", fetchQueueMessages: int(p, "fetchq_cnt"),
                        producerQueueMessages: int(p, "msgq_cnt")))
            }
        }
        partitions = parts.sorted { $0.topicPartition < $1.topicPartition }
        if let cgrp = obj["cgrp"] as? [String: Any] {
            groupState = cgrp["state"] as? String
            groupJoinState = cgrp["join_state"] as? String
            rebalanceCount = int(cgrp, "rebalance_cnt")
        }
    }
}
