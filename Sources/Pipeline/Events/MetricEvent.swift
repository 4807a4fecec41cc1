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

    func json(sentences: inout SentenceCache) -> [UInt8] {
        var articles = ArticleFragments()
        return json(sentences: &sentences, articles: &articles)
    }

    /// The same, with the sentence's JSON taken from `sentences` when the previous event written
    /// with it had the same sentence (`SentenceCache`), and the members shared by an article's
    /// events from `articles` (`ArticleFragments`): an article's events share both caches.
    func json(sentences: inout SentenceCache, articles: inout ArticleFragments) -> [UInt8] {
        articles.update(for: self)
        // Room for the whole event: one allocation, no growth.
        let text = metric.sentence.utf8.count + metric.text.utf8.count + metric.subject.utf8.count
        var w = JSONWriter(capacity: 512 + text + articles.byteCount)
        w.beginObject()
        w.key("schema"); w.string(Self.schema)
        w.key("metric_id"); w.string(metricID)
        w.members(articles.article)
        w.key("metric_index"); w.number(index)
        w.members(articles.count)
        metric.writeFields(into: &w, sentences: &sentences)
        w.members(articles.provenance)
        if let location { w.key("location"); location.write(into: &w) }
        w.members(articles.extraction)
        w.endObject()
        return w.finish()
    }
}
