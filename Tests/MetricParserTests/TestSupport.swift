import Foundation
import MetricParser
import TestSupport
import Testing

/// Locations of the shared material: `../shared` beside the package root.
enum TestPaths {
    static let packageRoot = SharedScorer.packageRoot
    static let shared = SharedScorer.shared
    static let corpus = SharedScorer.corpus
    static let peerCases = SharedScorer.peerCases
    static let scorer = SharedScorer.scorer
}

/// Reads a JSON-lines file into dictionaries.
func readJSONLines(_ url: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").compactMap { line in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        return try JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
    }
}

/// Relative comparison (values in SI units can be tiny: 1 ml = 1e-6 m3), with a minute
/// absolute floor so that an expected 0 still matches.
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), 1e-12)
}

/// The metric with the given text (first match), for concise assertions.
func metric(_ metrics: [Metric], _ text: String) -> Metric? {
    metrics.first { $0.text == text }
}

/// The metric with the given text extracted from `text`, or a test failure naming what was found.
func extractOne(_ text: String, _ quantity: String, with extractor: MetricExtractor = MetricExtractor()) throws
    -> Metric
{
    let ms = try extractor.extract(text)
    return try #require(metric(ms, quantity), "\(quantity) not found in \(ms.map(\.text))")
}

/// Code-point offset of `needle` in `haystack` (first occurrence), for span assertions.
func scalarOffset(of needle: String, in haystack: String) -> Int? {
    let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
    guard !n.isEmpty, n.count <= h.count else { return nil }
    for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i }
    return nil
}
