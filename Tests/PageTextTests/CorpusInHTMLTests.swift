import Foundation
import MetricParser
import PageFixtures
import PageText
import TestSupport
import Testing

/// Every real report of ../shared/corpus, wrapped at test time in a government site's HTML,
/// must score within 0.01 full F1 of its plain text with the shared scorer: reading pages costs
/// the parser nothing.
@Suite("Corpus in HTML")
struct CorpusInHTMLTests {
    static let reports: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Pages.corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".gold.jsonl") }.map { String($0.dropLast(".gold.jsonl".count)) }
            .filter { names.contains("\($0).txt") }.sorted()
    }()

    @Test("the corpus is there")
    func corpusPresent() {
        #expect(Self.reports.count >= 20, "\(Pages.corpus.path)")
    }

    @Test("wrapped in government-site HTML: full F1 within 0.01 of the plain text", arguments: reports)
    func wrapped(report: String) throws {
        let text = try String(contentsOf: Pages.corpus.appendingPathComponent("\(report).txt"), encoding: .utf8)
        let gold = Pages.corpus.appendingPathComponent("\(report).gold.jsonl")
        let plain = try SharedScorer.score(text: text, metrics: try MetricExtractor().extract(text), gold: gold)

        let html = GovernmentPage.wrap(text, title: report)
        let page = try PageReader().read(Array(html.utf8))
        let metrics = try PageMetrics.extract(page).map(\.metric)
        let inHTML = try SharedScorer.score(text: page.text, metrics: metrics, gold: gold)
        print(
            "[corpus-in-html] \(report): plain full F1 \(plain.fullF1) value F1 \(plain.valueF1); html full F1 \(inHTML.fullF1) value F1 \(inHTML.valueF1)"
        )
        #expect(abs(inHTML.fullF1 - plain.fullF1) <= 0.01, "\(report): plain \(plain.fullF1), in HTML \(inHTML.fullF1)")
        #expect(
            abs(inHTML.valueF1 - plain.valueF1) <= 0.01, "\(report): plain \(plain.valueF1), in HTML \(inHTML.valueF1)")
        #expect(page.title == report)
        #expect(page.publishedAt == "2026-01-15T10:00:00+08:00")
        for chrome in ["3.2万人", "120个重点项目", "12345678", "5100000001", "当前位置", "分享到"] {
            #expect(!page.text.contains(chrome) || text.contains(chrome), "\(chrome) from the site chrome")
        }
    }
}
