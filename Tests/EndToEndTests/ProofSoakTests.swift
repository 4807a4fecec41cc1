import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

/// Proof suite, part 4: a bounded soak. `tally run` takes a steady stream of small articles —
/// up to 100k, or as many as fit in the time budget — with its resident memory sampled from
/// /proc. Memory must stay flat: the last third of the samples may not grow past the first
/// third by more than a bound (a leak of even 1 KiB an article would break it). Counted end to
/// end: output records equal the expected metrics, offsets committed to the end.
@Suite("Proof: soak with RSS sampled (tally run, noida-db)", .serialized)
struct ProofSoakTests {
    static let maxArticles = 100_000
    static let budget: Duration = .seconds(100)
    static let chunk = 2_000

    static func body(_ i: Int) -> String { "全区新建便民服务站\(3 + i % 11)个，投入资金\(i % 97 + 1)万元。" }

    @Test("memory stays flat over a steady stream; nothing lost", .timeLimit(.minutes(4)))
    func soak() throws {
        let started = ContinuousClock.now
        let t = try E2ETopics(partitions: 4)
        let run = try TallyProcess(["run"], environment: t.environment(extra: ["TALLY_WORKER_THREADS": "2"]))
        let admin = try KafkaAdmin(config: t.config)
        let tps = (0..<t.partitions).map { TopicPartition(t.input, $0) }
        func committed() throws -> Int64 {
            try admin.committedOffsets(group: t.group, partitions: tps).reduce(0) { $0 + max(0, $1.offset) }
        }

        let producer = try KafkaProducer(config: t.config)
        var produced = 0
        var samples: [Int] = []
        let sampleEvery: Duration = .milliseconds(500)
        var nextSample = ContinuousClock.now
        // Keep a bounded backlog (≤ 3 chunks) so the worker sees a stream, not one burst.
        while produced < Self.maxArticles && ContinuousClock.now - started < Self.budget {
            if produced - Int(try committed()) < 3 * Self.chunk {
                let messages = (produced..<min(produced + Self.chunk, Self.maxArticles)).map { i in
                    let id = "soak-\(i)"
                    let v = #"{"id":"\#(id)","url":"https://news.example.cn/\#(id)","body":"\#(Self.body(i))"}"#
                    return ProducerMessage(topic: t.input, key: Array(id.utf8), value: Array(v.utf8))
                }
                for r in try producer.sendAll(messages) { _ = try r.get() }
                produced += messages.count
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
            if ContinuousClock.now >= nextSample, let rss = Self.rss(run.pid) {
                samples.append(rss)
                nextSample = ContinuousClock.now + sampleEvery
            }
            if let status = run.wait(timeout: .zero) {
                Issue.record("tally run exited \(status): \(run.stderr.suffix(2000))"); return
            }
        }
        producer.close()
        try waitUntil(timeout: .seconds(60), "the worker commits the whole stream. stderr: \(run.stderr.suffix(2000))")
        {
            if let rss = Self.rss(run.pid) { samples.append(rss) }
            return try committed() == Int64(produced)
        }
        run.signal(SIGTERM)
        #expect(run.wait(timeout: .seconds(40)) == 0, "stderr: \(run.stderr.suffix(1500))")

        // Expected metrics: the bodies repeat with period 11 × 97, so each is parsed once.
        let extractor = MetricExtractor()
        var perBody: [String: Int] = [:]
        var expected = 0
        for i in 0..<produced {
            let b = Self.body(i)
            if perBody[b] == nil { perBody[b] = try extractor.extract(b).count }
            expected += perBody[b]!
        }
        let out = Int(try t.outputCount())
        let dead = try admin.watermarks(TopicPartition(t.deadLetters, 0)).high
        let third = max(1, samples.count / 3)
        let first = samples.prefix(third).max() ?? 0
        let last = samples.suffix(third).max() ?? 0
        let bound = first + first / 4 + 16 * 1024
        let seconds = ProofTable.seconds(since: started)
        ProofTable.record(
            .init(
                scenario: "soak, at-least-once", inputs: produced, faults: "none (steady stream)",
                lost: max(0, expected - out),
                duplicated: max(0, out - expected), deadLettered: Int(dead), seconds: seconds,
                note:
                    "RSS max first third \(first / 1024) MiB, last third \(last / 1024) MiB (bound \(bound / 1024)); \(samples.count) samples; \(Int(Double(produced) / seconds)) articles/s"
            ))
        #expect(samples.count >= 12, "enough RSS samples: \(samples.count)")
        #expect(produced >= 10_000, "a soak worth the name: \(produced) articles")
        #expect(out == expected, "output records \(out) == expected metrics \(expected)")
        #expect(dead == 0)
        #expect(last <= bound, "RSS grew from \(first) KiB to \(last) KiB over \(produced) articles")
    }

    /// Resident set size in KiB (VmRSS of /proc/PID/status).
    static func rss(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }
}
