import ArgumentParser
import Foundation
import Kafka
import Logging
import MetricParser
import Pipeline

/// `tally demo`: the whole pipeline on an embedded broker, in under a minute.
///
/// Starts librdkafka's in-process mock cluster (or uses `--brokers`), creates the topics,
/// publishes the sample reports that ship with Tally (plus one broken record, to show the
/// dead-letter path), runs the real worker until everything is committed, and prints the
/// extracted metrics and the final consumer lag.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the pipeline on an embedded Kafka with the bundled sample reports and show the metrics.")

    @Option(help: "Use this Kafka instead of the embedded one (topics are created with a demo- prefix).")
    var brokers: String?

    @Option(help: "How to show the metrics: table or jsonl.")
    var format: Format = .table

    @Option(name: .customLong("log-level"), help: "Worker log level (default warning: keep the table readable).")
    var logLevel: Logger.Level = .warning

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

    func run() throws {
        LogSetup.bootstrap(level: logLevel, format: .text)
        let started = ContinuousClock.now
        let samples = try DemoSamples.load()
        let embedded = brokers == nil ? try MockCluster(brokers: 1) : nil
        let bootstrap = brokers ?? embedded!.bootstrapServers
        let suffix = brokers == nil ? "" : "-\(UInt32.random(in: 0...UInt32.max))"
        let topics = (
            raw: "demo.articles.raw\(suffix)", metrics: "demo.metrics.normalized\(suffix)",
            dead: "demo.articles.deadletter\(suffix)"
        )
        let kafka = KafkaConfig(bootstrapServers: bootstrap)
        say("Kafka: \(brokers == nil ? "embedded mock cluster at \(bootstrap)" : bootstrap)")

        try createTopics(kafka, embedded, topics)
        try publish(samples, to: topics.raw, kafka)
        say("Published \(samples.count) sample reports and 1 broken record to \(topics.raw)")

        var config = WorkerConfiguration(kafka: kafka)
        config.inputTopic = topics.raw
        config.outputTopic = topics.metrics
        config.deadLetterTopic = topics.dead
        config.groupID = "tally-demo\(suffix)"
        config.commitInterval = .milliseconds(100)
        config.statisticsInterval = .zero
        config.httpPort = 0
        let worker = Worker(configuration: config, logger: Logger(label: "tally.worker"))
        let finished = DispatchSemaphore(value: 0)
        let outcome = ResultBox()
        Thread {
            outcome.set(Result { try worker.runBlocking() })
            finished.signal()
        }.start()

        let rawPartitions = try KafkaAdmin(config: kafka).partitions(of: topics.raw)
        var lag: [TopicPartitionOffset] = []
        let deadline = ContinuousClock.now + .seconds(45)
        repeat {
            if finished.wait(timeout: .now() + .milliseconds(200)) == .success { break }
            lag = try Self.lag(kafka, group: config.groupID, partitions: rawPartitions)
        } while lag.contains(where: { $0.offset != 0 }) && ContinuousClock.now < deadline
        worker.stop()
        finished.wait()
        if case .failure(let e)? = outcome.value { throw DemoError("the worker failed: \(e)") }
        guard !lag.isEmpty, lag.allSatisfy({ $0.offset == 0 }) else {
            throw DemoError("the worker did not finish within 45 s; lag: \(lag)")
        }

        let metrics = try readAll(topics.metrics, kafka)
        let deadLetters = try readAll(topics.dead, kafka)
        try show(metrics, samples)
        for d in deadLetters {
            let obj = try JSONSerialization.jsonObject(with: Data(d.value ?? [])) as? [String: Any]
            say(
                "Dead letter: key=\(d.keyString ?? "-") \(obj?["error_class"] as? String ?? "?"): \(obj?["reason"] as? String ?? "?")"
            )
        }
        let lagText = lag.map { "\($0.topicPartition.partition)=\($0.offset)" }.joined(separator: " ")
        say("Consumer lag for group \(config.groupID): \(lag.reduce(0) { $0 + $1.offset }) (per partition \(lagText))")
        say(
            "\(samples.count) reports → \(metrics.count) metrics, \(deadLetters.count) dead letter(s) in \(Self.seconds(ContinuousClock.now - started))"
        )
    }

    private func createTopics(
        _ kafka: KafkaConfig, _ mock: MockCluster?, _ t: (raw: String, metrics: String, dead: String)
    ) throws {
        if let mock {
            try mock.createTopic(t.raw, partitions: 3)
            try mock.createTopic(t.metrics, partitions: 3)
            try mock.createTopic(t.dead, partitions: 1)
        } else {
            try KafkaAdmin(config: kafka).createTopics(
                [
                    .init(name: t.raw, partitions: 3), .init(name: t.metrics, partitions: 3),
                    .init(name: t.dead, partitions: 1),
                ],
                ifNotExists: true)
        }
    }

    private func publish(_ samples: [DemoSamples.Sample], to topic: String, _ kafka: KafkaConfig) throws {
        let producer = try KafkaProducer(config: kafka)
        let now = Date.ISO8601FormatStyle().format(Date())
        var messages = try samples.map { s in
            var article: [String: Any] = [
                "id": s.id, "url": "https://samples.tally.invalid/\(s.id).html", "source": "tally-samples",
                "body": s.body, "language": "zh", "published_at": now, "crawled_at": now,
            ]
            if let title = s.title { article["title"] = title }
            // A page as a crawler hands it over: no body, no title or date (they come from its meta).
            if let html = s.html {
                article["html"] = ["content": html, "content_type": "text/html; charset=utf-8"]
                for k in ["body", "published_at", "source"] { article[k] = nil }
            }
            return ProducerMessage(
                topic: topic, key: Array(s.id.utf8),
                value: Array(try JSONSerialization.data(withJSONObject: article, options: [.sortedKeys])))
        }
        messages.append(ProducerMessage(topic: topic, key: "broken-1", value: #"{"id": "broken-1", "body": "统计公报全文"#))
        let failures = FailureCount()
        let group = DispatchGroup()
        for m in messages {
            group.enter()
            try producer.send(m) { r in
                if case .failure = r { failures.add() }
                group.leave()
            }
        }
        group.wait()
        producer.close()
        if failures.value > 0 { throw DemoError("\(failures.value) sample(s) could not be published") }
    }

    static func lag(_ kafka: KafkaConfig, group: String, partitions: [TopicPartition]) throws -> [TopicPartitionOffset]
    {
        var c = kafka
        c.groupID = group
        let consumer = try KafkaConsumer(config: c)
        defer { consumer.close() }
        let admin = try KafkaAdmin(config: kafka)
        return try consumer.committed(partitions).map { committed in
            let end = try admin.watermarks(committed.topicPartition).high
            return TopicPartitionOffset(committed.topicPartition, offset: end - max(committed.offset, 0))
        }
    }

    private func readAll(_ topic: String, _ kafka: KafkaConfig) throws -> [ConsumerRecord] {
        let admin = try KafkaAdmin(config: kafka)
        let parts = try admin.partitions(of: topic)
        let ends = try Dictionary(uniqueKeysWithValues: parts.map { ($0, try admin.watermarks($0).high) })
        let total = Int(ends.values.reduce(0, +))
        let consumer = try KafkaConsumer(config: kafka)
        defer { consumer.close() }
        try consumer.assign(parts.map { TopicPartitionOffset($0, offset: KafkaOffset.beginning) })
        var out: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while out.count < total && ContinuousClock.now < deadline {
            if case .record(let r) = try consumer.poll(timeout: .milliseconds(100)) { out.append(r) }
        }
        return out
    }

    private func show(_ records: [ConsumerRecord], _ samples: [DemoSamples.Sample]) throws {
        let decoder = JSONDecoder()
        var rows: [(article: String, metric: Metric, index: Int)] = []
        for r in records {
            let e = try decoder.decode(DemoMetricEvent.self, from: Data(r.value ?? []))
            rows.append((e.articleID, e.metric, e.metricIndex))
        }
        let order = Dictionary(uniqueKeysWithValues: samples.enumerated().map { ($1.id, $0) })
        rows.sort { (order[$0.article] ?? 0, $0.index) < (order[$1.article] ?? 0, $1.index) }
        switch format {
        case .table:
            FileHandle.standardOutput.write(
                Data((MetricTable().render(rows.map { ($0.article, $0.metric) }) + "\n").utf8))
        case .jsonl:
            for r in records { FileHandle.standardOutput.write(Data((r.value ?? []) + [0x0A])) }
        }
    }

    /// Progress and summary lines: on stdout with the table, on stderr when stdout carries JSON lines.
    private func say(_ s: String) {
        if format == .table {
            FileHandle.standardOutput.write(Data("\(s)\n".utf8))
        } else {
            FileHandle.standardError.write(Data("\(s)\n".utf8))
        }
    }

    static func seconds(_ d: Duration) -> String {
        String(format: "%.1f s", d.inSeconds)
    }
}

/// The fields of a metric event the demo shows.
private struct DemoMetricEvent: Decodable {
    let articleID: String
    let metricIndex: Int
    let metric: Metric

    enum Keys: String, CodingKey {
        case articleID = "article_id", metricIndex = "metric_index"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        articleID = try c.decode(String.self, forKey: .articleID)
        metricIndex = try c.decode(Int.self, forKey: .metricIndex)
        metric = try Metric(from: decoder)  // the event carries every parser field under the same names
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var r: Result<Void, any Error>?
    func set(_ v: Result<Void, any Error>) { lock.withLock { r = v } }
    var value: Result<Void, any Error>? { lock.withLock { r } }
}

private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
