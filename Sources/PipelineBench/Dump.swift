import Foundation
import Kafka
import MetricParser
import Pipeline

/// `dump`: every record the processing path produces for fixed inputs at a fixed `now`, written
/// to `--out` (topic, partition, key, headers, value; one block per record), so two builds can be
/// compared byte for byte (`cmp`). Inputs: the bench's articles (`--articles N`), each third with
/// a trace context, the bundled HTML sample as a page, titles and bodies that need escapes, and
/// a few records that are dead letters; once without and once with a summary topic.
func runDump(_ args: Args) {
    let texts = bodies()
    let n = args.int("articles", 300)
    let now = Date(timeIntervalSince1970: 1_795_000_000.125)
    var values: [[UInt8]] = (0..<n).map { article($0, texts).value! }
    func json(_ obj: [String: Any]) -> [UInt8] { Array(try! JSONSerialization.data(withJSONObject: obj)) }
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tally/Samples")
    for f in ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []).sorted()
    where f.hasSuffix(".html") {
        let page = try! String(contentsOf: samples.appendingPathComponent(f), encoding: .utf8)
        values.append(json(["id": "page-\(f)", "url": "https://gov.example.cn/\(f)", "html": page]))
        values.append(
            json([
                "id": "page64-\(f)", "url": "https://gov.example.hk/\(f)",
                "html": ["content": Data(page.utf8).base64EncodedString(), "encoding": "base64"],
                "language": "zh-HK", "title": "Page \"\(f)\"\n\t\\",
            ]))
    }
    values.append(
        json([
            "id": "esc\u{1}\"\\", "url": "https://x.invalid/\u{7F}é", "body": "前言\n\"引号\"\\ 增长5.5%，\u{2}投资3亿元。",
            "title": ["", "标题\u{8}"], "source": NSNull(), "published_at": "2026-11-01T08:00:00.5+08:00",
            "tags": ["a", "b"],
        ]))
    values.append(json(["id": "empty", "url": "https://x.invalid/e", "body": ""]))
    values.append(json(["id": "nutch", "url": ["https://x.invalid/n"], "content": ["收入10亿元", "增长3%"]]))
    values += [
        Array("{\"id\":".utf8), Array("[1]".utf8), [0x7B, 0xFF, 0x7D], Array("{\"id\":\"x\",\"url\":\"u\"}".utf8),
    ]
    let trace = KafkaHeader(key: "traceparent", string: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    let records = values.enumerated().map { i, v in
        ConsumerRecord(
            topic: "raw", partition: Int32(i % 3), offset: Int64(i), key: Array("k\(i)".utf8), value: v,
            headers: i % 3 == 0 ? [trace, KafkaHeader(key: "tracestate", string: "t=1")] : [],
            timestampMs: i % 7 == 0 ? nil : 1_795_000_000_000 + Int64(i))
    }
    let table = PrecomputedMetrics()
    var out: [UInt8] = []
    for summary in [nil, "summaries"] as [String?] {
        let options = ArticleProcessor.Options(summaryTopic: summary)
        let processor =
            args.values["mode"] == "noparse"
            ? ArticleProcessor(
                options: options, extract: { (text: String) throws(ParseError) -> [Metric] in table.metrics(text) })
            : ArticleProcessor(options: options)
        for r in records {
            let outcome = processor.process(r, now: now)
            // A summary without metrics takes the clock's time: not comparable across runs.
            if summary != nil, case .metrics(_, let events) = outcome, events.isEmpty { continue }
            for m in processor.messages(for: outcome, of: r) {
                let headers = m.headers.map { "\($0.key)=\(hex($0.value ?? []))" }.joined(separator: ";")
                out += Array(
                    "== \(m.topic) \(m.partition.map(String.init) ?? "-") \(hex(m.key ?? [])) \(headers) \(m.value?.count ?? -1)\n"
                        .utf8)
                out += m.value ?? []
                out.append(0x0A)
            }
        }
    }
    guard FileManager.default.createFile(atPath: args.string("out"), contents: Data(out)) else {
        fail("cannot write --out")
    }
    emit(["records": records.count, "bytes": out.count])
}

private func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
