import MetricParser

/// One extracted metric as published on the metric topic (`schemas/metric.normalized.v2.json`;
/// how the schema evolves: `schemas/README.md`).
/// Keyed by article id, so one article's metrics stay ordered in one partition.
public struct MetricEvent: Sendable, Hashable {
    public static let schema = "metric.normalized.v2"

    public var metricID: String
    public var article: ArticleEvent
    /// Position of this metric among the article's metrics, and how many there are: lets a
    /// consumer know when it has all of an article's metrics.
    public var index: Int
    public var count: Int
    public var metric: Metric
    public var parserVersion: String
    /// RFC 3339, UTC, milliseconds.
    public var extractedAt: String
    public var lineage: Lineage
    /// The table cell a table metric was read from (v2, optional).
    public var location: TableLocation?
    /// How the text was made from the article's page, when it was (v2, optional).
    public var extraction: Extraction?

    public init(
        article: ArticleEvent, index: Int, count: Int, metric: Metric, parserVersion: String, extractedAt: String,
        lineage: Lineage,
        location: TableLocation? = nil, extraction: Extraction? = nil
    ) {
        // Offsets into a page's text depend on the extractor too: its version is part of the id.
        let idVersion = extraction.map { "\(parserVersion)|\($0.extractor)/\($0.version)" } ?? parserVersion
        self.metricID = MetricID.make(
            articleID: article.id, start: metric.start, end: metric.end, parserVersion: idVersion)
        self.location = location
        self.extraction = extraction
        self.article = article
        self.index = index
        self.count = count
        self.metric = metric
        self.parserVersion = parserVersion
        self.extractedAt = extractedAt
        self.lineage = lineage
    }

    /// The event as UTF-8 JSON, fields in schema order.
    public func json() -> [UInt8] {
        var sentences = SentenceCache()
        return json(sentences: &sentences)
    }

    /// The same, with the sentence's JSON taken from `sentences` when the previous event written
    /// with it had the same sentence (`SentenceCache`): an article's events share one cache.
    func json(sentences: inout SentenceCache) -> [UInt8] {
        // Room for the whole event: one allocation, no growth.
        let text = metric.sentence.utf8.count + metric.text.utf8.count + metric.subject.utf8.count
        var w = JSONWriter(capacity: 640 + text + article.url.utf8.count + (article.title?.utf8.count ?? 0))
        w.beginObject()
        w.key("schema"); w.string(Self.schema)
        w.key("metric_id"); w.string(metricID)
        w.key("article_id"); w.string(article.id)
        w.key("article_url"); w.string(article.url)
        w.key("article_source"); w.string(article.source)
        w.key("article_title"); w.string(article.title)
        w.key("published_at"); w.string(article.publishedAt)
        w.key("metric_index"); w.number(index)
        w.key("article_metric_count"); w.number(count)
        metric.writeFields(into: &w, sentences: &sentences)
        w.key("parser_version"); w.string(parserVersion)
        w.key("extracted_at"); w.string(extractedAt)
        w.key("lineage"); lineage.write(into: &w)
        if let location { w.key("location"); location.write(into: &w) }
        if let extraction { w.key("extraction"); extraction.write(into: &w) }
        w.endObject()
        return w.bytes
    }
}
