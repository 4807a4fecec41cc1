// --html: every text wrapped in a government site's page (PageFixtures.GovernmentPage); times
// PageReader + PageMetrics (libxml2's SAX parse into PageText's tree, walk, tables, parser) over
// the HTML, the reader alone, then the parser alone over the extracted texts, and returns one
// JSON object:
// {"html_bytes", "html_seconds", "html_mb_per_s", "read_only_mb_per_s", "text_bytes",
// "text_mb_per_s", "ratio", "page_to_text_bytes", "html_metrics", "text_metrics", "pages"}, where
// ratio = time for the pages / time for their plain texts. Thread CPU time; the three phases run
// five times, interleaved, and the fastest run of each counts (the machine is shared).
import Foundation
import MetricParser
import PageFixtures
import PageText

func htmlBench(_ articles: [String], minMB: Double) throws -> String {
    let reader = PageReader()
    let extractor = MetricExtractor()
    let pages = articles.enumerated().map { i, t in Array(GovernmentPage.wrap(t, title: "report \(i)").utf8) }
    let texts = try pages.map { try reader.read($0).text }
    var (hb, hs, hm) = (0, Double.infinity, 0)
    var (rb, rs) = (0, Double.infinity)
    var (tb, ts, tm) = (0, Double.infinity, 0)
    for _ in 0..<5 {
        let h = try timed(pages, minMB: minMB, size: \.count) {
            try PageMetrics.extract(try reader.read($0), with: extractor).count
        }
        if h.1 < hs { (hb, hs, hm) = h }
        let r = try timed(pages, minMB: minMB, size: \.count) { try reader.read($0).tables.count }
        if r.1 < rs { (rb, rs) = (r.0, r.1) }
        let t = try timed(texts, minMB: minMB, size: \.utf8.count) { try extractor.extract($0).count }
        if t.1 < ts { (tb, ts, tm) = t }
    }
    // Same articles: the time per article (pages are larger than their texts).
    let pageBytes = pages.reduce(0) { $0 + $1.count }, textBytes = texts.reduce(0) { $0 + $1.utf8.count }
    let ratio = (hs / Double(hb) * Double(pageBytes)) / (ts / Double(tb) * Double(textBytes))
    func f(_ v: Double) -> String { String(format: "%.2f", v) }
    return
        "{\"html_bytes\": \(hb), \"html_seconds\": \(String(format: "%.4f", hs)), \"html_mb_per_s\": \(f(Double(hb) / 1e6 / hs)), "
        + "\"read_only_mb_per_s\": \(f(Double(rb) / 1e6 / rs)), \"text_bytes\": \(tb), \"text_mb_per_s\": \(f(Double(tb) / 1e6 / ts)), "
        + "\"ratio\": \(f(ratio)), \"page_to_text_bytes\": \(f(Double(pageBytes) / Double(textBytes))), "
        + "\"html_metrics\": \(hm), \"text_metrics\": \(tm), \"pages\": \(pages.count)}"
}

/// Runs `body` over `inputs` repeated to at least `minMB` of `size`; (bytes, CPU seconds, results).
private func timed<T>(_ inputs: [T], minMB: Double, size: (T) -> Int, _ body: (T) throws -> Int) rethrows -> (
    Int, Double, Int
) {
    let perRound = inputs.reduce(0) { $0 + size($1) }
    guard perRound > 0 else { FileHandle.standardError.write(Data("empty input\n".utf8)); exit(1) }
    let rounds = Int((minMB * 1e6 / Double(perRound)).rounded(.up))
    _ = try body(inputs[0])  // warm-up: lexicon tables are built lazily on first use
    var found = 0
    let start = threadCPUSeconds()
    for _ in 0..<rounds { for x in inputs { found += try body(x) } }
    return (perRound * rounds, threadCPUSeconds() - start, found)
}
