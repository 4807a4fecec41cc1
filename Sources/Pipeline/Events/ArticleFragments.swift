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
    private struct Source {
        var article: MetricEvent.SharedArticle
        var count: Int
        var parserVersion: String
        var extractedAt: String
        var lineage: Lineage
        var extraction: Extraction?

        init(_ e: MetricEvent) {
            article = e.sharedArticle
            count = e.count
            parserVersion = e.parserVersion
            extractedAt = e.extractedAt
            lineage = e.lineage
            extraction = e.extraction
        }

        /// An article's events share one `SharedArticle` (`ArticleProcessor.process`): the same
        /// object has the same fields, so only another article's are compared. Extractions are
        /// compared only when there is one (the comparison copies both).
        func matches(_ e: MetricEvent) -> Bool {
            let other = e.sharedArticle
            return (article === other || Self.sameMembers(article.article, other.article)) && count == e.count
                && parserVersion == e.parserVersion && extractedAt == e.extractedAt && lineage == e.lineage
                && (extraction == nil && e.extraction == nil || extraction == e.extraction)
        }

        /// The article's fields the fragments carry.
        static func sameMembers(_ a: ArticleEvent, _ b: ArticleEvent) -> Bool {
            a.id == b.id && a.url == b.url && a.source == b.source && a.title == b.title
                && a.publishedAt == b.publishedAt
        }
    }

    /// The fragments for `event`'s article, encoded unless the last ones were for the same values.
    mutating func update(for event: MetricEvent) {
        // Not `if let`: binding copies the Source (a retain per String) for every event.
        if source?.matches(event) == true { return }
        let s = Source(event)
        let a = s.article.article
        article = JSONWriter.members(capacity: 128 + a.url.utf8.count + (a.title?.utf8.count ?? 0)) { w in
            w.key("article_id"); w.string(a.id)
            w.key("article_url"); w.string(a.url)
            w.key("article_source"); w.string(a.source)
            w.key("article_title"); w.string(a.title)
            w.key("published_at"); w.string(a.publishedAt)
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
}
