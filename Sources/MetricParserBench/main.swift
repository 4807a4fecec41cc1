// Throughput of MetricExtractor on one core.
//
// usage: MetricParserBench FILE… [--min-mb N] [--per-article]
//
// Reads the text files, repeats them until at least N MB (default 20; 1 MB = 10^6 UTF-8 bytes)
// are queued, runs `extract` over every copy of every article on this thread, and prints one
// JSON object: {"bytes", "seconds", "mb_per_s", "metrics", "articles"}. Only `extract` is
// timed; reading files is not.
import Foundation
import MetricParser

var files: [String] = []
var minMB = 20.0
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--min-mb":
        guard let v = args.popFirst().flatMap(Double.init), v > 0 else {
            FileHandle.standardError.write(Data("--min-mb needs a positive number\n".utf8)); exit(2)
        }
        minMB = v
    case "-h", "--help":
        print("usage: MetricParserBench FILE… [--min-mb N]"); exit(0)
    default:
        files.append(a)
    }
}
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("usage: MetricParserBench FILE… [--min-mb N]\n".utf8)); exit(2)
}

var articles: [String] = []
for f in files {
    guard let data = FileManager.default.contents(atPath: f), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(f) as UTF-8\n".utf8)); exit(1)
    }
    articles.append(text)
}
let perRound = articles.reduce(0) { $0 + $1.utf8.count }
guard perRound > 0 else { FileHandle.standardError.write(Data("empty input\n".utf8)); exit(1) }
let rounds = Int((minMB * 1e6 / Double(perRound)).rounded(.up))

let extractor = MetricExtractor()
// Warm-up (lexicon tables are built lazily on first use).
_ = try? extractor.extract(articles[0])

var metrics = 0
let clock = ContinuousClock()
let elapsed = try clock.measure {
    for _ in 0..<rounds {
        for a in articles { metrics += try extractor.extract(a).count }
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let bytes = perRound * rounds
let mbps = Double(bytes) / 1e6 / seconds
print("{\"bytes\": \(bytes), \"seconds\": \(String(format: "%.4f", seconds)), \"mb_per_s\": \(String(format: "%.2f", mbps)), \"metrics\": \(metrics), \"articles\": \(rounds * articles.count)}")
