import Foundation
import MetricParser
import Testing

/// Runs the extractor on the founding article and scores it with the shared scorer
/// (`../shared/tools/score_metrics.py`), exactly as the quality bar is measured.
@Suite("Gold corpus")
struct GoldCorpusTests {
    @Test("fuzhou-2019-two-new-orgs: value F1 ≥ 0.97, full F1 ≥ 0.90")
    func fuzhou() throws {
        let scores = try Self.score(
            article: TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.txt"),
            gold: TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.gold.jsonl"))
        #expect(scores.valueF1 >= 0.97)
        #expect(scores.fullF1 >= 0.90)
    }

    /// The demo's sample reports, labelled by hand in Tests/gold (a second annotator, different
    /// domains: statistics bulletin, rural, ecology, tourism, trade). They were used to find
    /// general rules, so they are a development set, not a blind one; the floors guard regressions.
    @Test("demo sample reports against their hand labels: value F1 ≥ 0.95, full F1 ≥ 0.84", arguments: [
        "01-city-statistical-bulletin", "02-county-rural-revitalization", "03-ecology-environment",
        "04-summer-culture-tourism", "05-province-foreign-trade",
    ])
    func samples(name: String) throws {
        let scores = try Self.score(
            article: TestPaths.packageRoot.appendingPathComponent("Sources/tally/Samples/\(name).txt"),
            gold: TestPaths.packageRoot.appendingPathComponent("Tests/gold/\(name).gold.jsonl"))
        #expect(scores.valueF1 >= 0.95, "\(name)")
        #expect(scores.fullF1 >= 0.84, "\(name)")
    }

    /// Writes the extractor's predictions and runs the shared scorer on them.
    static func score(article: URL, gold: URL, locale: ArticleLocale? = nil) throws -> (valueF1: Double, fullF1: Double) {
        let text = try String(contentsOf: article, encoding: .utf8)
        let metrics = try MetricExtractor().extract(text, locale: locale)

        let predictions = FileManager.default.temporaryDirectory
            .appendingPathComponent("metricparser-gold-\(UUID().uuidString).jsonl")
        // TALLY_KEEP_PREDICTIONS=1 keeps the file (its path is printed) to compare with `tally parse`.
        let keep = ProcessInfo.processInfo.environment["TALLY_KEEP_PREDICTIONS"] != nil
        defer { if keep { print("[gold] predictions: \(predictions.path)") } else { try? FileManager.default.removeItem(at: predictions) } }
        let encoder = JSONEncoder()
        var lines = Data()
        for m in metrics {
            lines.append(try encoder.encode(m))
            lines.append(0x0A)
        }
        try lines.write(to: predictions)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.scorer.path, article.path, gold.path, predictions.path, "--json"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scorer failed on \(article.lastPathComponent)")
        let scores = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        print("[gold] \(article.deletingPathExtension().lastPathComponent): \(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        return (try #require(scores["value_f1"] as? Double), try #require(scores["full_f1"] as? Double))
    }

    @Test("every metric's text is the original slice at its offsets")
    func offsetsIntoOriginal() throws {
        let article = TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.txt")
        let text = try String(contentsOf: article, encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        let metrics = try MetricExtractor().extract(text)
        #expect(metrics.count >= 50)
        for m in metrics {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
            #expect(m.sentence.contains(m.text))
        }
        #expect(metrics.map(\.start) == metrics.map(\.start).sorted())
    }
}
