import Foundation
import MetricParser
import PageText
import TestSupport

/// The test pages (written for this project: places and figures are made up) and the shared corpus.
enum Pages {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Pages")
    static let corpus = SharedScorer.corpus

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Reads a test page and extracts its metrics.
    static func read(_ name: String, charset: String? = nil) throws -> (Page, [PageMetric]) {
        let page = try PageReader().read(try bytes(name), charset: charset)
        return (page, try PageMetrics.extract(page))
    }
}

/// One expected metric, compactly: text, subject, value, unit, kind, change direction, cell.
struct Expected: CustomStringConvertible {
    var text: String
    var subject: String
    var value: Double
    var unit: String
    var kind: MetricKind
    var direction: Direction? = nil
    var cell: (Int, Int, Int)? = nil

    var description: String {
        "\(text) \(subject) \(value) \(unit) \(kind) \(direction.map { "\($0)" } ?? "-") \(cell.map { "\($0)" } ?? "-")"
    }

    func matches(_ m: PageMetric) -> Bool {
        m.metric.text == text && m.metric.subject == subject && abs(m.metric.value - value) <= 1e-6 * max(1, abs(value))
            && m.metric.unit == unit && m.metric.kind == kind && m.metric.direction == direction
            && m.metric.change == (direction != nil)
            && m.location.map { ($0.table, $0.row, $0.column) == cell! } ?? (cell == nil)
    }
}

func describe(_ m: PageMetric) -> String {
    let l = m.location.map { "(\($0.table), \($0.row), \($0.column))" } ?? "-"
    return
        "\(m.metric.text) \(m.metric.subject) \(m.metric.value) \(m.metric.unit) \(m.metric.kind) \(m.metric.direction.map { "\($0)" } ?? "-") \(l)"
}

/// Code-point slice, to check that offsets point into the extracted text.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let s = Array(text.unicodeScalars)
    guard start >= 0, end <= s.count, start <= end else { return "<out of range>" }
    return String(String.UnicodeScalarView(s[start..<end]))
}
