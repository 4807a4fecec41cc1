import Foundation
import Kafka
import MetricParser
import Testing

@testable import Pipeline

/// The code and `schemas/` agree: what the worker writes validates, and what it accepts as an
/// article is exactly what the article schema accepts.
@Suite("Events match the JSON schemas")
struct SchemaConformanceTests {
    let processor = ArticleProcessor(options: .init(outputTopic: "out", deadLetterTopic: "dlq", maxBodyBytes: 1 << 20))

    @Test("metric events for the corpus, the blind reports and generated reports validate against metric.normalized.v2")
    func metricEvents() throws {
        var docs: [[UInt8]] = []
        let articles = try SampleArticles.corpus() + SampleArticles.blind() + SampleArticles.generated(30)
        for (i, a) in articles.enumerated() {
            let record = Articles.record(Articles.json(id: a.id, body: a.body), offset: Int64(i))
            docs += processor.messages(for: processor.process(record), of: record).compactMap(\.value)
        }
        #expect(docs.count > 50)
        try SchemaValidator.expectValid(docs, schema: "metric.normalized.v2")
    }

    @Test(
        "metric events of HTML pages (text and table cells, location and extraction) validate against metric.normalized.v2"
    )
    func htmlMetricEvents() throws {
        var docs: [[UInt8]] = []
        for (i, page) in HTMLArticles.pages.enumerated() {
            let record = Articles.record(HTMLArticles.json(id: "p\(i)", html: page), offset: Int64(i))
            docs += processor.messages(for: processor.process(record), of: record).compactMap(\.value)
        }
        let objects = docs.compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        #expect(objects.contains { $0["location"] != nil }, "table metrics")
        #expect(objects.allSatisfy { $0["extraction"] != nil }, "every page metric says how its text was made")
        try SchemaValidator.expectValid(docs, schema: "metric.normalized.v2")
    }

    @Test("metric.normalized.v2 only adds optional properties to v1 (schemas/README.md)")
    func metricSchemaEvolution() throws {
        func load(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: SchemaValidator.root.appendingPathComponent("schemas/\(name).json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let v1 = try load("metric.normalized.v1"), v2 = try load("metric.normalized.v2")
        let p1 = try #require(v1["properties"] as? [String: Any]), p2 = try #require(v2["properties"] as? [String: Any])
        #expect((v1["required"] as? [String]) == (v2["required"] as? [String]), "v2 requires nothing new")
        #expect(v2["additionalProperties"] as? Bool == false)
        // Every v1 property keeps its constraints (a description may be refined: start/end of a page).
        func constraints(_ d: Any?) throws -> Data {
            var d = try #require(d as? [String: Any])
            d["description"] = nil
            return try JSONSerialization.data(withJSONObject: d, options: .sortedKeys)
        }
        for (name, definition) in p1 where name != "schema" {
            #expect(try constraints(definition) == constraints(p2[name]), "\(name) changed between v1 and v2")
        }
        // The optional v2 properties listed in schemas/README.md, and nothing else.
        #expect(Set(p2.keys).subtracting(p1.keys) == ["basis", "basis_reference", "location", "extraction"])
        #expect(MetricEvent.schema == "metric.normalized.v2")
    }

    @Test("a change's basis reaches the event: 同比 → previous_year, 高于全国 → reference")
    func basisInEvent() throws {
        let body = "全年地区生产总值5000亿元，同比增长6.1%。城镇化率高于全国2.3个百分点。"
        let record = Articles.record(Articles.json(id: "basis", body: body), offset: 0)
        let docs: [[UInt8]] = processor.messages(for: processor.process(record), of: record).compactMap(\.value)
            .filter { String(decoding: $0, as: UTF8.self).contains("metric.normalized") }
        try SchemaValidator.expectValid(docs, schema: "metric.normalized.v2")
        var bases: [(String, String?, String?)] = []
        for d in docs {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(d)) as? [String: Any])
            bases.append(
                (event["text"] as? String ?? "", event["basis"] as? String, event["basis_reference"] as? String))
        }
        #expect(bases.contains { $0.0 == "6.1%" && $0.1 == "previous_year" && $0.2 == nil })
        #expect(bases.contains { $0.0 == "2.3个百分点" && $0.1 == "reference" && $0.2 == "全国" })
        #expect(bases.contains { $0.0 == "5000亿元" && $0.1 == nil })
    }

    @Test("dead letters of every class validate against deadletter.v1")
    func deadLetters() throws {
        let small = ArticleProcessor(options: .init(maxBodyBytes: 16, maxDeadLetterPayloadBytes: 40))
        let inputs: [[UInt8]?] = [
            nil, [0xFF, 0xFE, 0x00], Array("{oops".utf8), Array(#"{"id":1}"#.utf8),
            Articles.json(id: "big", body: String(repeating: "字", count: 100)),
        ]
        var classes = Set<DeadLetterReason.ErrorClass>()
        var docs: [[UInt8]] = []
        for v in inputs {
            guard case .deadLetter(let dl) = small.process(Articles.record(v, key: "k")) else { continue }
            classes.insert(dl.reason.errorClass)
            docs.append(dl.json())
        }
        // parse_error: built directly (the parser refuses only pathological input).
        let pe = DeadLetterEvent(
            reason: DeadLetterReason(.parseError, "input over the limit at 12"),
            original: Lineage(topic: "t", partition: 0, offset: 1, timestampMs: nil),
            key: nil, payload: Array("{}".utf8), parserVersion: MetricExtractor.version,
            failedAt: "2026-11-26T00:00:00.000Z")
        docs.append(pe.json())
        classes.insert(.parseError)
        #expect(classes == Set(DeadLetterReason.ErrorClass.allCases))
        try SchemaValidator.expectValid(docs, schema: "deadletter.v1")
    }

    @Test("the worker accepts exactly the articles the article schema accepts")
    func articleAgreement() throws {
        let variants: [String] = [
            #"{"id":"a","url":"https://x.cn/1","body":"正文"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"正文","extra":{"anything":[1,2]}}"#,
            #"{"id":"a","url":"http://x.cn/1?q=1","body":"","title":"t","source":"s","language":"zh","tags":["a","b"]}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","published_at":"2026-11-01T08:00:00+08:00","crawled_at":"2026-11-01T00:00:00.5Z"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","published_at":"2026-11-01 08:00:00Z"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","published_at":"2026-11-01"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","published_at":"2026-13-01T00:00:00Z"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","crawled_at":"yesterday"}"#,
            #"{"url":"https://x.cn/1","body":"x"}"#,
            #"{"id":"a","body":"x"}"#,
            #"{"id":"a","url":"https://x.cn/1"}"#,
            #"{"id":"","url":"https://x.cn/1","body":"x"}"#,
            #"{"id":5,"url":"https://x.cn/1","body":"x"}"#,
            #"{"id":"a","url":"x.cn/1","body":"x"}"#,
            #"{"id":"a","url":"https://x.cn/a b","body":"x"}"#,
            #"{"id":"a","url":"https://","body":"x"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":["x"]}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","tags":"a"}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","tags":[1]}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","title":null}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","language":7}"#,
            // Lengths in code points: 300 Characters, 600 code points (too long); 512 CJK code points (fits).
            #"{"id":""# + String(repeating: "e\u{301}", count: 300) + #"","url":"https://x.cn/1","body":"x"}"#,
            #"{"id":""# + String(repeating: "编", count: 512) + #"","url":"https://x.cn/1","body":"x"}"#,
            // Duplicate keys: the last wins, as in the validator's parser.
            #"{"id":"a","url":"https://x.cn/1","body":"x","id":""}"#,
            #"{"id":"","url":"https://x.cn/1","body":"x","id":"a"}"#,
            // The top level must be an object.
            "null", "[]", #"[{"id":"a","url":"https://x.cn/1","body":"x"}]"#, "7",
            // html instead of (or beside) body; Nutch-style arrays and content.
            #"{"id":"a","url":"https://x.cn/1","html":"<p>投入500万元</p>"}"#,
            #"{"id":"a","url":"https://x.cn/1","html":{"content":"PHA+5oqV5YWlNTAw5LiH5YWDPC9wPg==","encoding":"base64","charset":"utf-8"}}"#,
            #"{"id":"a","url":"https://x.cn/1","html":{"content":"<p>x</p>","content_type":"text/html; charset=GBK"},"body":"x"}"#,
            #"{"id":"a","url":"https://x.cn/1","html":"<p>x</p>","content_type":"text/html","charset":"gbk"}"#,
            #"{"id":"a","url":"https://x.cn/1","html":{"encoding":"base64"}}"#,
            #"{"id":"a","url":"https://x.cn/1","html":{"content":"x","encoding":"gzip"}}"#,
            #"{"id":"a","url":"https://x.cn/1","html":""}"#,
            #"{"id":"a","url":"https://x.cn/1","html":5}"#,
            #"{"id":["a"],"url":["https://x.cn/1"],"title":["标题"],"content":["第一段","第二段"]}"#,
            #"{"id":"a","url":"https://x.cn/1","content":"正文","source":["市统计局"],"author":[]}"#,
            #"{"id":[],"url":"https://x.cn/1","body":"x"}"#,
            #"{"id":"a","url":"https://x.cn/1","content":null}"#,
            #"{"id":"a","url":"https://x.cn/1","body":"x","title":[1]}"#,
        ]
        let docs = variants.map { Array($0.utf8) }
        let verdicts = try SchemaValidator.validate(docs, schema: "article.raw.v1")
        try #require(verdicts.count == docs.count)
        for (doc, verdict) in zip(variants, verdicts) {
            let accepted: Bool
            switch processor.decode(Articles.record(Array(doc.utf8))) {
            case .success: accepted = true
            case .failure(let r):
                accepted = false
                #expect(r.errorClass == .schemaViolation, "\(doc): \(r)")
            }
            #expect(
                accepted == verdict.valid,
                "\(doc): worker \(accepted ? "accepts" : "rejects"), schema says \(verdict.errors)")
        }
    }
}
