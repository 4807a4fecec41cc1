import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

@Suite("Worker end to end", .serialized)
struct WorkerIntegrationTests {
    /// Checks that `records` are exactly the parser's metrics for `articles`: per article, the
    /// same metrics in order, all in one partition, in offset order.
    static func verify(_ records: [ConsumerRecord], against articles: [(id: String, body: String)]) throws {
        let expected = try expectedMetrics(articles)
        var byArticle: [String: [(ConsumerRecord, [String: Any])]] = [:]
        for r in records {
            let obj = try decode(r)
            let id = try #require(obj["article_id"] as? String)
            #expect(r.keyString == id, "keyed by article id")
            byArticle[id, default: []].append((r, obj))
        }
        #expect(
            Set(byArticle.keys) == Set(expected.filter { !$0.value.isEmpty }.keys),
            "every article with metrics, no other")
        for (id, metrics) in expected where !metrics.isEmpty {
            let got = (byArticle[id] ?? []).sorted { $0.0.offset < $1.0.offset }
            #expect(got.count == metrics.count, "\(id): \(got.count) events for \(metrics.count) metrics")
            #expect(Set(got.map { $0.0.partition }).count <= 1, "\(id): one article's metrics share a partition")
            for (i, (_, obj)) in got.enumerated() where i < metrics.count {
                #expect(obj["metric_index"] as? Int == i, "\(id): in order")
                #expect(obj["start"] as? Int == metrics[i].start)
                #expect(obj["end"] as? Int == metrics[i].end)
                #expect(obj["value"] as? Double == metrics[i].value)
                #expect(obj["unit"] as? String == metrics[i].unit)
            }
        }
    }

    @Test("articles in → exactly the parser's metrics out, keyed and ordered; offsets committed to the end")
    func endToEnd() throws {
        let h = try WorkerHarness(broker: .noida)
        let articles = try SampleArticles.corpus() + SampleArticles.generated(60) + [("quiet-1", "今天召开了座谈会，大家畅所欲言。")]
        let expectedCount = try expectedMetrics(articles).values.reduce(0) { $0 + $1.count }
        try h.produce(articles.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })

        let running = h.start()
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(30), "offsets committed to the end of the input") { try h.committedToEnd() }
        let result = running.stop()
        #expect((try? result.get()) != nil, "worker stopped cleanly: \(result)")

        #expect(out.count == expectedCount)
        try Self.verify(out, against: articles)
        try SchemaValidator.expectValid(out.compactMap(\.value), schema: "metric.normalized.v2")
        let metrics = running.registry.render()
        #expect(
            metrics.contains("tally_articles_total{outcome=\"no_metrics\"} 1"),
            "the quiet article advanced without output")
        #expect(metrics.contains("tally_metrics_total \(expectedCount)"))
    }

    @Test("every kind of poison input lands in the dead-letter topic with its reason; the worker goes on")
    func poison() throws {
        let h = try WorkerHarness(broker: .noida)
        let poison: [(String?, [UInt8]?, DeadLetterReason.ErrorClass)] = [
            ("p-empty", nil, .emptyValue),
            ("p-utf8", [0x7B, 0xC3, 0x28, 0x7D], .invalidUTF8),
            ("p-json", Array("{\"id\": ".utf8), .invalidJSON),
            ("p-schema", Array(#"{"id":"p-schema","body":"数字123个"}"#.utf8), .schemaViolation),
            ("p-type", Array(#"{"id":"p-type","url":"https://x.cn","body":42}"#.utf8), .schemaViolation),
            ("p-large", Articles.json(id: "p-large", body: String(repeating: "大", count: 3000)), .tooLarge),
        ]
        let good = SampleArticles.generated(10, prefix: "ok")
        var records: [(key: String?, value: [UInt8]?)] = poison.map { ($0.0, $0.1) }
        records += good.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) }
        try h.produce(records)
        let expectedCount = try expectedMetrics(good).values.reduce(0) { $0 + $1.count }

        let running = h.start { $0.maxBodyBytes = 4096 }
        let dead = try h.readAll(h.deadLetters, partitions: 1, count: poison.count)
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(30), "offsets committed past the poison") { try h.committedToEnd() }
        running.stop()

        #expect(dead.count == poison.count)
        var classByKey: [String: String] = [:]
        for d in dead {
            let obj = try decode(d)
            classByKey[d.keyString ?? ""] = obj["error_class"] as? String
            #expect((obj["reason"] as? String)?.isEmpty == false)
            #expect(d.headers.value(forKey: "tally.original.topic") == h.input)
        }
        for (key, _, cls) in poison { #expect(classByKey[key!] == cls.rawValue, "\(key!) → \(cls)") }
        try SchemaValidator.expectValid(dead.compactMap(\.value), schema: "deadletter.v1")
        try Self.verify(out, against: good)
    }

    @Test("two workers split the partitions; one stops mid-stream; nothing lost, nothing committed twice")
    func twoWorkers() throws {
        let h = try WorkerHarness(broker: .noida)
        let first = SampleArticles.generated(120, prefix: "a")
        try h.produce(first.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        let a = h.start()
        let b = h.start()
        try waitUntil(timeout: .seconds(60), "both workers own partitions") {
            !a.worker.state.assignment.isEmpty && !b.worker.state.assignment.isEmpty
                && a.worker.state.assignment.count + b.worker.state.assignment.count == Int(h.partitions)
        }
        #expect(Set(a.worker.state.assignment).isDisjoint(with: b.worker.state.assignment))
        // Stop b while more input arrives; a takes over its partitions.
        let bPartitions = Set(b.worker.state.assignment.map(\.partition))
        let second = SampleArticles.generated(120, prefix: "b")
        try h.produce(second.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        #expect((try? b.stop().get()) != nil)
        try waitUntil(timeout: .seconds(60), "the remaining worker owns every partition") {
            a.worker.state.assignment.count == Int(h.partitions)
        }
        let all = first + second
        let expectedCount = try expectedMetrics(all).values.reduce(0) { $0 + $1.count }
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(30), "committed to the end") { try h.committedToEnd() }
        a.stop()

        // Nothing lost: every metric id is there, and every article's metrics are right.
        let events = try out.map { try decode($0) }
        var byID: [String: [[String: Any]]] = [:]
        for e in events { byID[e["metric_id"] as? String ?? "", default: []].append(e) }
        #expect(byID.count == expectedCount, "every metric present")
        try Self.verify(
            Dictionary(grouping: out) { try! decode($0)["metric_id"] as! String }.values.map { $0[0] }, against: all)
        // Nothing committed twice: the leaving worker committed its partitions before handing
        // them over, so none of its input was processed again by the survivor. (The survivor's
        // own partitions may repeat work if the broker declares its generation stale during the
        // rebalance — at-least-once, with identical metric ids.)
        let repeated = byID.values.filter { $0.count > 1 }
        let repeatedFrom = Set(
            repeated.compactMap { ($0[0]["lineage"] as? [String: Any])?["partition"] as? Int }.map(Int32.init))
        #expect(
            repeatedFrom.isDisjoint(with: bPartitions),
            "input of the stopped worker's partitions \(bPartitions) reprocessed")
        for dup in repeated {
            #expect(
                dup.allSatisfy {
                    ($0["value"] as? Double) == (dup[0]["value"] as? Double)
                        && ($0["start"] as? Int) == (dup[0]["start"] as? Int)
                })
        }
    }

    @Test(
        "a small in-flight bound pauses the consumer and still processes everything",
        arguments: [WorkerHarness.Broker.mock])
    func backpressure(broker: WorkerHarness.Broker) throws {
        let h = try WorkerHarness(broker: broker, partitions: 2)
        let articles = SampleArticles.generated(300, prefix: "bp")
        try h.produce(articles.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        let running = h.start {
            $0.maxInFlight = 4
            $0.kafka["fetch.wait.max.ms"] = "20"  // quick refetch after each resume
        }
        let expectedCount = try expectedMetrics(articles).values.reduce(0) { $0 + $1.count }
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(30), "committed to the end") { try h.committedToEnd() }
        running.stop()
        #expect(out.count == expectedCount)
        let pauses = running.counter("tally_consumer_pauses_total")
        #expect(pauses > 0, "the bound was hit: \(pauses) pauses")
    }
}
