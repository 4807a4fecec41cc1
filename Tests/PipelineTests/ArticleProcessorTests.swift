import Foundation
import Kafka
import MetricParser
import Pipeline
import Testing

/// Builds raw article records for tests.
enum Articles {
    static func json(id: String, body: String, extra: [String: Any] = [:]) -> [UInt8] {
        var obj: [String: Any] = [
            "id": id, "url": "https://news.example.cn/\(id).html", "source": "example-news", "title": "标题 \(id)",
            "body": body, "language": "zh", "published_at": "2026-11-01T08:00:00+08:00",
            "crawled_at": "2026-11-01T00:05:00Z",
        ]
        for (k, v) in extra { obj[k] = v }
        return Array(try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]))
    }

    static func record(_ value: [UInt8]?, key: String? = nil, offset: Int64 = 0) -> ConsumerRecord {
        ConsumerRecord(
            topic: "articles.raw", partition: 0, offset: offset, key: key.map { Array($0.utf8) }, value: value,
            timestampMs: 1_795_000_000_000)
    }

    static let body = "今年全市新建学校12个，投入资金3.5亿元，受益学生约2万名，覆盖率达95.5%。"
}

@Suite("Article processor")
struct ArticleProcessorTests {
    let processor = ArticleProcessor(options: .init(outputTopic: "out", deadLetterTopic: "dlq", maxBodyBytes: 4096))

    func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test("the event's language, else its url, sets the currency of a bare 元 (TWD, HKD, MOP)")
    func locale() throws {
        func unit(_ extra: [String: Any]) throws -> String? {
            let outcome = processor.process(Articles.record(Articles.json(id: "t1", body: "撥款十億元。", extra: extra)))
            guard case .metrics(_, let events) = outcome else { Issue.record("not metrics: \(outcome)"); return nil }
            return events.first?.metric.unit
        }
        #expect(try unit(["language": "zh-TW"]) == "TWD")
        #expect(try unit(["language": "zh-HK"]) == "HKD")
        #expect(try unit(["language": "zh", "url": "https://www.gov.mo/zh-hant/news/1.html"]) == "MOP")
        #expect(try unit(["language": "zh", "url": "https://news.example.cn/1.html"]) == "CNY")
    }

    @Test("a valid article yields exactly the parser's metrics, keyed by article id, in order")
    func validArticle() throws {
        let record = Articles.record(Articles.json(id: "a1", body: Articles.body), offset: 42)
        let outcome = processor.process(record)
        guard case .metrics(let article, let events) = outcome else { Issue.record("not metrics: \(outcome)"); return }
        let expected = try MetricExtractor().extract(Articles.body)
        #expect(article.id == "a1")
        #expect(events.map(\.metric) == expected)
        let messages = processor.messages(for: outcome, of: record)
        #expect(messages.count == expected.count)
        for (i, m) in messages.enumerated() {
            #expect(m.topic == "out")
            #expect(m.key == Array("a1".utf8))
            let obj = try json(m.value!)
            #expect(obj["metric_index"] as? Int == i)
            #expect(obj["article_metric_count"] as? Int == expected.count)
            #expect(obj["article_id"] as? String == "a1")
            #expect(obj["value"] as? Double == expected[i].value)
            #expect(obj["start"] as? Int == expected[i].start)
            #expect(obj["kind"] as? String == expected[i].kind.rawValue)
            #expect(obj["parser_version"] as? String == MetricExtractor.version)
            let lineage = try #require(obj["lineage"] as? [String: Any])
            #expect(lineage["offset"] as? Int == 42)
            #expect(lineage["topic"] as? String == "articles.raw")
        }
    }

    /// Known answers from another implementation (Python's hashlib over the same bytes): the id is
    /// the first 16 bytes of SHA-256 over "id␟start␟end␟version", in lower-case hex.
    @Test("a metric id is the first 128 bits of SHA-256 over its fields, in lower-case hex")
    func idKnownAnswers() {
        #expect(
            MetricID.make(articleID: "a1", start: 3, end: 8, parserVersion: "1.0.0")
                == "ffa897ac2cc60a8fa564b651314b7032")
        #expect(
            MetricID.make(articleID: "文章-7", start: 120, end: 126, parserVersion: "2.1.0")
                == "586d58630c1e392d9c9c5a9190605c77")
    }

    @Test("metric ids are deterministic: same article, span and parser version → same id")
    func deterministicIDs() {
        let a = MetricID.make(articleID: "a1", start: 3, end: 8, parserVersion: "1.0.0")
        #expect(a == MetricID.make(articleID: "a1", start: 3, end: 8, parserVersion: "1.0.0"))
        #expect(a != MetricID.make(articleID: "a1", start: 3, end: 9, parserVersion: "1.0.0"))
        #expect(a != MetricID.make(articleID: "a2", start: 3, end: 8, parserVersion: "1.0.0"))
        #expect(a != MetricID.make(articleID: "a1", start: 3, end: 8, parserVersion: "1.0.1"))
        #expect(
            MetricID.make(articleID: "a1", start: 2, end: 8, parserVersion: "v")
                != MetricID.make(articleID: "a", start: 12, end: 8, parserVersion: "v"))
        #expect(a.count == 32)
        // Two runs over the same record produce the same ids (replays are idempotent downstream).
        let r = Articles.record(Articles.json(id: "x", body: Articles.body))
        let ids1 = processor.messages(for: processor.process(r), of: r).map {
            (try? json($0.value!))?["metric_id"] as? String
        }
        let ids2 = processor.messages(for: processor.process(r, now: Date(timeIntervalSinceNow: 3600)), of: r).map {
            (try? json($0.value!))?["metric_id"] as? String
        }
        #expect(ids1 == ids2)
    }

    @Test(
        "poison input becomes one dead letter with its class and reason",
        arguments: [
            (nil as [UInt8]?, DeadLetterReason.ErrorClass.emptyValue, "no value"),
            ([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], .invalidUTF8, "byte 2"),
            (Array("{not json".utf8), .invalidJSON, "invalid JSON at byte 1: expected a string key"),
            (Array("[1,2,3]".utf8), .schemaViolation, "not a JSON object"),
            (Array(#"{"url":"https://x.cn/1","body":"x"}"#.utf8), .schemaViolation, "id: required field missing"),
            (Array(#"{"id":7,"url":"https://x.cn/1","body":"x"}"#.utf8), .schemaViolation, "id: expected a string"),
            (Array(#"{"id":"a","url":"not a url","body":"x"}"#.utf8), .schemaViolation, "url"),
            (
                Array(#"{"id":"a","url":"https://x.cn/1","body":"x","published_at":"yesterday"}"#.utf8),
                .schemaViolation, "published_at"
            ),
            (Array(#"{"id":"a","url":"https://x.cn/1","body":null}"#.utf8), .schemaViolation, "body"),
            (Array(#"{"id":"","url":"https://x.cn/1","body":"x"}"#.utf8), .schemaViolation, "id: must not be empty"),
            (Articles.json(id: "big", body: String(repeating: "数", count: 2000)), .tooLarge, "over the limit"),
        ])
    func poison(value: [UInt8]?, errorClass: DeadLetterReason.ErrorClass, reasonContains: String) throws {
        let record = Articles.record(value, key: "k", offset: 7)
        let outcome = processor.process(record)
        guard case .deadLetter(let dl) = outcome else { Issue.record("expected a dead letter, got \(outcome)"); return }
        #expect(dl.reason.errorClass == errorClass)
        #expect(dl.reason.message.contains(reasonContains), "\(dl.reason.message)")
        let messages = processor.messages(for: outcome, of: record)
        #expect(messages.count == 1)
        #expect(messages[0].topic == "dlq")
        #expect(messages[0].key == Array("k".utf8), "dead letters keep the original key")
        #expect(messages[0].headers.value(forKey: "tally.dlq.class") == errorClass.rawValue)
        let obj = try json(messages[0].value!)
        #expect(obj["error_class"] as? String == errorClass.rawValue)
        let original = try #require(obj["original"] as? [String: Any])
        #expect(original["offset"] as? Int == 7)
        #expect(obj["payload_bytes"] as? Int == (value?.count ?? 0))
        if let value, String(validating: value, as: UTF8.self) == nil {
            #expect(obj["payload"] is NSNull)
            let b64 = try #require(obj["payload_base64"] as? String)
            #expect(Data(base64Encoded: b64).map(Array.init) == value, "invalid UTF-8 is kept byte for byte")
        } else if let value {
            #expect(obj["payload"] as? String == String(decoding: value, as: UTF8.self))
        }
    }

    @Test("dead-letter payloads are cut at the bound and say so")
    func truncatedPayload() throws {
        let p = ArticleProcessor(options: .init(maxBodyBytes: 10, maxDeadLetterPayloadBytes: 100))
        let value = Articles.json(id: "big", body: String(repeating: "长", count: 500))
        guard case .deadLetter(let dl) = p.process(Articles.record(value)) else {
            Issue.record("no dead letter"); return
        }
        let obj = try json(dl.json())
        #expect(obj["payload_truncated"] as? Bool == true)
        #expect(obj["payload_bytes"] as? Int == value.count)
        #expect(((obj["payload"] as? String)?.utf8.count ?? 1000) <= 100)
    }

    @Test("unknown article fields are tolerated; an article without metrics is an empty outcome")
    func toleratesExtraFields() {
        let value = Articles.json(id: "n1", body: "今天天气很好。", extra: ["crawler": ["node": 3], "tags": ["天气"]])
        guard case .metrics(_, let events) = processor.process(Articles.record(value)) else {
            Issue.record("rejected"); return
        }
        #expect(events.isEmpty)
    }
}
