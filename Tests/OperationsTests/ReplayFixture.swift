import Foundation
import Kafka
import KafkaTesting
import Operations
import Pipeline
import Testing

/// A raw topic with articles at controlled, RECENT timestamps (noida-db applies retention by
/// record timestamp), output topics, and readers for what a replay wrote.
struct ReplayFixture {
    /// One produced raw record.
    struct Produced: Hashable {
        var index: Int
        var id: String
        var partition: Int32
        var offset: Int64
        var timestampMs: Int64
        var poison: Bool
    }

    /// A metric event read back: what the tests compare.
    struct Output: Hashable {
        var metricID: String
        var articleID: String
        var partition: Int32
        var offset: Int64
        var timestampMs: Int64?
    }

    let config: KafkaConfig
    let admin: KafkaAdmin
    let raw: String
    let partitions: Int32
    /// Record `i` has timestamp `base + i * 1000` ms.
    let base: Int64
    var produced: [Produced] = []

    /// Creates the raw topic and produces `count` records: record `i` to partition
    /// `i % partitions`, timestamp `base + i s` with `base` = now − `count` s − 60 s (the last
    /// one a minute old). Indices in `poison` are not JSON (they become dead letters).
    init(
        broker config: KafkaConfig? = nil, partitions: Int32 = 3, count: Int, poison: Set<Int> = [],
        mock: MockCluster? = nil
    )
        throws
    {
        let config = try config ?? TestCluster.integrationConfig()
        self.config = config
        self.admin = try KafkaAdmin(config: config)
        self.partitions = partitions
        self.raw = TestCluster.uniqueName("replay-raw")
        if let mock {
            try mock.createTopic(raw, partitions: partitions)
        } else {
            try admin.createTopics([.init(name: raw, partitions: partitions)])
        }
        base = Timestamps.milliseconds(Date()) - Int64(count) * 1000 - 60_000
        let messages = (0..<count).map { i in
            ProducerMessage(
                topic: raw, partition: Int32(i) % partitions, key: Array(Self.id(i).utf8),
                value: poison.contains(i) ? Array("not json {\(i)".utf8) : Self.article(i),
                timestampMs: base + Int64(i) * 1000)
        }
        let producer = try KafkaProducer(config: config)
        let reports = try producer.sendAll(messages)
        producer.close()
        for (i, r) in reports.enumerated() {
            let report = try r.get()
            produced.append(
                Produced(
                    index: i, id: Self.id(i), partition: report.partition, offset: report.offset,
                    timestampMs: base + Int64(i) * 1000,
                    poison: poison.contains(i)))
        }
    }

    static func id(_ i: Int) -> String { "art-\(i)" }

    /// An article with a few metrics whose values depend on `i` (so spans and ids differ).
    static func article(_ i: Int) -> [UInt8] {
        let body = "第\(i)号报告：今年全市新建学校\(i + 3)个，投入资金\(i + 1).5亿元，受益学生约\(i + 2)万名。"
        let obj: [String: Any] = [
            "id": id(i), "url": "https://news.example.cn/\(id(i)).html", "source": "example-news", "title": "标题 \(i)",
            "body": body, "language": "zh", "published_at": "2026-11-01T08:00:00+08:00",
            "crawled_at": "2026-11-01T00:05:00Z",
        ]
        return Array(try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]))
    }

    /// Creates fresh output and dead-letter topics (`out` with as many partitions as the raw topic).
    func outputTopics(mock: MockCluster? = nil) throws -> (out: String, dlq: String) {
        let out = TestCluster.uniqueName("replay-out")
        let dlq = TestCluster.uniqueName("replay-dlq")
        if let mock {
            try mock.createTopic(out, partitions: partitions)
            try mock.createTopic(dlq, partitions: 1)
        } else {
            try admin.createTopics([.init(name: out, partitions: partitions), .init(name: dlq, partitions: 1)])
        }
        return (out, dlq)
    }

    /// Instant of record `i`'s timestamp.
    func time(_ i: Int) -> Date { Timestamps.date(milliseconds: base + Int64(i) * 1000) }

    /// How many metric events the shared parser yields for these produced records.
    static func expectedMetrics(_ records: [Produced]) -> Int {
        let processor = ArticleProcessor()
        return records.filter { !$0.poison }.reduce(0) { n, p in
            let r = ConsumerRecord(
                topic: "t", partition: p.partition, offset: p.offset, key: nil, value: article(p.index))
            return n + processor.messages(for: processor.process(r), of: r).count
        }
    }

    /// Plans and runs a replay; returns the summary.
    func replay(
        _ range: ReplayRange, into topics: (out: String, dlq: String),
        _ tweak: (inout ReplayConfiguration) -> Void = { _ in },
        runner: ((ReplayRunner) -> Void)? = nil
    ) throws -> ReplaySummary {
        let plan = try ReplayPlanner(config: config).plan(
            topic: raw, range: range, outputTopic: topics.out, deadLetterTopic: topics.dlq)
        var c = ReplayConfiguration(kafka: config)
        tweak(&c)
        let r = ReplayRunner(configuration: c)
        runner?(r)
        return try r.run(plan)
    }

    /// Reads `topic` from the beginning until `count` records arrived, then `quiet` more to
    /// catch any extra record (a replay writing too much must fail the test).
    func read(_ topic: String, partitions: Int32? = nil, count: Int, quiet: Duration = .seconds(1)) throws
        -> [ConsumerRecord]
    {
        let consumer = try KafkaConsumer(config: config)
        defer { consumer.close() }
        try consumer.assign(
            (0..<(partitions ?? self.partitions)).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) }
        )
        var out = try consumer.records(count: count, timeout: .seconds(60))
        if out.count < count {
            throw OperationsError.timedOut("only \(out.count) of \(count) records arrived in \(topic) within 60s")
        }
        out += try consumer.records(for: quiet)
        return out
    }

    /// Metric events of `records`, decoded.
    static func outputs(_ records: [ConsumerRecord]) throws -> [Output] {
        try records.map { r in
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.value ?? [])) as? [String: Any])
            let lineage = try #require(obj["lineage"] as? [String: Any])
            return Output(
                metricID: try #require(obj["metric_id"] as? String),
                articleID: try #require(obj["article_id"] as? String),
                partition: Int32(try #require(lineage["partition"] as? Int)),
                offset: Int64(try #require(lineage["offset"] as? Int)),
                timestampMs: r.timestampMs)
        }
    }

    /// The high watermark sum of `topic` (records ever written to it).
    func written(_ topic: String, partitions: Int32) throws -> Int64 {
        try (0..<partitions).reduce(0) { $0 + (try admin.watermarks(TopicPartition(topic, $1)).high) }
    }
}

/// Runs blocking work (Kafka calls, bounded waits) on a thread of its own and awaits it.
///
/// Why: a synchronous test holds a thread of Swift's cooperative pool for its whole run — and
/// that pool has only as many threads as cores (2 here). Other suites of this target run async
/// code next to blocking waits (the lag exporter's HTTP server); holding pool threads for
/// seconds starves them. Assertions stay in the async test body (issues are recorded there).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { cont in
        Thread { cont.resume(with: Result { try body() }) }.start()
    }
}

/// Where a lineage points: partition and offset of the raw record.
struct RawPosition: Hashable, Comparable, CustomStringConvertible {
    var partition: Int32
    var offset: Int64
    static func < (a: Self, b: Self) -> Bool { (a.partition, a.offset) < (b.partition, b.offset) }
    var description: String { "\(partition)@\(offset)" }
}

extension ReplayFixture.Produced {
    var position: RawPosition { RawPosition(partition: partition, offset: offset) }
}

extension ReplayFixture.Output {
    var position: RawPosition { RawPosition(partition: partition, offset: offset) }
}
