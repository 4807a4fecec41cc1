// Throughput of MetricExtractor on one core — of plain text, or (--html) of whole pages.
//
// usage: MetricParserBench FILE… [--min-mb N] [--html]
//
// Reads the text files, repeats them until at least N MB (default 20; 1 MB = 10^6 UTF-8 bytes)
// are queued, runs `extract` over every copy of every article on this thread, and prints one
// JSON object: {"bytes", "seconds", "mb_per_s", "metrics", "articles"}. Only `extract` is
// timed; reading files is not. Seconds are this thread's CPU time (the machine is shared).
//
// --html wraps every text in a government site's page (PageFixtures.GovernmentPage) and times
// PageReader + PageMetrics (libxml2 parse, DOM walk, tables, parser) over the HTML, then the
// parser alone over the same texts, and prints {"html_bytes", "html_seconds", "html_mb_per_s",
// "read_only_mb_per_s", "text_bytes", "text_mb_per_s", "ratio", "html_metrics", "text_metrics"}:
// ratio = time for the pages / time for their plain texts. Each phase runs five times,
// interleaved, and the fastest run counts (the machine is shared).
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

func format(_ v: Double) -> String { String(format: "%.2f", v) }
let extractor = MetricExtractor()

/// CPU time of this thread: on a shared machine, wall time counts the waits for a core too.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Runs `body` over `inputs` repeated to at least minMB of `size`; returns (bytes, CPU seconds, results).
func timed<T>(_ inputs: [T], minMB: Double, size: (T) -> Int, _ body: (T) throws -> Int) rethrows -> (Int, Double, Int) {
    let perRound = inputs.reduce(0) { $0 + size($1) }
    guard perRound > 0 else { FileHandle.standardError.write(Data("empty input\n".utf8)); exit(1) }
    let rounds = Int((minMB * 1e6 / Double(perRound)).rounded(.up))
    _ = try body(inputs[0])  // warm-up: lexicon tables are built lazily on first use
    var found = 0
    let start = threadCPUSeconds()
    for _ in 0..<rounds { for x in inputs { found += try body(x) } }
    return (perRound * rounds, threadCPUSeconds() - start, found)
}

if html {
    let reader = PageReader()
    let pages = articles.enumerated().map { i, t in Array(GovernmentPage.wrap(t, title: "report \(i)").utf8) }
    let texts = try pages.map { try reader.read($0).text }
    // The machine is shared: five interleaved rounds of the three phases, the best of each kept.
    var (hb, hs, hm) = (0, Double.infinity, 0), (rb, rs) = (0, Double.infinity), (tb, ts, tm) = (0, Double.infinity, 0)
    for _ in 0..<5 {
        let h = try timed(pages, minMB: minMB, size: \.count) { try PageMetrics.extract(try reader.read($0), with: extractor).count }
        if h.1 < hs { (hb, hs, hm) = h }
        let r = try timed(pages, minMB: minMB, size: \.count) { try reader.read($0).tables.count }
        if r.1 < rs { (rb, rs) = (r.0, r.1) }
        let t = try timed(texts, minMB: minMB, size: \.utf8.count) { try extractor.extract($0).count }
        if t.1 < ts { (tb, ts, tm) = t }
    }
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
