import Foundation
import Kafka
import KafkaTesting
import MetricParser
import PageText
import Pipeline
import Testing

/// `tally run` on pages: article.raw events carrying `html` (as text, as GBK bytes in base64),
/// a Nutch-style event and a binary "page", against noida-db.
@Suite("tally run on HTML events (noida-db)", .serialized)
struct HTMLRunTests {
    /// A made-up district page with chrome, inline spans and a table; figures vary with `i`.
    static func page(_ i: Int) -> String {
        """
        <html><head><meta charset="utf-8"><meta name="ArticleTitle" content="第\(i)区经济运行"><meta name="PubDate" content="2026-0\(1 + i % 9)-1\(i % 10)"></head>
        <body><div class="nav"><a href="/">首页</a><a href="/x">统计</a></div>
        <div id="breadcrumb">当前位置：<a href="/">首页</a></div>
        <p>&nbsp;&nbsp;全区完成投资<span>\(10 + i).\(i % 10)</span>亿元，增长<b>\(i % 8 + 1)</b>%，新增企业\(30 + i)家。</p>
        <p>单位：万元</p>
        <table><tr><th>项目</th><th>金额</th><th>比上年增长(%)</th></tr>
        <tr><td>一般公共预算收入</td><td>\(5000 + i * 13)</td><td>\(i % 5).\(i % 3)</td></tr>
        <tr><td>税收收入</td><td>\(3000 + i * 7)</td><td>-\(i % 4 + 1).5</td></tr></table>
        <div class="footer">访问量\(100000 + i)次</div></body></html>
        """
    }

    struct Expected: Hashable {
        var article: String
        var start: Int
        var end: Int
        var text: String
        var subject: String
        var cell: [Int]?
    }

    @Test(
        "HTML events through tally run: exactly the page metrics, cells located, provenance on every event, bad page dead-lettered; tally replay gives the same ids"
    )
    func htmlEvents() throws {
        let t = try E2ETopics(partitions: 2)
        let gbkURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PageTextTests/Pages/gbk.html")
        let gbk = try Data(contentsOf: gbkURL)
        var events: [(id: String, json: [String: Any])] = (0..<40).map { i in
            ("h-\(i)", ["id": "h-\(i)", "url": "https://gov.example.cn/h-\(i).html", "html": Self.page(i)])
        }
        events.append(
            (
                "gbk",
                [
                    "id": "gbk", "url": "https://gov.example.cn/gbk.html",
                    "html": [
                        "content": gbk.base64EncodedString(), "encoding": "base64",
                        "content_type": "text/html; charset=GBK",
                    ],
                ]
            ))
        events.append(
            (
                "nutch",
                ["id": ["nutch"], "url": ["https://gov.example.cn/n"], "title": ["镇报告"], "content": ["全镇新增就业860人。"]]
            ))
        events.append(
            (
                "binary",
                [
                    "id": "binary", "url": "https://gov.example.cn/logo.png",
                    "html": [
                        "content": Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D]).base64EncodedString(),
                        "encoding": "base64",
                    ],
                ]
            ))

        // What the worker must produce: the same reader and parser, in process.
        var expected = Set<Expected>()
        var texts: [String: String] = [:]
        for (id, obj) in events where id.hasPrefix("h-") || id == "gbk" {
            let page =
                id == "gbk"
                ? try PageReader().read(Array(gbk), contentType: "text/html; charset=GBK")
                : try PageReader().read(html: obj["html"] as! String)
            texts[id] = page.text
            for m in try PageMetrics.extract(page) {
                expected.insert(
                    Expected(
                        article: id, start: m.metric.start, end: m.metric.end, text: m.metric.text,
                        subject: m.metric.subject,
                        cell: m.location.map { [$0.table, $0.row, $0.column] }))
            }
        }
        for m in try MetricExtractor().extract("全镇新增就业860人。") {
            expected.insert(
                Expected(article: "nutch", start: m.start, end: m.end, text: m.text, subject: m.subject, cell: nil))
        }
        #expect(expected.filter { $0.cell != nil }.count == 40 * 4, "four table cells per generated page")

        let producer = try KafkaProducer(config: t.config)
        for r in try producer.sendAll(
            events.map {
                ProducerMessage(
                    topic: t.input, key: Array($0.id.utf8),
                    value: Array(try! JSONSerialization.data(withJSONObject: $0.json)))
            })
        { _ = try r.get() }
        producer.close()

        let run = try TallyProcess(["run"], environment: t.environment())
        try waitUntil(timeout: .seconds(90), "all HTML input committed. stderr: \(run.stderr.suffix(2000))") {
            try t.committedToEnd()
        }
        run.signal(SIGTERM)
        #expect(run.wait(timeout: .seconds(40)) == 0, "stderr: \(run.stderr.suffix(1500))")

        let out = try Self.read(t, topic: t.output, partitions: t.partitions, count: expected.count)
        var got = Set<Expected>()
        for obj in out {
            let id = obj["article_id"] as! String
            let cell = (obj["location"] as? [String: Int]).map { [$0["table"]!, $0["row"]!, $0["column"]!] }
            got.insert(
                Expected(
                    article: id, start: obj["start"] as! Int, end: obj["end"] as! Int, text: obj["text"] as! String,
                    subject: obj["subject"] as! String, cell: cell))
            #expect(obj["schema"] as? String == "metric.normalized.v2")
            if let text = texts[id] {
                let extraction = try #require(obj["extraction"] as? [String: Any], "\(id)")
                #expect(extraction["version"] as? String == PageReader.version)
                #expect(extraction["text_scalars"] as? Int == text.unicodeScalars.count)
                if id.hasPrefix("h-") {
                    #expect((obj["article_title"] as? String)?.hasSuffix("区经济运行") == true, "title from the page's meta")
                }
            } else {
                #expect(obj["extraction"] == nil, "a body needs no extraction block")
            }
        }
        #expect(
            got == expected,
            "missing \(expected.subtracting(got).prefix(5)); unexpected \(got.subtracting(expected).prefix(5))")
        #expect(
            !out.contains { ($0["text"] as? String)?.contains("100") == true && ($0["unit"] as? String) == "次" },
            "footer counters are not metrics")

        let dead = try Self.read(t, topic: t.deadLetters, partitions: 1, count: 1)
        #expect(dead.count == 1)
        #expect(dead.first?["error_class"] as? String == "parse_error")
        #expect((dead.first?["reason"] as? String)?.contains("binary") == true, "\(dead)")

        // tally replay takes the same html events: into another topic, the very same metric ids.
        let backfill = "\(t.output).backfill"
        try KafkaAdmin(config: t.config).createTopics([.init(name: backfill, partitions: t.partitions)])
        let replay = try TallyProcess.run(
            [
                "replay", "--topic", t.input, "--from-offset", "0", "--output-topic", backfill, "--deadletter-topic",
                t.deadLetters,
                "--brokers", t.config.bootstrapServers!, "--progress", "off",
            ], timeout: .seconds(90))
        #expect(replay.status == 0, "stderr: \(replay.stderr.suffix(1500))")
        let replayed = try Self.read(t, topic: backfill, partitions: t.partitions, count: out.count)
        #expect(
            Set(replayed.compactMap { $0["metric_id"] as? String })
                == Set(out.compactMap { $0["metric_id"] as? String }))
        #expect(replayed.count == out.count)
    }

    static func read(_ t: E2ETopics, topic: String, partitions: Int32, count: Int) throws -> [[String: Any]] {
        let consumer = try KafkaConsumer(config: t.config)
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        let records = try consumer.records(count: count, timeout: .seconds(60)) + consumer.records(for: .seconds(1))
        consumer.close()
        return records.compactMap { try? JSONSerialization.jsonObject(with: Data($0.value ?? [])) as? [String: Any] }
    }
}
