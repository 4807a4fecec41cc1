// Throughput of MetricExtractor on one core.
//
// usage: MetricParserBench FILE… [--min-mb N]
//        MetricParserBench --scaling SMALL FILE… [--large-mb M] [--min-mb N]
//        MetricParserBench --html FILE… [--min-mb N]        (pages: see HTMLBench.swift)
//
// Reads the text files, repeats them until at least N MB (default 20; 1 MB = 10^6 UTF-8 bytes)
// are queued, runs `extract` over every copy of every article on this thread, and prints one
// JSON object: {"bytes", "seconds", "mb_per_s", "metrics", "articles"}. Only `extract` is
// timed, on the thread's CPU clock (a busy shared machine does not lower the figure; --wall times
// the wall clock instead); reading files is not.
//
// --scaling measures how the cost per byte grows with the article: SMALL (the 7.6 KB founding
// article) as separate articles, then one article of at least M MB (default 2) made by repeating
// SMALL (or by joining the FILEs end to end, when given), and prints {"small", "large", "per_byte_cost_ratio"} where the ratio is
// small MB/s ÷ large MB/s (1.0 = linear; issue 9 allows at most 1.5). Both sides are timed on the
// thread's CPU clock and each is the fastest of five alternating runs, so other processes on a
// shared machine do not decide the ratio.
import Foundation
import MetricParser

var files: [String] = []
var minMB = 20.0
var scalingSmall: String? = nil
var largeMB = 2.0
var html = false
var wall = false
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--scaling":
        guard let f = args.popFirst() else {
            FileHandle.standardError.write(Data("--scaling needs the small article\n".utf8)); exit(2)
        }
        scalingSmall = f
    case "--large-mb":
        guard let v = args.popFirst().flatMap(Double.init), v > 0 else {
            FileHandle.standardError.write(Data("--large-mb needs a positive number\n".utf8)); exit(2)
        }
        largeMB = v
    case "--html":
        html = true
    case "--wall":
        wall = true
    case "--min-mb":
        guard let v = args.popFirst().flatMap(Double.init), v > 0 else {
            FileHandle.standardError.write(Data("--min-mb needs a positive number\n".utf8)); exit(2)
        }
        minMB = v
    case "-h", "--help":
        print("usage: MetricParserBench FILE… [--min-mb N] | --scaling SMALL FILE… [--large-mb M] | --html FILE…");
        exit(0)
    default:
        files.append(a)
    }
}
guard !files.isEmpty || scalingSmall != nil else {
    FileHandle.standardError.write(
        Data("usage: MetricParserBench FILE… [--min-mb N] | --scaling SMALL FILE… [--large-mb M]\n".utf8));
    exit(2)
}

func read(_ f: String) -> String {
    guard let data = FileManager.default.contents(atPath: f), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(f) as UTF-8\n".utf8)); exit(1)
    }
    return text
}

/// CPU seconds of this thread: unlike wall time, it does not count time other processes hold the core.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `extract` over `articles` repeated until `minMB` are done; returns the JSON fields.
/// `cpuTime` times with the thread's CPU clock instead of the wall clock.
func run(_ articles: [String], minMB: Double, cpuTime: Bool = false) throws -> (
    bytes: Int, seconds: Double, mbps: Double, metrics: Int, count: Int
) {
    let perRound = articles.reduce(0) { $0 + $1.utf8.count }
    guard perRound > 0 else { FileHandle.standardError.write(Data("empty input\n".utf8)); exit(1) }
    let rounds = Int((minMB * 1e6 / Double(perRound)).rounded(.up))
    let extractor = MetricExtractor()
    // Warm-up (lexicon tables are built lazily on first use).
    _ = try? extractor.extract(articles[0])
    var metrics = 0
    let cpu0 = threadCPUSeconds()
    let elapsed = try ContinuousClock().measure {
        for _ in 0..<rounds {
            for a in articles { metrics += try extractor.extract(a).count }
        }
    }
    let seconds =
        cpuTime
        ? threadCPUSeconds() - cpu0
        : Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let bytes = perRound * rounds
    return (bytes, seconds, Double(bytes) / 1e6 / seconds, metrics, rounds * articles.count)
}

func json(_ r: (bytes: Int, seconds: Double, mbps: Double, metrics: Int, count: Int)) -> String {
    "{\"bytes\": \(r.bytes), \"seconds\": \(String(format: "%.4f", r.seconds)), \"mb_per_s\": \(String(format: "%.2f", r.mbps)), \"metrics\": \(r.metrics), \"articles\": \(r.count)}"
}

if html {
    print(try htmlBench(files.map(read), minMB: minMB))
} else if let small = scalingSmall {
    let smallText = read(small)
    var large = ""
    // The large article repeats SMALL (same text, so only the length differs) unless FILEs are given.
    let parts = files.isEmpty ? [smallText] : files.map(read)
    while large.utf8.count < Int(largeMB * 1e6) { for p in parts { large += p; large += "\n" } }
    // Small and large runs alternate five times and the fastest of each counts: on a shared
    // machine a neighbour's burst then slows one run, not the ratio.
    var s = try run([smallText], minMB: minMB / 5, cpuTime: true)
    var l = try run([large], minMB: Double(large.utf8.count) / 1e6, cpuTime: true)
    for _ in 1..<5 {
        let s2 = try run([smallText], minMB: minMB / 5, cpuTime: true)
        if s2.mbps > s.mbps { s = s2 }
        let l2 = try run([large], minMB: Double(large.utf8.count) / 1e6, cpuTime: true)
        if l2.mbps > l.mbps { l = l2 }
    }
    let ratio = s.mbps / l.mbps
    print(
        "{\"small\": \(json(s)), \"small_article_bytes\": \(smallText.utf8.count), \"large\": \(json(l)), \"large_article_bytes\": \(large.utf8.count), \"per_byte_cost_ratio\": \(String(format: "%.3f", ratio))}"
    )
} else {
    print(json(try run(files.map(read), minMB: minMB, cpuTime: !wall)))
}
