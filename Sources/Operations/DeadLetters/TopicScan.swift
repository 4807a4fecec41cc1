import Kafka

/// Reads a whole topic (or its records from a time on) once, up to the end each partition had
/// when the scan started, with plain assignment: no consumer group is joined and nothing is
/// committed. Used by the dead-letter tools for the dead-letter topic and the redrive ledger.
///
/// Contract: `read_committed`, so aborted transactions are never seen; a partition is done at
/// end-of-partition at or past its starting end offset (control records may sit at the very
/// end); the whole scan is bounded by `timeout` and fails with `.timedOut` naming what is left.
struct TopicScan {
    let config: KafkaConfig
    let timeout: Duration

    func read(_ topic: String, fromMs: Int64? = nil, _ body: (ConsumerRecord) throws(OperationsError) -> Void)
        throws(OperationsError)
    {
        var c = config
        c["enable.partition.eof"] = "true"
        c["isolation.level"] = "read_committed"
        c["enable.auto.commit"] = "false"
        let consumer = try OperationsError.step("open a consumer") { try KafkaConsumer(config: c) }
        defer { consumer.close() }
        let admin = try OperationsError.step("open an admin client") { try KafkaAdmin(config: config) }
        let reader = GroupReader(admin: admin, timeout: .seconds(10))
        let partitions = try reader.partitions(of: topic)
        var ends: [TopicPartition: Int64] = [:]
        var starts: [TopicPartition: Int64] = [:]
        for tp in partitions {
            let w = try reader.watermarks(tp)
            ends[tp] = w.high
            starts[tp] = w.low
        }
        if let fromMs {
            let found = try OperationsError.step("offsets for times on \(topic)") {
                try admin.offsetsForTimes(Dictionary(uniqueKeysWithValues: partitions.map { ($0, fromMs) }))
            }
            for f in found where f.offset >= 0 { starts[f.topicPartition] = f.offset }
            for f in found where f.offset < 0 { starts[f.topicPartition] = ends[f.topicPartition] }
        }
        var pending = Set(partitions.filter { starts[$0]! < ends[$0]! })
        guard !pending.isEmpty else { return }
        try OperationsError.step("assign \(topic)") {
            try consumer.assign(pending.sorted().map { TopicPartitionOffset($0, offset: starts[$0]!) })
        }
        let deadline = ContinuousClock.now + timeout
        while !pending.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .timedOut(
                    "reading \(topic) did not reach the end of \(pending.sorted().map(\.description).joined(separator: ", ")) within \(timeout)"
                )
            }
            let event = try OperationsError.step("read \(topic)") { try consumer.poll(timeout: .milliseconds(200)) }
            switch event {
            case .record(let r):
                let tp = r.topicPartition
                guard let end = ends[tp], r.offset < end else { pending.remove(tp); continue }
                try body(r)
                if r.offset + 1 >= end { pending.remove(tp) }
            case .partitionEOF(let tp, let offset):
                if offset >= ends[tp] ?? 0 { pending.remove(tp) }
            case .error(let e):
                throw .kafka(context: "read \(topic)", e)
            case nil:
                continue
            }
        }
    }
}
