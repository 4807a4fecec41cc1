import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

/// docs/upserts.md, played by a test: a downstream store that upserts metric events by
/// `metric_id` and replaces an article's current set from its latest summary.
@Suite("Article-level upserts (noida-db)", .serialized)
struct ArticleUpsertTests {
    static let before = "今年全市新建学校12个，投入资金3.5亿元，受益学生约2万名。"
    static let edited = "今年全市新建学校15个，另建图书馆3座，投入资金4.2亿元，受益学生约2.5万名。"
    static let quiet = "今天召开了座谈会，大家畅所欲言。"
    static let tourism = "全年接待游客120万人次，旅游收入8.6亿元。"
    static let traceID = "0af7651916cd43dd8448eb211c80319c"

    @Test(
        "after an edit and a replay with another parser version, the latest summary per article lists exactly the current metrics, and the reader ends with only those"
    )
    func editThenReplay() throws {
        let h = try WorkerHarness(broker: .noida, partitions: 2)
        try h.produce([
            ("A", Articles.json(id: "A", body: Self.before)), ("B", Articles.json(id: "B", body: Self.quiet)),
        ])
        // C arrives with a W3C trace context, as from an instrumented crawler.
        let producer = try KafkaProducer(config: h.config)
        _ = try producer.sendAll([
            ProducerMessage(
                topic: h.input, key: Array("C".utf8), value: Articles.json(id: "C", body: Self.tourism),
                headers: [KafkaHeader(key: "traceparent", string: "00-\(Self.traceID)-00f067aa0ba902b7-01")])
        ]).map { try $0.get() }
        producer.close()
        try runToEnd(h, group: h.group)
        // The page is crawled again after an edit.
        try h.produce([("A", Articles.json(id: "A", body: Self.edited))])
        try runToEnd(h, group: h.group)
        // A backfill with another parser version (a new group reads everything again).
        let upgraded = ArticleProcessor(
            options: .init(outputTopic: h.output, deadLetterTopic: h.deadLetters, summaryTopic: h.summaries),
            parserVersion: "test-2",
            extract: { (t: String) throws(ParseError) -> [Metric] in try MetricExtractor().extract(t) })
        try runToEnd(h, group: h.group + "-backfill", processor: upgraded)

        let extractor = MetricExtractor()
        func ids(_ id: String, _ body: String, _ version: String) throws -> [String] {
            try extractor.extract(body).map {
                MetricID.make(articleID: id, start: $0.start, end: $0.end, parserVersion: version)
            }
        }
        let current: [String: Set<String>] = [
            "A": Set(try ids("A", Self.edited, "test-2")), "B": [], "C": Set(try ids("C", Self.tourism, "test-2")),
        ]
        let v1 = MetricExtractor.version
        let summaryCount = 3 + 1 + 4
        // Live: A, C, then edited A; the backfill reads all four records again.
        let metricCount =
            try [
                ids("A", Self.before, v1), ids("C", Self.tourism, v1), ids("A", Self.edited, v1),
                ids("A", Self.before, "test-2"),
            ].joined().count
            + current.values.reduce(0) { $0 + $1.count }
        let summaries = try h.readAll(h.summaries, count: summaryCount)
        let metrics = try h.readAll(h.output, count: metricCount)
        #expect(summaries.count == summaryCount && metrics.count == metricCount)
        try SchemaValidator.expectValid(summaries.compactMap(\.value), schema: "article.summary.v1")

        // The trace crossed the worker: every output caused by C is in C's trace.
        let fromC = (metrics + summaries).filter { $0.keyString == "C" }
        #expect(fromC.count == 2 * current["C"]!.count + 2)
        #expect(fromC.allSatisfy { $0.headers.value(forKey: "traceparent")?.hasPrefix("00-\(Self.traceID)-") == true })

        // The compacted topic's latest value per article (records of one key are in order in one partition).
        var latest: [String: [String: Any]] = [:]
        for r in summaries.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
            latest[r.keyString!] = try decode(r)
        }
        for (article, want) in current {
            #expect(
                Set(latest[article]?["metric_ids"] as? [String] ?? ["missing"]) == want, "latest summary of \(article)")
            #expect(latest[article]?["parser_version"] as? String == "test-2")
        }

        // The reader, whatever order the two topics' records reach it in.
        // Interleaved, with the summaries newest first: older summaries arrive late.
        let interleaved = zip(summaries.reversed(), metrics).flatMap { [$0, $1] } + metrics.dropFirst(summaries.count)
        let orders: [(String, [ConsumerRecord])] = [
            ("summaries first", summaries + metrics), ("metrics first", metrics + summaries),
            ("interleaved, summaries reversed", interleaved),
        ]
        for (name, records) in orders {
            var store = DownstreamStore()
            for r in records { try store.apply(r, summaryTopic: h.summaries) }
            #expect(store.currentView() == current, "\(name): \(store.currentView())")
            #expect(
                store.rows.values.allSatisfy { row in
                    current[row.article]?.contains(row.id) == true || !store.isCurrent(row)
                })
        }
    }

    private func runToEnd(_ h: WorkerHarness, group: String, processor: ArticleProcessor? = nil) throws {
        let running = h.start(processor: processor) {
            $0.summaryTopic = h.summaries
            $0.groupID = group
        }
        try waitUntil(timeout: .seconds(60), "\(group) committed to the end of the input") {
            try h.committedToEnd(group: group)
        }
        let result = running.stop()
        #expect((try? result.get()) != nil, "worker stopped cleanly: \(result)")
    }
}

/// The recipe of docs/upserts.md in memory: metric rows upserted by id; per article the id list
/// of its newest summary; the current view joins the two; a row of an older processing that
/// its article's summary does not list is garbage and is collected.
///
/// "Newer" is the processing's version: (`processed_at`/`extracted_at`, raw partition, raw
/// offset). A metric event and the summary of one processing have the same version; the raw
/// offset orders two processings of one article within the same millisecond.
struct DownstreamStore {
    struct Version: Comparable, Hashable {
        var at: String
        var partition: Int
        var offset: Int
        static func < (a: Self, b: Self) -> Bool { (a.at, a.partition, a.offset) < (b.at, b.partition, b.offset) }
    }

    struct Row: Hashable {
        var id: String
        var article: String
        var version: Version
    }

    var rows: [String: Row] = [:]
    var summaries: [String: (ids: Set<String>, version: Version)] = [:]

    static func version(_ o: [String: Any], at key: String) -> Version {
        let l = o["lineage"] as! [String: Any]
        return Version(at: o[key] as! String, partition: l["partition"] as! Int, offset: l["offset"] as! Int)
    }

    mutating func apply(_ r: ConsumerRecord, summaryTopic: String) throws {
        let o = try decode(r)
        if r.topic == summaryTopic {
            let article = o["article_id"] as! String
            let v = Self.version(o, at: "processed_at")
            // An older summary arriving late never replaces a newer one.
            if let known = summaries[article], known.version > v { return }
            let ids = Set(o["metric_ids"] as! [String])
            summaries[article] = (ids, v)
            rows = rows.filter { !($0.value.article == article && $0.value.version < v && !ids.contains($0.key)) }
        } else {
            let row = Row(
                id: o["metric_id"] as! String, article: o["article_id"] as! String,
                version: Self.version(o, at: "extracted_at"))
            if let s = summaries[row.article], row.version < s.version, !s.ids.contains(row.id) { return }  // stale
            if let old = rows[row.id], old.version > row.version { return }
            rows[row.id] = row
        }
    }

    func isCurrent(_ row: Row) -> Bool { summaries[row.article]?.ids.contains(row.id) == true }

    /// `select … from metrics join article_current using (article_id) where metric_id = any(metric_ids)`.
    func currentView() -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for (article, s) in summaries {
            out[article] = Set(rows.values.filter { $0.article == article && s.ids.contains($0.id) }.map(\.id))
        }
        return out
    }
}
