// Throughput of MetricExtractor on one core — of plain text, or (--html) of whole pages.
//
// usage: MetricParserBench FILE… [--min-mb N] [--html]
//
// Reads the text files, repeats them until at least N MB (default 20; 1 MB = 10^6 UTF-8 bytes)
// are queued, runs `extract` over every copy of every article on this thread, and prints one
// JSON object: {"bytes", "seconds", "mb_per_s", "metrics", "articles"}. Only `extract` is
// timed; reading files is not.
//
// --html wraps every text in a government site's page (PageFixtures.GovernmentPage) and times
// PageReader + PageMetrics (libxml2 parse, DOM walk, tables, parser) over the HTML, then the
// parser alone over the same texts, and prints {"html_bytes", "html_seconds", "html_mb_per_s",
// "read_only_mb_per_s", "text_bytes", "text_mb_per_s", "ratio", "html_metrics", "text_metrics"}:
// ratio = time for the pages / time for their plain texts.
import Foundation
import MetricParser
import PageFixtures
import PageText

var files: [String] = []
var minMB = 20.0
var html = false
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--min-mb":
        guard let v = args.popFirst().flatMap(Double.init), v > 0 else {
            FileHandle.standardError.write(Data("--min-mb needs a positive number\n".utf8)); exit(2)
        }
        minMB = v
    case "--html":
        html = true
    case "-h", "--help":
        print("usage: MetricParserBench FILE… [--min-mb N] [--html]"); exit(0)
    default:
        files.append(a)
    }
}
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("usage: MetricParserBench FILE… [--min-mb N] [--html]\n".utf8)); exit(2)
}

var articles: [String] = []
for f in files {
    guard let data = FileManager.default.contents(atPath: f), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(f) as UTF-8\n".utf8)); exit(1)
    }
    articles.append(text)
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func format(_ v: Double) -> String { String(format: "%.2f", v) }
let extractor = MetricExtractor()
let clock = ContinuousClock()

/// Runs `body` over `inputs` repeated to at least minMB of `size`; returns (bytes, seconds, results).
func timed<T>(_ inputs: [T], minMB: Double, size: (T) -> Int, _ body: (T) throws -> Int) rethrows -> (Int, Double, Int) {
    let perRound = inputs.reduce(0) { $0 + size($1) }
    guard perRound > 0 else { FileHandle.standardError.write(Data("empty input\n".utf8)); exit(1) }
    let rounds = Int((minMB * 1e6 / Double(perRound)).rounded(.up))
    _ = try body(inputs[0])  // warm-up: lexicon tables are built lazily on first use
    var found = 0
    let elapsed = try clock.measure {
        for _ in 0..<rounds { for x in inputs { found += try body(x) } }
    }
    return (perRound * rounds, seconds(elapsed), found)
}

if html {
    let reader = PageReader()
    let pages = articles.enumerated().map { i, t in Array(GovernmentPage.wrap(t, title: "report \(i)").utf8) }
    let texts = try pages.map { try reader.read($0).text }
    let (hb, hs, hm) = try timed(pages, minMB: minMB, size: \.count) { try PageMetrics.extract(try reader.read($0), with: extractor).count }
    let (rb, rs, _) = try timed(pages, minMB: minMB, size: \.count) { try reader.read($0).tables.count }
    let (tb, ts, tm) = try timed(texts, minMB: minMB, size: \.utf8.count) { try extractor.extract($0).count }
    // Same articles: compare the time per article (pages are larger than their texts).
    let perPage = hs / Double(hb), perText = ts / Double(tb)
    let pageBytes = pages.reduce(0) { $0 + $1.count }, textBytes = texts.reduce(0) { $0 + $1.utf8.count }
    let ratio = (perPage * Double(pageBytes)) / (perText * Double(textBytes))
    print("{\"html_bytes\": \(hb), \"html_seconds\": \(String(format: "%.4f", hs)), \"html_mb_per_s\": \(format(Double(hb) / 1e6 / hs)), "
        + "\"read_only_mb_per_s\": \(format(Double(rb) / 1e6 / rs)), \"text_bytes\": \(tb), \"text_mb_per_s\": \(format(Double(tb) / 1e6 / ts)), "
        + "\"ratio\": \(format(ratio)), \"page_to_text_bytes\": \(format(Double(pageBytes) / Double(textBytes))), "
        + "\"html_metrics\": \(hm), \"text_metrics\": \(tm), \"pages\": \(pages.count)}")
} else {
    let (bytes, s, metrics) = try timed(articles, minMB: minMB, size: \.utf8.count) { try extractor.extract($0).count }
    let rounds = bytes / articles.reduce(0) { $0 + $1.utf8.count }
    print("{\"bytes\": \(bytes), \"seconds\": \(String(format: "%.4f", s)), \"mb_per_s\": \(format(Double(bytes) / 1e6 / s)), \"metrics\": \(metrics), \"articles\": \(rounds * articles.count)}")
}
