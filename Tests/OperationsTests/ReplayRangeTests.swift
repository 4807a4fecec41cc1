import Foundation
import Kafka
import Synchronization
import Testing

@testable import Operations

/// Range resolution and argument parsing of `tally replay`: pure, no broker.
@Suite("Replay range resolution")
struct ReplayRangeTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func facts(_ p: Int32, low: Int64, high: Int64, startForTime: Int64? = nil, endForTime: Int64? = nil)
        -> ReplayRange.PartitionFacts
    {
        .init(
            partition: p, watermarks: Watermarks(low: low, high: high), startForTime: startForTime,
            endForTime: endForTime)
    }

    @Test("offsets: [from, to) as given when inside the retained range")
    func offsetsInside() {
        let r = ReplayRange(start: .offset(10), end: .offset(20)).resolve([
            facts(1, low: 0, high: 50), facts(0, low: 5, high: 30),
        ])
        #expect(r.map(\.partition) == [0, 1], "partition order")
        #expect(r.map(\.start) == [10, 10] && r.map(\.end) == [20, 20] && r.map(\.records) == [10, 10])
        #expect(r.allSatisfy { $0.notes.isEmpty && $0.startClamp == nil && $0.endClamp == nil })
    }

    @Test("offsets clamp into the retained range and say so")
    func offsetsClamped() {
        let r = ReplayRange(start: .offset(3), end: .offset(500)).resolve([facts(0, low: 10, high: 100)])[0]
        #expect(r.start == 10 && r.startClamp == .toLogStart && r.requestedStart == 3)
        #expect(r.end == 100 && r.endClamp == .toLogEnd && r.requestedEnd == 500)
        #expect(r.notes.contains { $0.contains("earliest retained offset 10") && $0.contains("deleted by retention") })
        #expect(r.notes.contains { $0.contains("clamped to the log end 100") })

        let beyond = ReplayRange(start: .offset(200), end: .offset(300)).resolve([facts(0, low: 10, high: 100)])[0]
        #expect(beyond.isEmpty && beyond.startClamp == .toLogEnd && beyond.start == 100 && beyond.end == 100)

        let gone = ReplayRange(start: .offset(0), end: .offset(5)).resolve([facts(0, low: 10, high: 100)])[0]
        #expect(gone.isEmpty && gone.endClamp == .toLogStart)
    }

    @Test("time: start = offsets-for-times answer; none that recent = high watermark (empty); --to is exclusive")
    func time() {
        let range = ReplayRange(start: .time(t0), end: .time(t0.addingTimeInterval(60)))
        let r = range.resolve([
            facts(0, low: 0, high: 40, startForTime: 12, endForTime: 30),
            facts(1, low: 0, high: 40, startForTime: KafkaOffset.end, endForTime: KafkaOffset.end),
            facts(2, low: 0, high: 40, startForTime: 12, endForTime: KafkaOffset.end),
        ])
        #expect(r[0].start == 12 && r[0].end == 30)
        #expect(r[1].start == 40 && r[1].end == 40 && r[1].isEmpty)
        #expect(r[1].notes.contains { $0.contains("no record at or after --from") })
        #expect(r[2].start == 12 && r[2].end == 40, "no record at/after --to: up to the high watermark")
    }

    @Test("time: a start at the log start of a partition that lost records predates retention: clamped, said so")
    func timeBeforeRetention() {
        let r = ReplayRange(start: .time(t0)).resolve([
            facts(0, low: 100, high: 150, startForTime: 100), facts(1, low: 0, high: 150, startForTime: 0),
        ])
        #expect(r[0].start == 100 && r[0].startClamp == .toLogStart)
        #expect(r[0].notes.contains { $0.contains("may predate what can be replayed") })
        #expect(r[1].start == 0 && r[1].startClamp == nil, "nothing was ever deleted: no clamp")
        #expect(r.allSatisfy { $0.end == 150 }, "default end: high watermark")
    }

    @Test("per-partition lists (the resume form) give each partition its own range")
    func lists() throws {
        let range = ReplayRange(start: .offsets([0: 15, 2: 7]), end: .offsets([0: 20, 2: 9]))
        try range.validate()
        #expect(range.explicitPartitions == [0, 2])
        let r = range.resolve([facts(0, low: 0, high: 30), facts(2, low: 0, high: 30)])
        #expect(r.map { [$0.start, $0.end] } == [[15, 20], [7, 9]])
    }

    @Test("validation: ends before starts, lists that disagree, negative offsets")
    func validation() {
        #expect(throws: OperationsError.self) { try ReplayRange(start: .offset(10), end: .offset(5)).validate() }
        #expect(throws: OperationsError.self) {
            try ReplayRange(start: .time(t0), end: .time(t0.addingTimeInterval(-1))).validate()
        }
        #expect(throws: OperationsError.self) {
            try ReplayRange(start: .offsets([0: 1]), end: .offsets([1: 5])).validate()
        }
        #expect(throws: OperationsError.self) {
            try ReplayRange(start: .offsets([0: 1]), partitions: [0, 1]).validate()
        }
        #expect(throws: OperationsError.self) {
            try ReplayRange(start: .offsets([0: 9]), end: .offsets([0: 5])).validate()
        }
        #expect(throws: OperationsError.self) { try ReplayRange(start: .offset(-1)).validate() }
        #expect(throws: OperationsError.self) { try ReplayRange(start: .offset(0), partitions: [1, 1]).validate() }
        #expect(throws: Never.self) { try ReplayRange(start: .offset(5), end: .offset(5), partitions: [0]).validate() }
    }

    @Test("parsing --from-offset / --to-offset / --partitions")
    func parsing() throws {
        #expect(try ReplayRange.parseOffsets("42", option: "--from-offset") == .all(42))
        #expect(
            try ReplayRange.parseOffsets("0:123, 3:456", option: "--from-offset") == .perPartition([0: 123, 3: 456]))
        for bad in ["", "-1", "0:", "a:1", "0:1,0:2", "0:1;1:2", "0:-5"] {
            #expect(throws: OperationsError.self, "\(bad)") {
                try ReplayRange.parseOffsets(bad, option: "--from-offset")
            }
        }
        #expect(try ReplayRange.parsePartitions("0,3") == [0, 3])
        #expect(try ReplayRange.parsePartitions("0-2,5") == [0, 1, 2, 5])
        #expect(throws: OperationsError.self) { try ReplayRange.parsePartitions("x") }
        #expect(ReplayRange.formatList([3: 9, 0: 1]) == "0:1,3:9")
        #expect(try RateText.parse("100") == 100)
        #expect(try RateText.parse("100/s") == 100)
        #expect(try RateText.parse("600/m") == 10)
        for bad in ["0", "-3", "fast", "10/d"] {
            #expect(throws: OperationsError.self, "\(bad)") { try RateText.parse(bad) }
        }
    }
}

/// Summary, resume arguments and progress rendering: pure.
@Suite("Replay reporting")
struct ReplayReportingTests {
    static let plan = ReplayPlan(
        topic: "articles.raw", outputTopic: "metrics.normalized", deadLetterTopic: "articles.deadletter",
        range: ReplayRange(start: .offset(10)), resolvedAt: Date(timeIntervalSince1970: 1_790_000_000),
        partitions: [
            .init(partition: 0, start: 10, end: 20, logStart: 0, logEnd: 20),
            .init(partition: 1, start: 10, end: 30, logStart: 0, logEnd: 30),
            .init(partition: 2, start: 10, end: 10, logStart: 0, logEnd: 10),
        ])

    func summary(_ outcome: ReplaySummary.Outcome, reached: [Int64]) -> ReplaySummary {
        ReplaySummary(
            outcome: outcome, plan: Self.plan,
            partitions: zip(Self.plan.partitions, reached).map {
                .init(partition: $0.partition, start: $0.start, end: $0.end, reached: $1, articles: Int($1 - $0.start))
            },
            articles: 17, metrics: 40, deadLetters: 1, undelivered: 0, startedAt: Date(), duration: .seconds(2),
            readingDuration: .milliseconds(1600), rateLimit: 10)
    }

    @Test("an interrupted summary names the exact positions and the arguments resuming only what is left")
    func resume() throws {
        let s = summary(.interrupted, reached: [20, 17, 10])
        #expect(s.resumePositions == [1: 17])
        #expect(s.resumeArguments == ["--from-offset", "1:17", "--to-offset", "1:30"])
        #expect(s.remainingRange == ReplayRange(start: .offsets([1: 17]), end: .offsets([1: 30])))
        #expect(s.readingRate == 10)
        let text = s.render()
        #expect(
            text.contains("INTERRUPTED")
                && text.contains("tally replay --topic articles.raw --from-offset 1:17 --to-offset 1:30"))
        let json = try JSONOutput.encode(s)
        #expect(json.contains("\"outcome\" : \"interrupted\"") && json.contains("\"reached\" : 17"))
        let done = summary(.completed, reached: [20, 30, 10])
        #expect(done.resumeArguments == nil && !done.render().contains("resume"))
    }

    @Test("the dry-run plan shows from → to, records and the banner")
    func planText() {
        let text = Self.plan.render(dryRun: true)
        #expect(text.hasPrefix("DRY RUN"))
        #expect(text.contains("total: 30 record(s) in 2 of 3 partition(s)"))
        #expect(
            text.split(separator: "\n").contains {
                $0.hasPrefix("1") && $0.contains("10") && $0.contains("30") && $0.contains("20")
            })
    }

    static let progress = ReplayProgress(
        partitions: [
            .init(partition: 0, start: 0, end: 100, position: 100, done: true, articles: 100),
            .init(partition: 1, start: 0, end: 100, position: 50, done: false, articles: 50),
        ], articles: 150, metrics: 300, deadLetters: 2, elapsed: .seconds(3), rateLimit: 50)

    @Test("progress: fraction, rate and ETA; the bar fits the terminal width; the log line is plain")
    func progressText() {
        let p = Self.progress
        #expect(p.fraction == 0.75 && p.rate == 50)
        #expect(p.eta == .seconds(1))
        let lines = p.barLines(width: 60)
        #expect(lines.count == 3 && lines.allSatisfy { $0.count <= 59 })
        #expect(lines[2].contains("p1") && lines[2].contains("50.0%") && lines[2].contains("@50"))
        #expect(lines[1].contains("done"))
        let log = p.logLine()
        #expect(
            log.contains("replay 150/200 (75.0%)") && log.contains("50 articles/s (limit 50/s)")
                && log.contains("ETA 1s"))
        #expect(!log.contains("\u{1B}"))
    }

    @Test("the reporter draws with \\r/ANSI in bar style only, plain lines in log style")
    func reporter() {
        let written = Mutex<[String]>([])
        let bar = ReplayProgressReporter(style: .bar, write: { s in written.withLock { $0.append(s) } }, width: { 80 })
        bar.update(Self.progress)
        bar.finish()
        let drawn = written.withLock { $0 }
        #expect(drawn.count == 2)
        #expect(drawn[1] == "\r\u{1B}[2A\u{1B}[J", "finish erases the three lines drawn")

        let logged = Mutex<[String]>([])
        let log = ReplayProgressReporter(style: .log(every: .zero), write: { s in logged.withLock { $0.append(s) } })
        log.update(Self.progress)  // the first period starts
        log.update(Self.progress)
        log.finish()
        let quiet = Mutex<[String]>([])
        let hourly = ReplayProgressReporter(
            style: .log(every: .seconds(3600)), write: { s in quiet.withLock { $0.append(s) } })
        hourly.update(Self.progress)
        hourly.update(Self.progress)  // throttled
        #expect(quiet.withLock { $0 }.isEmpty)
        let lines = logged.withLock { $0 }
        #expect(
            lines.count == 1 && lines[0].hasSuffix("\n") && !lines[0].contains("\u{1B}") && !lines[0].contains("\r"))
    }
}
