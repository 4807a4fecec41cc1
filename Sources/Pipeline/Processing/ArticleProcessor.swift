import Foundation
import Kafka
import MetricParser
import PageText

/// The pure transformation at the heart of the worker: one raw record in, the records to
/// produce out — metric events, or one dead letter with the reason. No Kafka I/O here, so the
/// live worker, `tally replay` and the tests share exactly this code.
public struct ArticleProcessor: Sendable {
    public struct Options: Sendable, Hashable {
        public var outputTopic: String
        public var deadLetterTopic: String
        /// Articles whose body is larger (UTF-8 bytes) are dead-lettered as `too_large`.
        public var maxBodyBytes: Int
        /// Dead letters carry at most this much of the original value.
        public var maxDeadLetterPayloadBytes: Int
        /// Articles whose `html` page is larger (bytes) are dead-lettered as `too_large`.
        public var maxHTMLBytes: Int
        /// The compacted topic for one `article.summary.v1` per processed article; nil: none.
        public var summaryTopic: String?

        public init(
            outputTopic: String = DefaultTopics.output, deadLetterTopic: String = DefaultTopics.deadLetter,
            maxBodyBytes: Int = 2 * 1024 * 1024, maxDeadLetterPayloadBytes: Int = 256 * 1024,
            summaryTopic: String? = nil,
            maxHTMLBytes: Int = 16 * 1024 * 1024
        ) {
            self.outputTopic = outputTopic
            self.deadLetterTopic = deadLetterTopic
            self.maxBodyBytes = maxBodyBytes
            self.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes
            self.maxHTMLBytes = maxHTMLBytes
            self.summaryTopic = summaryTopic
        }
    }

    /// What one record became.
    public enum Outcome: Sendable {
        /// The article's metric events (possibly none), in text order.
        case metrics(article: ArticleEvent, events: [MetricEvent])
        case deadLetter(DeadLetterEvent)
    }

    public let options: Options
    let extract: @Sendable (String, ArticleLocale?) throws(ParseError) -> [Metric]

    public init(options: Options = .init(), extractor: MetricExtractor = MetricExtractor()) {
        self.options = options
        self.extract = { (text: String, locale: ArticleLocale?) throws(ParseError) -> [Metric] in
            try extractor.extract(text, locale: locale)
        }
        self.parserVersion = MetricExtractor.version
    }

    /// With another extraction function in place of the parser: benchmarks use a precomputed
    /// one to measure everything but parsing, tests another parser version.
    public init(
        options: Options, parserVersion: String = MetricExtractor.version,
        extract: @escaping @Sendable (String) throws(ParseError) -> [Metric]
    ) {
        self.options = options
        self.extract = { (text: String, _: ArticleLocale?) throws(ParseError) -> [Metric] in try extract(text) }
        self.parserVersion = parserVersion
    }

    /// Goes into every event and every metric id.
    public let parserVersion: String

    /// Decodes, validates and parses one record. Never throws: every failure is a dead letter.
    public func process(_ record: ConsumerRecord, now: Date = Date()) -> Outcome {
        let lineage = Lineage(of: record)
        let stamp = Self.timestamp(now)
        switch decode(record) {
        case .failure(let reason):
            return .deadLetter(
                DeadLetterEvent(
                    reason: reason, original: lineage, key: record.key, payload: record.value,
                    parserVersion: parserVersion,
                    failedAt: stamp, maxPayloadBytes: options.maxDeadLetterPayloadBytes))
        case .success(let article):
            let deadLetter = { (reason: DeadLetterReason) in
                Outcome.deadLetter(
                    DeadLetterEvent(
                        reason: reason, original: lineage, key: record.key, payload: record.value,
                        parserVersion: self.parserVersion,
                        failedAt: stamp, maxPayloadBytes: self.options.maxDeadLetterPayloadBytes))
            }
            let source: ArticleText
            switch ArticleText.read(article, reader: PageReader(options: .init(maxBytes: options.maxHTMLBytes))) {
            case .success(let s): source = s
            case .failure(let reason): return deadLetter(reason)
            }
            let textMetrics: [Metric]
            let locale = source.article.parserLocale
            do throws(ParseError) {
                textMetrics = try extract(source.text, locale)
            } catch {
                return deadLetter(DeadLetterReason(.parseError, "\(error)"))
            }
            // A page's tables add metrics; without tables the text's metrics are the events' as
            // they are (not each copied into a PageMetric first).
            let pageMetrics = source.tables.isEmpty ? nil : source.metrics(textMetrics, locale: locale)
            // JSON cannot carry infinities or NaN; refuse rather than write a broken event.
            // By index: the metrics are read in place, not copied out one by one.
            func finite(_ v: Double?) -> Bool { v?.isFinite ?? true }
            func isBad(_ m: Metric) -> Bool { !m.value.isFinite || !finite(m.lower) || !finite(m.upper) }
            let bad: Metric?
            if let pageMetrics {
                bad = pageMetrics.indices.first { isBad(pageMetrics[$0].metric) }.map { pageMetrics[$0].metric }
            } else {
                bad = textMetrics.indices.first { isBad(textMetrics[$0]) }.map { textMetrics[$0] }
            }
            if let bad {
                return deadLetter(
                    DeadLetterReason(.parseError, "non-finite value for '\(bad.text)' at code point \(bad.start)"))
            }
            let article = MetricEvent.SharedArticle(source.article)
            let count = pageMetrics?.count ?? textMetrics.count
            func event(_ i: Int, _ metric: Metric, _ location: TableLocation?) -> MetricEvent {
                MetricEvent(
                    article: article, index: i, count: count, metric: metric, parserVersion: parserVersion,
                    extractedAt: stamp, lineage: lineage, location: location, extraction: source.extraction)
            }
            var events: [MetricEvent] = []
            events.reserveCapacity(count)
            if let pageMetrics {
                for i in pageMetrics.indices { events.append(event(i, pageMetrics[i].metric, pageMetrics[i].location)) }
            } else {
                for i in textMetrics.indices { events.append(event(i, textMetrics[i], nil)) }
            }
            return .metrics(article: source.article, events: events)
        }
    }

    /// The records to produce for `outcome` of `record`: metrics keyed by article id, then the
    /// article's summary (when a summary topic is set), or the dead letter keyed like the
    /// original. Every one carries the record's trace context as a child span.
    public func messages(for outcome: Outcome, of record: ConsumerRecord) -> [ProducerMessage] {
        let trace = TracePropagation(headers: record.headers)
        switch outcome {
        case .metrics(let article, let events):
            let key = Array(article.id.utf8)
            var sentences = SentenceCache()
            var articles = ArticleFragments()
            var writer = JSONWriter(capacity: 2048)
            var out: [ProducerMessage] = []
            out.reserveCapacity(events.count + 1)
            // Through the buffer: its elements are borrowed, an array's subscript copied each event.
            events.withUnsafeBufferPointer { events in
                for i in events.indices {
                    let traced = trace.headers(child: events[i].metricID)
                    out.append(
                        ProducerMessage(
                            topic: options.outputTopic, key: key,
                            value: events[i].json(sentences: &sentences, articles: &articles, writer: &writer),
                            headers: traced.isEmpty ? Self.metricHeaders : Self.metricHeaders + traced))
                }
            }
            if let summaryTopic = options.summaryTopic {
                let lineage = Lineage(of: record)
                let summary = ArticleSummaryEvent(
                    article: article, metricIDs: events.map(\.metricID), parserVersion: parserVersion,
                    processedAt: events.first?.extractedAt ?? Self.timestamp(Date()), lineage: lineage)
                out.append(
                    ProducerMessage(
                        topic: summaryTopic, key: key, value: summary.json(),
                        headers: Self.summaryHeaders + trace.headers(child: "summary")))
            }
            return out
        case .deadLetter(let dl):
            return [
                ProducerMessage(
                    topic: options.deadLetterTopic, key: dl.key, value: dl.json(),
                    headers: dl.headers + trace.headers(child: "deadletter"))
            ]
        }
    }

    static let metricHeaders = [
        KafkaHeader(key: "content-type", string: "application/json"),
        KafkaHeader(key: "tally.schema", string: MetricEvent.schema),
    ]

    static let summaryHeaders = [
        KafkaHeader(key: "content-type", string: "application/json"),
        KafkaHeader(key: "tally.schema", string: ArticleSummaryEvent.schema),
    ]

    // MARK: Decoding

    func decode(_ record: ConsumerRecord) -> Result<ArticleEvent, DeadLetterReason> {
        guard let value = record.value, !value.isEmpty else {
            return .failure(DeadLetterReason(.emptyValue, "record has no value"))
        }
        // A JSON body can only be so much larger than the body it carries (escapes, metadata).
        if value.count > max(options.maxBodyBytes, options.maxHTMLBytes) * 6 + 64 * 1024 {
            return .failure(
                DeadLetterReason(
                    .tooLarge, "record is \(value.count) bytes, over the limit for a \(options.maxBodyBytes)-byte body")
            )
        }
        let article: ArticleEvent
        switch ArticleEvent.decode(json: value) {
        case .failure(let reason): return .failure(reason)
        case .success(let a): article = a
        }
        if let v = article.violation() { return .failure(DeadLetterReason(.schemaViolation, v)) }
        let bodyBytes = article.body.utf8.count
        if bodyBytes > options.maxBodyBytes {
            return .failure(
                DeadLetterReason(.tooLarge, "body is \(bodyBytes) bytes, over the limit of \(options.maxBodyBytes)"))
        }
        if let html = article.html, html.byteCount > options.maxHTMLBytes * (html.encoding == .base64 ? 2 : 1) {
            return .failure(
                DeadLetterReason(
                    .tooLarge, "html is \(html.byteCount) bytes, over the limit of \(options.maxHTMLBytes)"))
        }
        return .success(article)
    }

    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
