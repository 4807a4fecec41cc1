import Foundation
import MetricParser

/// The shared material in `../shared` and the shared scorer (`tools/score_metrics.py`), exactly
/// as the quality bar is measured: one piece of code for every suite that scores metrics.
public enum SharedScorer {
    /// The package root: two levels up from this file (Sources/TestSupport/SharedScorer.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let shared = packageRoot.appendingPathComponent("../shared").standardizedFileURL
    public static let corpus = shared.appendingPathComponent("corpus")
    public static let peerCases = shared.appendingPathComponent("peer-cases")
    public static let scorer = shared.appendingPathComponent("tools/score_metrics.py")

    public struct Scores: Sendable {
        public var valueF1: Double
        public var fullF1: Double
        /// The scorer's whole JSON answer, for messages.
        public var json: String
    }

    /// Scores `metrics` of the article at `article` against `gold`.
    /// - Parameter keepPredictions: keep the predictions file (its path is returned in `json`'s
    ///   message) to compare with `tally parse`.
    public static func score(article: URL, metrics: [Metric], gold: URL, keepPredictions: Bool = false) throws -> Scores
    {
        let predictions = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tally-score-\(UUID().uuidString).jsonl")
        defer { if !keepPredictions { try? FileManager.default.removeItem(at: predictions) } }
        let encoder = JSONEncoder()
        var lines = Data()
        for m in metrics {
            lines.append(try encoder.encode(m))
            lines.append(0x0A)
        }
        try lines.write(to: predictions)
        let data = try PythonScript.output(
            [scorer.path, article.path, gold.path, predictions.path, "--json"],
            what: "the scorer on \(article.lastPathComponent)")
        guard let o = try JSONSerialization.jsonObject(with: data) as? [String: Any], let v = o["value_f1"] as? Double,
            let f = o["full_f1"] as? Double
        else {
            throw PythonScript.Failure(
                description: "the scorer's answer is not its JSON: \(String(decoding: data, as: UTF8.self))")
        }
        let json = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Scores(valueF1: v, fullF1: f, json: keepPredictions ? json + " predictions: \(predictions.path)" : json)
    }

    /// Scores metrics of a text that is not a file (a page's extracted text): written to a temporary file first.
    public static func score(text: String, metrics: [Metric], gold: URL) throws -> Scores {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tally-article-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try score(article: file, metrics: metrics, gold: gold)
    }
}
