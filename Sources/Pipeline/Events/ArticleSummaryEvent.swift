import Crypto

/// What one processed article produced, published on a compacted topic keyed by article id
/// (`schemas/article.summary.v1.json`): the latest value per article lists exactly its current
/// metric ids, so a downstream store can replace an article's rows as a whole when the page is
/// crawled again after an edit or replayed with another parser version (docs/upserts.md).
///
/// Published for every article the parser processed, also one with no metrics (its summary
/// lists none, which retracts what an earlier version produced); never for a dead letter.
public struct ArticleSummaryEvent: Sendable, Hashable {
    public static let schema = "article.summary.v1"

    public var article: ArticleEvent
    /// SHA-256 of the body's UTF-8, hex: tells an edit from a replay of the same content.
    public var contentSHA256: String
    public var parserVersion: String
    /// The article's metric ids in text order (`metric_index` order).
    public var metricIDs: [String]
    public var processedAt: String
    public var lineage: Lineage

    public init(
        article: ArticleEvent, metricIDs: [String], parserVersion: String, processedAt: String, lineage: Lineage
    ) {
        self.article = article
        self.contentSHA256 = Hex.lower(Hex.sha256(article.body))
        self.parserVersion = parserVersion
        self.metricIDs = metricIDs
        self.processedAt = processedAt
        self.lineage = lineage
    }

    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + metricIDs.count * 36)
        w.beginObject()
        w.key("schema"); w.string(Self.schema)
        w.key("article_id"); w.string(article.id)
        w.key("article_url"); w.string(article.url)
        w.key("content_sha256"); w.string(contentSHA256)
        w.key("parser_version"); w.string(parserVersion)
        w.key("metric_count"); w.number(metricIDs.count)
        w.key("metric_ids"); w.beginArray()
        for id in metricIDs { w.string(id) }
        w.endArray()
        w.key("processed_at"); w.string(processedAt)
        w.key("lineage"); lineage.write(into: &w)
        w.endObject()
        return w.finish()
    }
}
