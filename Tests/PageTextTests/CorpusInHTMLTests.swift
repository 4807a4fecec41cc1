import Foundation
import MetricParser
import PageFixtures
import PageText
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
        let plain = try Scorer.score(text: text, metrics: try MetricExtractor().extract(text), gold: gold)

        let html = GovernmentPage.wrap(text, title: report)
        let page = try PageReader().read(Array(html.utf8))
        let metrics = try PageMetrics.extract(page).map(\.metric)
        let inHTML = try Scorer.score(text: page.text, metrics: metrics, gold: gold)
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

/// Runs the shared scorer (`../shared/tools/score_metrics.py`) on metrics of a text.
enum Scorer {
    static func score(text: String, metrics: [Metric], gold: URL) throws -> (valueF1: Double, fullF1: Double) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pagetext-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let textURL = dir.appendingPathComponent("article.txt"), predURL = dir.appendingPathComponent("pred.jsonl")
        try Data(text.utf8).write(to: textURL)
        var lines = Data()
        let encoder = JSONEncoder()
        for m in metrics {
            lines.append(try encoder.encode(m))
            lines.append(0x0A)
        }
        try lines.write(to: predURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Pages.scorer.path, textURL.path, gold.path, predURL.path, "--json"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scorer failed on \(gold.lastPathComponent)")
        let scores = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (try #require(scores["value_f1"] as? Double), try #require(scores["full_f1"] as? Double))
    }
}
