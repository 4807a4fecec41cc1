import Foundation
import MetricParser
import Testing

/// Runs the extractor on the founding article and scores it with the shared scorer
/// (`../shared/tools/score_metrics.py`), exactly as the quality bar is measured.
@Suite("Gold corpus")
struct GoldCorpusTests {
    @Test("fuzhou-2019-two-new-orgs: value F1 ≥ 0.97, full F1 ≥ 0.90")
    func fuzhou() throws {
        let article = TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.txt")
        let gold = TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.gold.jsonl")
        let text = try String(contentsOf: article, encoding: .utf8)
        let metrics = try MetricExtractor().extract(text)

        let predictions = FileManager.default.temporaryDirectory
            .appendingPathComponent("metricparser-gold-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: predictions) }
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
        try #require(process.terminationStatus == 0, "scorer failed")
        let scores = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        print("[gold] fuzhou-2019-two-new-orgs: \(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        let valueF1 = try #require(scores["value_f1"] as? Double)
        let fullF1 = try #require(scores["full_f1"] as? Double)
        #expect(valueF1 >= 0.97)
        #expect(fullF1 >= 0.90)
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
