import MetricParser

/// A metric of a page: from its text, or from a table cell (`location` says which).
public struct PageMetric: Sendable, Hashable {
    public var metric: Metric
    public var location: TableLocation?

    public init(metric: Metric, location: TableLocation? = nil) {
        self.metric = metric
        self.location = location
    }
}

/// The one place text metrics and table metrics meet: a cell that is a figure is read as table
/// data (its unit and subject come from the headers), so any text metric overlapping it is
/// replaced; text metrics elsewhere (paragraphs, sentences inside cells) stay.
public enum PageMetrics {
    /// - Parameter locale: the locale the text was extracted with: it decides the tables' 元 too.
    public static func combine(
        text metrics: [Metric], tables: [DataTable], locale: ArticleLocale = .mainland
    ) -> [PageMetric] {
        let cells = tables.flatMap { TableMetrics.metrics($0, locale: locale) }
        guard !cells.isEmpty else { return metrics.map { PageMetric(metric: $0) } }
        let spans = cells.map { ($0.metric.start, $0.metric.end) }.sorted { $0.0 < $1.0 }
        func overlapsCell(_ m: Metric) -> Bool {
            // Binary search for the first cell ending after m.start.
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].0 < m.end { lo = mid + 1 } else { hi = mid }
            }
            // Cells do not overlap each other; look at the ones starting before m.end.
            var k = lo - 1
            while k >= 0, k >= lo - 2 {
                if spans[k].0 < m.end && m.start < spans[k].1 { return true }
                k -= 1
            }
            return false
        }
        var out = metrics.filter { !overlapsCell($0) }.map { PageMetric(metric: $0) }
        out += cells.map { PageMetric(metric: $0.metric, location: $0.location) }
        out.sort { ($0.metric.start, $0.metric.end) < ($1.metric.start, $1.metric.end) }
        return out
    }

    /// A page's metrics with the given extractor; `locale` as for `MetricExtractor.extract`.
    public static func extract(
        _ page: Page, with extractor: MetricExtractor = MetricExtractor(), locale: ArticleLocale? = nil
    ) throws(ParseError) -> [PageMetric] {
        // Without tables the extractor reads the locale from the text itself, by the same rule,
        // in the pass over the text it makes anyway.
        if page.tables.isEmpty {
            return try extractor.extract(page.text, locale: locale).map { PageMetric(metric: $0) }
        }
        let resolved = locale ?? ArticleLocale(text: page.text) ?? .mainland
        return combine(text: try extractor.extract(page.text, locale: resolved), tables: page.tables, locale: resolved)
    }
}
