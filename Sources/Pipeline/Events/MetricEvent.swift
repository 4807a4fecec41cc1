import MetricParser

/// One extracted metric as published on the metric topic (`schemas/metric.normalized.v2.json`;
/// how the schema evolves: `schemas/README.md`).
/// Keyed by article id, so one article's metrics stay ordered in one partition.
public struct MetricEvent: Sendable, Hashable {
    public static let schema = "metric.normalized.v2"

    /// The fields, behind one reference. An event is copied on its way from `process` to
    /// `messages`, and the compiler copies a 600-byte struct field by field (every reference
    /// retained, then released) where it could move it; a copy of the box is one retain.
    /// Setting a field replaces the box (value semantics, as before).
    private var box: Box

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Sendable, Hashable {
        var metricID: String
        var article: SharedArticle
        var index: Int
        var count: Int
        var metric: Metric
        var parserVersion: String
        var extractedAt: String
        var lineage: Lineage
        var location: TableLocation?
        var extraction: Extraction?
    }

    /// A field read in place (`_read`: a getter would copy, say, the whole article per access).
    public var metricID: String {
        _read { yield box.fields.metricID }
        set { update { $0.metricID = newValue } }
    }
    public var article: ArticleEvent {
        _read { yield box.fields.article.article }
        set { update { $0.article = SharedArticle(newValue) } }
    }
    /// The article behind its shared box (what `ArticleFragments` compares by identity).
    var sharedArticle: SharedArticle { box.fields.article }
    /// Position of this metric among the article's metrics, and how many there are: lets a
    /// consumer know when it has all of an article's metrics.
    public var index: Int {
        _read { yield box.fields.index }
        set { update { $0.index = newValue } }
    }
    public var count: Int {
        _read { yield box.fields.count }
        set { update { $0.count = newValue } }
    }
    public var metric: Metric {
        _read { yield box.fields.metric }
        set { update { $0.metric = newValue } }
    }
    public var parserVersion: String {
        _read { yield box.fields.parserVersion }
        set { update { $0.parserVersion = newValue } }
    }
    /// RFC 3339, UTC, milliseconds.
    public var extractedAt: String {
        _read { yield box.fields.extractedAt }
        set { update { $0.extractedAt = newValue } }
    }
    public var lineage: Lineage {
        _read { yield box.fields.lineage }
        set { update { $0.lineage = newValue } }
    }
    /// The table cell a table metric was read from (v2, optional).
    public var location: TableLocation? {
        _read { yield box.fields.location }
        set { update { $0.location = newValue } }
    }
    /// How the text was made from the article's page, when it was (v2, optional).
    public var extraction: Extraction? {
        _read { yield box.fields.extraction }
        set { update { $0.extraction = newValue } }
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public static func == (a: MetricEvent, b: MetricEvent) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public init(
        article: ArticleEvent, index: Int, count: Int, metric: Metric, parserVersion: String, extractedAt: String,
        lineage: Lineage,
        location: TableLocation? = nil, extraction: Extraction? = nil
    ) {
        self.init(
            article: SharedArticle(article), index: index, count: count, metric: metric, parserVersion: parserVersion,
            extractedAt: extractedAt, lineage: lineage, location: location, extraction: extraction)
    }

    /// One article's events share its fields: a retain per event, not one per field.
    final class SharedArticle: Sendable, Hashable {
        let article: ArticleEvent
        init(_ article: ArticleEvent) { self.article = article }
        static func == (a: SharedArticle, b: SharedArticle) -> Bool { a === b || a.article == b.article }
        func hash(into hasher: inout Hasher) { article.hash(into: &hasher) }
    }

    init(
        article shared: SharedArticle, index: Int, count: Int, metric: Metric, parserVersion: String,
        extractedAt: String, lineage: Lineage, location: TableLocation?, extraction: Extraction?
    ) {
        // Offsets into a page's text depend on the extractor too: its version is part of the id.
        let idVersion = extraction.map { "\(parserVersion)|\($0.extractor)/\($0.version)" } ?? parserVersion
        box = Box(
            Fields(
                metricID: MetricID.make(
                    articleID: shared.article.id, start: metric.start, end: metric.end, parserVersion: idVersion),
                article: shared, index: index, count: count, metric: metric, parserVersion: parserVersion,
                extractedAt: extractedAt, lineage: lineage, location: location, extraction: extraction))
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
        var writer = JSONWriter(capacity: 1024)
        return json(sentences: &sentences, articles: &articles, writer: &writer)
    }

    /// The same, written with `w`, whose room an article's events reuse one after the other: each
    /// event's bytes are copied out into an array of their size (no zero-filled room to trim).
    func json(sentences: inout SentenceCache, articles: inout ArticleFragments, writer w: inout JSONWriter) -> [UInt8] {
        articles.update(for: self)
        w.reset()
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
        return w.bytes()
    }
}
