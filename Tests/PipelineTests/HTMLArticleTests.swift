import Foundation
import Kafka
import MetricParser
import PageText
import Testing

@testable import Pipeline

/// article.raw events carrying pages (`html`), and Nutch-style events, through the processor.
@Suite("HTML articles")
struct HTMLArticleTests {
    let processor = ArticleProcessor(options: .init(outputTopic: "out", deadLetterTopic: "dlq", maxBodyBytes: 4096))

    func events(_ value: [UInt8]) throws -> (ArticleEvent, [MetricEvent]) {
        let outcome = processor.process(Articles.record(value, offset: 3))
        guard case .metrics(let article, let events) = outcome else {
            Issue.record("not metrics: \(outcome)")
            throw CancellationError()
        }
        return (article, events)
    }

    @Test("a page: text and table metrics, cell locations, extraction provenance, meta fills the event")
    func page() throws {
        let (article, events) = try events(HTMLArticles.json(id: "bs-2025", html: HTMLArticles.statisticsPage))
        #expect(events.map(\.metric.text) == ["268.4亿元", "6.2%", "41.3", "1.8", "22.6", "-0.7"])
        // A change's subject names the change (corpus README: 销售量同比增速 vs 环比增速).
        #expect(events.map(\.metric.subject) == ["地区生产总值", "地区生产总值增速", "粮食产量", "粮食", "蔬菜产量", "蔬菜"])
        #expect(events[2].metric.value == 4.13e8 && events[2].metric.unit == "kg")
        #expect(events[5].metric.direction == .down)
        #expect(
            events.map { $0.location.map { [$0.table, $0.row, $0.column] } } == [
                nil, nil, [0, 1, 1], [0, 1, 2], [0, 2, 1], [0, 2, 2],
            ])
        #expect(article.title == "白石县2025年统计公报")
        #expect(article.publishedAt == "2026-02-20T00:00:00+08:00")
        #expect(article.source == "白石县统计局")
        // The offsets point into the extracted text, which the extraction block pins down.
        let page = try PageReader().read(html: HTMLArticles.statisticsPage)
        let extraction = try #require(events.first?.extraction)
        #expect(extraction.extractor == PageReader.name && extraction.version == PageReader.version)
        #expect(extraction.textSHA256 == Extraction(charset: "UTF-8", text: page.text).textSHA256)
        #expect(extraction.textScalars == page.text.unicodeScalars.count)
        let scalars = Array(page.text.unicodeScalars)
        for e in events {
            #expect(String(String.UnicodeScalarView(scalars[e.metric.start..<e.metric.end])) == e.metric.text)
        }
        #expect(!page.text.contains("99999"), "footer dropped")
    }

    @Test("the event's own title, date and source beat the page's meta")
    func eventFieldsWin() throws {
        let (article, _) = try events(
            HTMLArticles.json(
                id: "x", html: HTMLArticles.statisticsPage,
                extra: [
                    "title": "自有标题", "published_at": "2026-03-01T00:00:00Z", "source": "爬虫",
                ]))
        #expect(article.title == "自有标题" && article.publishedAt == "2026-03-01T00:00:00Z" && article.source == "爬虫")
    }

    @Test("raw bytes in base64 with a GBK charset from the event's content_type")
    func base64GBK() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PageTextTests/Pages/gbk.html")
        let bytes = try Data(contentsOf: url)
        let (_, events) = try events(
            HTMLArticles.json(
                id: "gbk", html: "",
                extra: [
                    "html": [
                        "content": bytes.base64EncodedString(), "encoding": "base64",
                        "content_type": "text/html; charset=GBK",
                    ]
                ]))
        #expect(events.map(\.metric.text) == ["8.6亿元", "12.5%", "46公里", "2.3万人"])
        #expect(events.first?.extraction?.charset == "GB18030")
    }

    @Test("metric ids of a page depend on the extractor version too, and are stable across runs")
    func ids() throws {
        let v = HTMLArticles.json(id: "n1", html: HTMLArticles.newsPage)
        let (_, a) = try events(v)
        let (_, b) = try events(v)
        #expect(a.map(\.metricID) == b.map(\.metricID))
        let plain = MetricID.make(
            articleID: "n1", start: a[0].metric.start, end: a[0].metric.end, parserVersion: MetricExtractor.version)
        #expect(a[0].metricID != plain)
    }

    @Test(
        "bad pages become dead letters with the reason",
        arguments: [
            (
                HTMLArticles.json(
                    id: "b", html: "", extra: ["html": ["content": "AAAAAAAAAAAAAAAA", "encoding": "base64"]]),
                DeadLetterReason.ErrorClass.parseError, "binary"
            ),
            (
                HTMLArticles.json(id: "b", html: "", extra: ["html": ["content": "***", "encoding": "base64"]]),
                .schemaViolation, "not base64"
            ),
            (HTMLArticles.json(id: "b", html: ""), .schemaViolation, "html.content: must not be empty"),
            (HTMLArticles.json(id: "b", html: String(repeating: "<p>页</p>", count: 3000)), .tooLarge, "html is"),
        ])
    func badPages(value: [UInt8], errorClass: DeadLetterReason.ErrorClass, reason: String) throws {
        let small = ArticleProcessor(options: .init(maxBodyBytes: 4096, maxHTMLBytes: 16 * 1024))
        guard case .deadLetter(let dl) = small.process(Articles.record(value)) else {
            Issue.record("not a dead letter"); return
        }
        #expect(dl.reason.errorClass == errorClass)
        #expect(dl.reason.message.contains(reason), "\(dl.reason.message)")
    }

    @Test("Nutch-style event: array-valued fields, content for the body")
    func nutch() throws {
        let value = Array(
            #"{"id":["n-1"],"url":["https://gov.example.cn/n-1"],"title":["","镇政府工作报告"],"content":["全镇新增就业860人。","投入资金1.2亿元。"],"tags":"gov"}"#
                .utf8)
        let (article, events) = try events(value)
        #expect(article.id == "n-1" && article.title == "镇政府工作报告" && article.tags == ["gov"])
        #expect(article.body == "全镇新增就业860人。\n投入资金1.2亿元。")
        #expect(events.map(\.metric.text) == ["860人", "1.2亿元"])
        #expect(events.allSatisfy { $0.extraction == nil && $0.location == nil })
    }

    @Test("an old body-only v1 event gives exactly what it gave before: the parser's metrics, no extraction")
    func oldEventsUnchanged() throws {
        let (_, events) = try events(Articles.json(id: "a1", body: Articles.body))
        #expect(events.map(\.metric) == (try MetricExtractor().extract(Articles.body)))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(events[0].json())) as? [String: Any])
        #expect(obj["extraction"] == nil && obj["location"] == nil)
        #expect(
            events[0].metricID
                == MetricID.make(
                    articleID: "a1", start: events[0].metric.start, end: events[0].metric.end,
                    parserVersion: MetricExtractor.version))
    }
}

@Suite("HTML page limit setting")
struct HTMLLimitSettingTests {
    @Test("max.html.bytes (file or TALLY_MAX_HTML_BYTES) sets the page limit; default 16 MiB")
    func setting() throws {
        let env = Settings.resolve(flags: [:], environment: ["TALLY_MAX_HTML_BYTES": "65536"], file: [:])
        #expect(try WorkerConfiguration(settings: env).maxHTMLBytes == 65536)
        let file = Settings.resolve(flags: [:], environment: [:], file: ["max.html.bytes": "1000"])
        #expect(try WorkerConfiguration(settings: file).maxHTMLBytes == 1000)
        #expect(
            try WorkerConfiguration(settings: Settings.resolve(flags: [:], environment: [:], file: [:])).maxHTMLBytes
                == 16 * 1024 * 1024)
        let bad = Settings.resolve(flags: [:], environment: ["TALLY_MAX_HTML_BYTES": "0"], file: [:])
        #expect { _ = try WorkerConfiguration(settings: bad) } throws: { "\($0)".contains("max.html.bytes") }
    }
}
