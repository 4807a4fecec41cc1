import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Telemetry
import Testing

/// Topics, a worker running in-process, and readers for its output.
final class WorkerHarness: @unchecked Sendable {
    let config: KafkaConfig
    let input: String
    let output: String
    let deadLetters: String
    /// Compacted, like the production summary topic.
    let summaries: String
    let group: String
    let mock: MockCluster?
    let partitions: Int32

    init(broker: Broker, partitions: Int32 = 4) throws {
        let name = TestCluster.uniqueName("w")
        input = "\(name).raw"
        output = "\(name).metrics"
        deadLetters = "\(name).dlq"
        summaries = "\(name).summary"
        group = "\(name)-workers"
        self.partitions = partitions
        switch broker {
        case .noida:
            config = try TestCluster.integrationConfig()
            mock = nil
            try KafkaAdmin(config: config).createTopics([
                .init(name: input, partitions: partitions), .init(name: output, partitions: partitions),
                .init(name: deadLetters, partitions: 1),
                .init(name: summaries, partitions: partitions, configs: ["cleanup.policy": "compact"]),
            ])
        case .mock:
            let m = try TestCluster.mock(brokers: 3)
            try m.createTopic(input, partitions: partitions, replicationFactor: 3)
            try m.createTopic(output, partitions: partitions, replicationFactor: 3)
            try m.createTopic(deadLetters, partitions: 1, replicationFactor: 3)
            try m.createTopic(summaries, partitions: partitions, replicationFactor: 3)
            config = KafkaConfig(bootstrapServers: m.bootstrapServers)
            mock = m
        }
    }

    enum Broker: String, CustomStringConvertible, CaseIterable {
        case mock, noida
        var description: String { rawValue }
    }

    func workerConfiguration(_ tweak: (inout WorkerConfiguration) -> Void = { _ in }) -> WorkerConfiguration {
        var c = WorkerConfiguration(kafka: config)
        c.inputTopic = input
        c.outputTopic = output
        c.deadLetterTopic = deadLetters
        c.groupID = group
        c.commitInterval = .milliseconds(200)
        c.statisticsInterval = .milliseconds(500)
        c.workerThreads = 2
        c.drainTimeout = .seconds(20)
        tweak(&c)
        return c
    }

    /// A worker running on its own thread (not a Swift task: tests block on bounded waits, and
    /// the cooperative pool must not be needed to start it); `stop()` drains it and returns its result.
    final class Running: @unchecked Sendable {
        let worker: Worker
        let registry: MetricsRegistry
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var outcome: Result<Void, any Error>?

        init(_ worker: Worker, registry: MetricsRegistry) {
            self.worker = worker
            self.registry = registry
            Thread {
                let r = Result { try worker.runBlocking() }
                self.lock.withLock { self.outcome = r }
                self.done.signal()
            }.start()
        }

        /// Waits for the worker to end by itself (e.g. on a failure), up to `timeout`.
        func result(timeout: Duration) -> Result<Void, any Error>? {
            guard done.wait(timeout: .now() + .seconds(Int(timeout.components.seconds))) == .success else { return nil }
            done.signal()
            return lock.withLock { outcome }
        }

        /// The value of one series on `/metrics` (its name with labels, as rendered), 0 when absent.
        func counter(_ series: String) -> Int {
            let line = registry.render().split(separator: "\n").first { $0.hasPrefix(series + " ") }
            return line.flatMap { Int(Double($0.split(separator: " ").last ?? "") ?? -1) } ?? 0
        }

        @discardableResult
        func stop() -> Result<Void, any Error> {
            worker.stop()
            done.wait()
            done.signal()
            return lock.withLock { outcome! }
        }
    }

    func start(processor: ArticleProcessor? = nil, _ tweak: (inout WorkerConfiguration) -> Void = { _ in }) -> Running {
        let registry = MetricsRegistry()
        let worker = Worker(
            configuration: workerConfiguration(tweak), processor: processor,
            metrics: PipelineMetrics(factory: registry.factory))
        return Running(worker, registry: registry)
    }

    func produce(_ values: [(key: String?, value: [UInt8]?)]) throws {
        let producer = try KafkaProducer(config: config)
        let results = try producer.sendAll(
            values.map { ProducerMessage(topic: input, key: $0.key.map { Array($0.utf8) }, value: $0.value) })
        for r in results { _ = try r.get() }
        producer.close()
    }

    /// Reads a whole topic (every partition from the beginning) until `count` records arrived
    /// (then a short quiet period to catch extras) or the timeout.
    func readAll(
        _ topic: String, partitions: Int32? = nil, count: Int, timeout: Duration = .seconds(90),
        isolation: String? = nil
    )
        throws -> [ConsumerRecord]
    {
        var c = config
        if let isolation { c["isolation.level"] = isolation }
        let consumer = try KafkaConsumer(config: c)
        try consumer.assign(
            (0..<(partitions ?? self.partitions)).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) }
        )
        var out = try consumer.records(count: count, timeout: timeout)
        out += try consumer.records(for: .milliseconds(500))
        consumer.close()
        return out
    }

    /// The group's committed offsets equal the input's log end offsets (everything committed).
    func committedToEnd(group: String? = nil) throws -> Bool {
        let group = group ?? self.group
        let admin = try KafkaAdmin(config: config)
        let tps = (0..<partitions).map { TopicPartition(input, $0) }
        if mock != nil {
            // The mock cluster lacks the admin offset APIs: ask through a group member's view.
            var c = config
            c.groupID = group
            let probe = try KafkaConsumer(config: c)
            let committed = try probe.committed(tps)
            return try zip(committed, tps).allSatisfy { try $0.offset == admin.watermarks($1).high }
        }
        let committed = try admin.committedOffsets(group: group, partitions: tps)
        // An empty partition has nothing to commit: no committed offset counts as at its end (0).
        return try zip(committed, tps).allSatisfy { c, tp in
            let high = try admin.watermarks(tp).high
            return c.offset == high || (high == 0 && c.offset < 0)
        }
    }
}

/// Sample articles: generated reports with known figures, and the shared corpus.
enum SampleArticles {
    static func generated(_ n: Int, prefix: String = "gen") -> [(id: String, body: String)] {
        (0..<n).map { i in
            let body = """
                \(2020 + i % 5)年第\(i % 4 + 1)季度，全区新增市场主体\(100 + i * 7)家，完成固定资产投资\(i + 3).\(i % 10)亿元，\
                同比增长\(i % 9 + 1).\(i % 7)%，新建道路\(10 + i % 30)公里，建成便民服务站\(3 + i % 11)个，惠及群众约\(i + 2)万人。
                """
            return ("\(prefix)-\(i)", body)
        }
    }

    /// The shared corpus texts (../shared/corpus/*.txt), by file name.
    static func corpus() throws -> [(id: String, body: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        return try files.map {
            ("corpus-\($0)", try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The project's own blind gold reports (Tests/gold/blind), of genres the shared corpus lacks.
    static func blind() throws -> [(id: String, body: String)] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("gold/blind")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        return try files.map {
            ("blind-\($0)", try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }
}

/// The expected metric events for articles, as the parser gives them.
func expectedMetrics(_ articles: [(id: String, body: String)]) throws -> [String: [Metric]] {
    let extractor = MetricExtractor()
    var out: [String: [Metric]] = [:]
    for a in articles { out[a.id] = try extractor.extract(a.body) }
    return out
}

/// The metric ids the worker must publish for these articles.
func expectedMetricIDs(_ articles: some Sequence<(id: String, body: String)>) throws -> Set<String> {
    Set(
        try expectedMetrics(Array(articles)).flatMap { id, metrics in
            metrics.map {
                MetricID.make(articleID: id, start: $0.start, end: $0.end, parserVersion: MetricExtractor.version)
            }
        })
}

func decode(_ record: ConsumerRecord) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(record.value ?? [])) as? [String: Any])
}
