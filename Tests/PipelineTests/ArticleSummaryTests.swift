import Foundation
import Kafka
import Pipeline
import Testing

@Suite("Article summaries and trace context")
struct ArticleSummaryTests {
    let processor = ArticleProcessor(options: .init(outputTopic: "out", deadLetterTopic: "dlq", summaryTopic: "sum"))

    @Test("one summary per processed article, after its metrics, listing exactly their ids — also with no metrics")
    func summaries() throws {
        let record = Articles.record(Articles.json(id: "a1", body: Articles.body), key: "a1", offset: 9)
        let messages = processor.messages(for: processor.process(record), of: record)
        let metrics = messages.filter { $0.topic == "out" }
        let summary = try #require(messages.last)
        #expect(summary.topic == "sum" && messages.filter { $0.topic == "sum" }.count == 1)
        #expect(summary.key == Array("a1".utf8))
        let s = try json(summary.value!)
        #expect(s["metric_ids"] as? [String] == metrics.map { try! json($0.value!)["metric_id"] as! String })
        #expect(s["metric_count"] as? Int == metrics.count && metrics.count == 4)
        #expect((s["lineage"] as? [String: Any])?["offset"] as? Int == 9)
        #expect(s["processed_at"] as? String == (try json(metrics[0].value!))["extracted_at"] as? String)

        let empty = Articles.record(Articles.json(id: "a2", body: "今天天气很好。"), offset: 10)
        let none = processor.messages(for: processor.process(empty), of: empty)
        #expect(none.map(\.topic) == ["sum"], "an article without figures still gets its summary")
        #expect(try json(none[0].value!)["metric_ids"] as? [String] == [])

        let edited = Articles.record(Articles.json(id: "a1", body: Articles.body + "另建图书馆3座。"), offset: 11)
        let hashes = [record, edited].map { r in
            try! json(processor.messages(for: processor.process(r), of: r).last!.value!)["content_sha256"] as! String
        }
        #expect(hashes[0] != hashes[1] && hashes[0].count == 64, "an edit changes the content hash")

        let poison = Articles.record(Array("not json".utf8), offset: 12)
        #expect(
            processor.messages(for: processor.process(poison), of: poison).map(\.topic) == ["dlq"],
            "no summary for a dead letter")
        #expect(
            ArticleProcessor().messages(for: ArticleProcessor().process(record), of: record).allSatisfy {
                $0.topic != "sum"
            })
    }

    @Test("summaries validate against article.summary.v1")
    func schema() throws {
        var docs: [[UInt8]] = []
        let articles = SampleArticles.generated(10) + [(id: "e", body: "无数字。")]
        for (i, a) in articles.enumerated() {
            let r = Articles.record(Articles.json(id: a.id, body: a.body), offset: Int64(i))
            docs += processor.messages(for: processor.process(r), of: r).filter { $0.topic == "sum" }.compactMap(
                \.value)
        }
        #expect(docs.count == 11)
        try SchemaValidator.expectValid(docs, schema: "article.summary.v1")
    }

    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let parentSpan = "00f067aa0ba902b7"

    @Test("a traceparent on the raw record reaches every output with the same trace id and its own child span")
    func traceContext() throws {
        var record = Articles.record(Articles.json(id: "a1", body: Articles.body), offset: 3)
        record.headers = [
            KafkaHeader(key: "traceparent", string: "00-\(Self.traceID)-\(Self.parentSpan)-01"),
            KafkaHeader(key: "tracestate", string: "vendor=abc"),
        ]
        let messages = processor.messages(for: processor.process(record), of: record)
        let parents = messages.map { $0.headers.value(forKey: "traceparent") }
        #expect(parents.count == 5)
        var spans = Set<String>()
        for p in parents {
            let parts = try #require(p).split(separator: "-").map(String.init)
            #expect(parts.count == 4 && parts[0] == "00" && parts[1] == Self.traceID && parts[3] == "01", "\(p!)")
            #expect(parts[2] != Self.parentSpan && parts[2] != "0000000000000000")
            spans.insert(parts[2])
        }
        #expect(spans.count == messages.count, "each output is its own span")
        #expect(messages.allSatisfy { $0.headers.value(forKey: "tracestate") == "vendor=abc" })
        let again = processor.messages(for: processor.process(record), of: record).map {
            $0.headers.value(forKey: "traceparent")
        }
        #expect(again == parents, "a redelivery gives the same span ids")

        var poison = Articles.record(Array("{".utf8), offset: 4)
        poison.headers = record.headers
        let dl = try #require(processor.messages(for: processor.process(poison), of: poison).first)
        #expect(
            dl.headers.value(forKey: "traceparent")?.contains(Self.traceID) == true, "dead letters carry the trace too")

        var bad = record
        bad.headers = [KafkaHeader(key: "traceparent", string: "00-not-a-trace-01")]
        #expect(
            processor.messages(for: processor.process(bad), of: bad).allSatisfy {
                $0.headers.value(forKey: "traceparent") == nil
            })
    }

    func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }
}
