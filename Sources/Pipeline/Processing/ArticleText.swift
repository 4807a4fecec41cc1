import Foundation
import MetricParser
import PageText

/// What the parser reads for one article: its page's text when it has `html` (with the page's
/// tables, and its title, date and source filling what the event lacks), else its `body`.
struct ArticleText {
    var article: ArticleEvent
    var text: String
    var tables: [DataTable]
    /// nil when the text is the body itself.
    var extraction: Extraction?

    static func read(_ article: ArticleEvent, reader: PageReader) -> Result<ArticleText, DeadLetterReason> {
        guard let html = article.html else {
            return .success(ArticleText(article: article, text: article.body, tables: [], extraction: nil))
        }
        let page: Page
        do throws(PageError) {
            switch html.encoding {
            case .text:
                page = try reader.read(html: html.content)
            case .base64:
                guard let bytes = Data(base64Encoded: html.content, options: .ignoreUnknownCharacters) else {
                    return .failure(DeadLetterReason(.schemaViolation, "html.content: not base64"))
                }
                page = try reader.read(Array(bytes), charset: html.charset, contentType: html.contentType)
            }
        } catch {
            let errorClass: DeadLetterReason.ErrorClass = error.code == .tooLarge ? .tooLarge : .parseError
            return .failure(DeadLetterReason(errorClass, error.description))
        }
        var a = article
        a.title = a.title ?? page.title
        a.publishedAt = a.publishedAt ?? page.publishedAt
        a.source = a.source ?? page.source
        return .success(
            ArticleText(
                article: a, text: page.text, tables: page.tables,
                extraction: Extraction(charset: page.charset, text: page.text)))
    }

    /// The parser's metrics for the text, with the tables' cells read as data; `locale` is the one
    /// the text was extracted with (nil: read from the text, as the extractor does).
    func metrics(_ textMetrics: [Metric], locale: ArticleLocale?) -> [PageMetric] {
        guard !tables.isEmpty else { return textMetrics.map { PageMetric(metric: $0) } }
        let resolved = locale ?? ArticleLocale(text: text) ?? .mainland
        return PageMetrics.combine(text: textMetrics, tables: tables, locale: resolved)
    }
}
