import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

/// Topics on the integration broker and input for a `tally run` process.
struct E2ETopics {
    let config: KafkaConfig
    let input: String
    let output: String
    let deadLetters: String
    let group: String
    let partitions: Int32

    init(partitions: Int32 = 4) throws {
        let name = TestCluster.uniqueName("e2e")
        config = try TestCluster.integrationConfig()
        input = "\(name).raw"
        output = "\(name).metrics"
        deadLetters = "\(name).dlq"
        group = "\(name)-workers"
        self.partitions = partitions
        try KafkaAdmin(config: config).createTopics([
            .init(name: input, partitions: partitions), .init(name: output, partitions: partitions),
            .init(name: deadLetters, partitions: 1),
        ])
    }

    /// The environment that configures `tally run` for these topics (settings through TALLY_*).
    func environment(httpPort: Int = 0, extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "TALLY_BROKERS": config.bootstrapServers!, "TALLY_INPUT_TOPIC": input, "TALLY_OUTPUT_TOPIC": output,
            "TALLY_DEADLETTER_TOPIC": deadLetters, "TALLY_GROUP_ID": group, "TALLY_HTTP_PORT": String(httpPort),
            "TALLY_HTTP_HOST": "127.0.0.1", "TALLY_COMMIT_INTERVAL_MS": "200", "TALLY_STATISTICS_INTERVAL_MS": "500",
            "TALLY_KAFKA_RECEIVE_MESSAGE_MAX_BYTES": "200000000",
        ]
        env.merge(extra) { $1 }
        return env
    }

    static func article(_ i: Int, prefix: String) -> (id: String, value: [UInt8]) {
        let id = "\(prefix)-\(i)"
        let body = """
            \(2020 + i % 5)年，全市新增市场主体\(100 + i * 7)家，完成固定资产投资\(i % 50 + 3).\(i % 10)亿元，同比增长\(i % 9 + 1).\(i % 7)%，\
            新建便民服务站\(3 + i % 11)个，惠及群众约\(i % 90 + 2)万人。
            """
        let obj: [String: Any] = [
            "id": id, "url": "https://news.example.cn/\(id)", "body": body, "source": "e2e",
            "published_at": "2026-11-01T08:00:00Z",
        ]
        return (id, Array(try! JSONSerialization.data(withJSONObject: obj)))
    }

    func produce(_ range: Range<Int>, prefix: String) throws {
        let producer = try KafkaProducer(config: config)
        let results = try producer.sendAll(
            range.map {
                let a = Self.article($0, prefix: prefix)
                return ProducerMessage(topic: input, key: Array(a.id.utf8), value: a.value)
            })
        for r in results { _ = try r.get() }
        producer.close()
    }

    func committedToEnd() throws -> Bool {
        let admin = try KafkaAdmin(config: config)
        let tps = (0..<partitions).map { TopicPartition(input, $0) }
        return try zip(admin.committedOffsets(group: group, partitions: tps), tps).allSatisfy {
            try $0.offset == admin.watermarks($1).high
        }
    }

    func outputCount() throws -> Int64 {
        let admin = try KafkaAdmin(config: config)
        return try (0..<partitions).reduce(0) { $0 + (try admin.watermarks(TopicPartition(output, $1)).high) }
    }

    /// Every output record's metric_id, read with the given isolation level.
    func readMetricIDs(expectedAtLeast count: Int, isolation: String) throws -> [String] {
        var c = config
        c["isolation.level"] = isolation
        let consumer = try KafkaConsumer(config: c)
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(output, $0, offset: KafkaOffset.beginning) })
        let records = try consumer.records(count: count, timeout: .seconds(60)) + consumer.records(for: .seconds(1))
        consumer.close()
        return try records.map { r in
            let obj = try JSONSerialization.jsonObject(with: Data(r.value ?? [])) as? [String: Any]
            return try #require(obj?["metric_id"] as? String)
        }
    }
}

/// What the worker must produce for the generated articles, computed with the same parser.
enum Expectations {
    static func metricIDs(count: Int, prefix: String) throws -> Set<String> {
        let extractor = MetricExtractor()
        var ids = Set<String>()
        for i in 0..<count {
            let a = E2ETopics.article(i, prefix: prefix)
            let obj = try JSONSerialization.jsonObject(with: Data(a.value)) as! [String: Any]
            for m in try extractor.extract(obj["body"] as! String) {
                ids.insert(
                    MetricID.make(articleID: a.id, start: m.start, end: m.end, parserVersion: MetricExtractor.version))
            }
        }
        return ids
    }
}
