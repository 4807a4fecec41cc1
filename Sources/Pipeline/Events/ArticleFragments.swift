/// The members of a metric event that are the same for every metric of one article — the
/// article's fields, its metric count, parser version, extraction time, lineage and extraction —
/// encoded once and copied into each of its events (`MetricEvent.json(sentences:articles:)`).
/// Every event still carries all of them; only the work of encoding them is shared.
///
/// The cache holds the fragments of the last article written and encodes anew when an event's
/// values differ (compared, not assumed: strings of one article share storage, so the
/// comparisons are pointer checks).
struct ArticleFragments {
    private var source: Source? = nil
    /// `,"article_id":…,"published_at":…`
    private(set) var article: [UInt8] = []
    /// `,"article_metric_count":…`
    private(set) var count: [UInt8] = []
    /// `,"parser_version":…,"extracted_at":…,"lineage":{…}`
    private(set) var provenance: [UInt8] = []
    /// `,"extraction":{…}`, or nothing.
    private(set) var extraction: [UInt8] = []

    /// What the fragments were encoded from.
    private struct Source: Equatable {
        var id: String
        var url: String
        var source: String?
        var title: String?
        var publishedAt: String?
        var count: Int
        var parserVersion: String
        var extractedAt: String
        var lineage: Lineage
        var extraction: Extraction?

        init(_ e: MetricEvent) {
            id = e.article.id
            url = e.article.url
            source = e.article.source
            title = e.article.title
            publishedAt = e.article.publishedAt
            count = e.count
            parserVersion = e.parserVersion
            extractedAt = e.extractedAt
            lineage = e.lineage
            extraction = e.extraction
        }

        func matches(_ e: MetricEvent) -> Bool {
            id == e.article.id && url == e.article.url && source == e.article.source && title == e.article.title
                && publishedAt == e.article.publishedAt && count == e.count && parserVersion == e.parserVersion
                && extractedAt == e.extractedAt && lineage == e.lineage && extraction == e.extraction
        }
    }

    /// The fragments for `event`'s article, encoded unless the last ones were for the same values.
    mutating func update(for event: MetricEvent) {
        // Not `if let`: binding copies the Source (a retain per String) for every event.
        if source?.matches(event) == true { return }
        let s = Source(event)
        article = JSONWriter.members(capacity: 128 + s.url.utf8.count + (s.title?.utf8.count ?? 0)) { w in
            w.key("article_id"); w.string(s.id)
            w.key("article_url"); w.string(s.url)
            w.key("article_source"); w.string(s.source)
            w.key("article_title"); w.string(s.title)
            w.key("published_at"); w.string(s.publishedAt)
        }
        count = JSONWriter.members(capacity: 48) { w in
            w.key("article_metric_count"); w.number(s.count)
        }
        provenance = JSONWriter.members(capacity: 192 + s.lineage.topic.utf8.count) { w in
            w.key("parser_version"); w.string(s.parserVersion)
            w.key("extracted_at"); w.string(s.extractedAt)
            w.key("lineage"); s.lineage.write(into: &w)
        }
        extraction =
            s.extraction.map { x in
                JSONWriter.members(capacity: 192) { w in
                    w.key("extraction"); x.write(into: &w)
                }
            } ?? []
        source = s
    }

    /// Bytes of all fragments together (for sizing an event's buffer).
    var byteCount: Int { article.count + count.count + provenance.count + extraction.count }
}
