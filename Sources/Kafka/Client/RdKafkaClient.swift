internal import CRdKafka
internal import CRdKafkaShim
import Logging

/// Owns one librdkafka handle (`rd_kafka_t`) and the context its callbacks use.
///
/// - Important: the context is passed to librdkafka unretained; this object keeps it alive and
///   destroys the handle (which stops every callback) before releasing it.
final class RdKafkaClient: @unchecked Sendable {
    enum Kind { case producer, consumer }

    let handle: OpaquePointer
    let context: ClientContext
    let kind: Kind
    /// The configuration as given plus the defaults this layer applied (secrets included: never log it).
    let effectiveConfig: [String: String]

    init(
        kind: Kind, config: KafkaConfig, defaults: [String: String], context: ClientContext,
        enableDeliveryReports: Bool = false, enableRebalance: Bool = false
    ) throws(KafkaError) {
        self.kind = kind
        self.context = context
        var props = defaults
        props.merge(config.properties) { _, given in given }
        self.effectiveConfig = props

        guard let conf = rd_kafka_conf_new() else {
            throw .local(.invalidConfig, "rd_kafka_conf_new failed")
        }
        var errstr = [CChar](repeating: 0, count: 512)
        // Sorted so that the first bad key reported is deterministic.
        for (key, value) in props.sorted(by: { $0.key < $1.key }) {
            let res = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
            if res != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let shown = KafkaConfig.isSecret(key) ? "[redacted]" : value
                throw KafkaError(
                    code: .invalidConfig,
                    message: "invalid configuration \(key)=\(shown): \(String(cBuffer: errstr))")
            }
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf, logCallback)
        rd_kafka_conf_set_error_cb(conf, errorCallback)
        if context.onStatistics != nil { rd_kafka_conf_set_stats_cb(conf, statisticsCallback) }
        if enableDeliveryReports { rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback) }
        if enableRebalance {
            rd_kafka_conf_set_rebalance_cb(conf, rebalanceCallback)
            rd_kafka_conf_set_offset_commit_cb(conf, offsetCommitCallback)
        }

        // rd_kafka_new takes ownership of conf on success only.
        guard
            let rk = rd_kafka_new(
                kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, conf, &errstr, errstr.count)
        else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .invalidConfig, message: "cannot create Kafka client: \(String(cBuffer: errstr))")
        }
        self.handle = rk
    }

    deinit {
        rd_kafka_destroy(handle)
    }

    /// librdkafka's client name, e.g. `rdkafka#producer-1`.
    var name: String { String(cString: rd_kafka_name(handle)) }

    /// The fatal error of this instance, if one was raised (the instance is then unusable).
    var fatalError: KafkaError? {
        var buf = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle, &buf, buf.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(code: KafkaError.Code(err), message: String(cBuffer: buf), isFatal: true)
    }

    /// Low/high watermarks asked of the leader with a bounded wait (see the C shim for why).
    func queryWatermarks(_ tp: TopicPartition, timeout: Duration) throws(KafkaError) -> Watermarks {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = tally_query_watermarks(handle, tp.topic, tp.partition, &low, &high, timeout.milliseconds)
        try check(err, "watermarks of \(tp)")
        return Watermarks(low: low, high: high)
    }

    /// Resolves timestamps (ms) to the earliest offset whose timestamp is >= it, per partition;
    /// `KafkaOffset.end` where no record is that recent.
    func offsetsForTimes(_ query: [TopicPartition: Int64], timeout: Duration) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        let list = TopicPartitionList(query.map { TopicPartitionOffset($0.key, offset: $0.value) })
        try check(rd_kafka_offsets_for_times(handle, list.pointer, timeout.milliseconds), "offsets for times")
        return list.elements
    }

    /// Cluster metadata (all topics when `topic` is nil).
    func metadata(topic: String?, timeout: Duration) throws(KafkaError) -> ClusterMetadata {
        var md: UnsafePointer<rd_kafka_metadata>?
        var rkt: OpaquePointer?
        if let topic { rkt = rd_kafka_topic_new(handle, topic, nil) }
        defer { if let rkt { rd_kafka_topic_destroy(rkt) } }
        let err = rd_kafka_metadata(handle, topic == nil ? 1 : 0, rkt, &md, timeout.milliseconds)
        try check(err, "metadata")
        guard let md else { throw .local(.state, "metadata: empty response") }
        defer { rd_kafka_metadata_destroy(md) }
        return ClusterMetadata(md.pointee)
    }
}

/// Low and high watermark of a partition: the first retained offset and the log end offset.
public struct Watermarks: Sendable, Hashable, Codable {
    public var low: Int64
    public var high: Int64
    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
    /// Records currently retained.
    public var count: Int64 { max(0, high - low) }
}

extension Duration {
    /// Whole milliseconds, clamped to what librdkafka's `int timeout_ms` holds.
    var milliseconds: Int32 { Int32(clamping: wholeMilliseconds) }
}

/// A librdkafka handle pointer that may cross threads (librdkafka handles are thread-safe).
struct HandleRef: @unchecked Sendable {
    let pointer: OpaquePointer
}
