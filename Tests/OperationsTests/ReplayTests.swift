import Foundation
import Kafka
import KafkaTesting
import Pipeline
import Synchronization
import Testing

@testable import Operations

/// `tally replay` against a real Kafka-protocol broker (noida-db; `KAFKA_BROKERS` to use another).
///
/// Each test has its own topics. Raw records carry timestamps one second apart ending a minute
/// ago, so time ranges select known records and noida-db's time-based retention keeps them.
/// Blocking work runs `offPool` (see there); assertions run in the test body.
@Suite("Replay (noida-db)")
struct ReplayTests {
    @Test(
        "by time: exactly the records with from ≤ timestamp < to, no more, no fewer; a second replay gives the same metric_ids"
    )
    func byTime() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 3, count: 30, poison: [13]) }
        let topics = try await offPool { try f.outputTopics() }
        // Records 9 ..< 21: [--from = timestamp of 9, --to = timestamp of 21) — 21 itself is excluded.
        let expected = f.produced.filter { (9..<21).contains($0.index) }
        let range = ReplayRange(start: .time(f.time(9)), end: .time(f.time(21)))

        let summary = try await offPool { try f.replay(range, into: topics) }
        #expect(summary.outcome == .completed, "\(summary.render())")
        #expect(summary.articles == 12)
        #expect(summary.deadLetters == 1)
        #expect(summary.undelivered == 0)
        // Record i is at offset i / 3 of partition i % 3: every partition replays offsets 3 ..< 7.
        #expect(
            summary.partitions.map { [Int64($0.partition), $0.start, $0.end, $0.reached] } == [
                [0, 3, 7, 7], [1, 3, 7, 7], [2, 3, 7, 7],
            ])
        #expect(summary.resumeArguments == nil)

        let metricCount = ReplayFixture.expectedMetrics(expected)
        #expect(summary.metrics == metricCount)
        let outputs = try ReplayFixture.outputs(try await offPool { try f.read(topics.out, count: metricCount) })
        #expect(outputs.count == metricCount, "no more metric events than the range yields")
        #expect(Set(outputs.map(\.position)) == Set(expected.filter { !$0.poison }.map(\.position)))
        #expect(Set(outputs.map(\.articleID)) == Set(expected.filter { !$0.poison }.map(\.id)))
        let dead = try await offPool { try f.read(topics.dlq, partitions: 1, count: 1) }
        #expect(dead.count == 1)
        #expect(dead.first?.keyString == ReplayFixture.id(13))

        // The same range again, into another topic: identical metric ids (idempotent downstream).
        let again = try await offPool { try f.outputTopics() }
        let second = try await offPool { try f.replay(range, into: again) }
        #expect(second.outcome == .completed)
        #expect(second.partitions.map(\.start) == summary.partitions.map(\.start))
        #expect(second.partitions.map(\.end) == summary.partitions.map(\.end))
        let secondOutputs = try ReplayFixture.outputs(try await offPool { try f.read(again.out, count: metricCount) })
        #expect(secondOutputs.map(\.metricID).sorted() == outputs.map(\.metricID).sorted())
        #expect(Set(outputs.map(\.metricID)).count == metricCount, "metric ids are distinct within one replay")
    }

    @Test(
        "by offset: --from-offset N / --to-offset M (exclusive) on the selected partitions only; ends clamp to the log end"
    )
    func byOffset() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 3, count: 30) }
        let topics = try await offPool { try f.outputTopics() }
        let range = ReplayRange(start: .offset(2), end: .offset(5), partitions: [0, 2])
        let summary = try await offPool { try f.replay(range, into: topics) }
        #expect(summary.outcome == .completed, "\(summary.render())")
        #expect(summary.partitions.map(\.partition) == [0, 2])
        #expect(summary.articles == 6)
        let expected = f.produced.filter { [0, 2].contains($0.partition) && (2..<5).contains($0.offset) }
        let metricCount = ReplayFixture.expectedMetrics(expected)
        let outputs = try ReplayFixture.outputs(try await offPool { try f.read(topics.out, count: metricCount) })
        #expect(outputs.count == metricCount)
        #expect(Set(outputs.map(\.position)) == Set(expected.map(\.position)))

        // An end past the log end is clamped (and said so); the range stops at the high watermark.
        let tail = try await offPool { try f.outputTopics() }
        let clamped = try await offPool {
            try f.replay(ReplayRange(start: .offset(8), end: .offset(100), partitions: [1]), into: tail)
        }
        #expect(clamped.outcome == .completed)
        let p = try #require(clamped.plan.partitions.first)
        #expect(p.start == 8 && p.end == 10 && p.endClamp == .toLogEnd)
        #expect(p.notes.contains { $0.contains("clamped to the log end 10") })
        let tailExpected = f.produced.filter { $0.partition == 1 && $0.offset >= 8 }
        let tailCount = ReplayFixture.expectedMetrics(tailExpected)
        let tailOutputs = try ReplayFixture.outputs(try await offPool { try f.read(tail.out, count: tailCount) })
        #expect(tailOutputs.count == tailCount)
        #expect(Set(tailOutputs.map(\.position)) == Set(tailExpected.map(\.position)))
    }

    @Test("--max-rate 100 over 200 articles: the measured rate is within 10% of the limit")
    func maxRate() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 2, count: 200) }
        let topics = try await offPool { try f.outputTopics() }
        let summary = try await offPool {
            try f.replay(ReplayRange(start: .offset(0)), into: topics) { $0.maxRate = 100 }
        }
        #expect(summary.outcome == .completed)
        #expect(summary.articles == 200)
        // The replay's own clock: first to last article read (199 intervals).
        let reading = try #require(summary.readingRate)
        #expect(abs(reading - 100) <= 10, "reading rate \(reading)/s vs limit 100/s")
        // The broker's view: create times of each article's first metric event.
        let records = try await offPool { try f.read(topics.out, count: summary.metrics, quiet: .milliseconds(200)) }
        let outputs = try ReplayFixture.outputs(records)
        let firstPerArticle = Dictionary(grouping: outputs, by: \.articleID).values.compactMap {
            $0.compactMap(\.timestampMs).min()
        }
        try #require(firstPerArticle.count == 200)
        let span = Double(firstPerArticle.max()! - firstPerArticle.min()!) / 1000
        let measured = Double(firstPerArticle.count - 1) / span
        #expect(abs(measured - 100) <= 10, "output-timestamp rate \(measured)/s vs limit 100/s")
        print(
            "max-rate 100/s over 200 articles: \(String(format: "%.2f", reading))/s while reading, "
                + "\(String(format: "%.2f", measured))/s by output timestamps, \(String(format: "%.2f", summary.rate))/s overall "
                + "in \(String(format: "%.2f", summary.duration.inSeconds))s")
    }

    @Test(
        "stop() from another thread: the summary says where each partition got; resuming from there completes the range exactly"
    )
    func interruptAndResume() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 3, count: 180, poison: [7, 100]) }
        let topics = try await offPool { try f.outputTopics() }
        let plan = try await offPool {
            try ReplayPlanner(config: f.config).plan(
                topic: f.raw, range: ReplayRange(start: .time(f.time(0))), outputTopic: topics.out,
                deadLetterTopic: topics.dlq)
        }
        #expect(plan.records == 180)
        let runner = ReplayRunner(
            configuration: ReplayConfiguration(kafka: f.config, maxRate: 150, progressInterval: .milliseconds(10)))
        // Another thread stops it once 40 articles are through (of 180, at 150/s: ~1.2 s in).
        let stopped = Thread {
            try? waitUntil(timeout: .seconds(30), "the replay processed 40 articles") {
                (runner.progress?.articles ?? 0) >= 40
            }
            runner.stop()
        }
        stopped.start()
        let first = try await offPool { try runner.run(plan) }

        #expect(first.outcome == .interrupted, "\(first.render())")
        #expect(first.articles >= 40 && first.articles < 180)
        #expect(!first.resumePositions.isEmpty)
        for p in first.partitions {
            // No gaps in the raw offsets here, and everything read was delivered before returning.
            #expect(p.reached == p.start + Int64(p.articles), "partition \(p.partition)")
        }
        let args = try #require(first.resumeArguments)
        #expect(args.count == 4 && args[0] == "--from-offset" && args[2] == "--to-offset")
        #expect(first.render().contains("--from-offset \(args[1]) --to-offset \(args[3])"))

        // Resume the way an operator would: from the printed arguments.
        guard case .perPartition(let from) = try ReplayRange.parseOffsets(args[1], option: "--from-offset"),
            case .perPartition(let to) = try ReplayRange.parseOffsets(args[3], option: "--to-offset")
        else {
            Issue.record("resume arguments are not per-partition lists: \(args)")
            return
        }
        let rest = try await offPool {
            try f.replay(ReplayRange(start: .offsets(from), end: .offsets(to)), into: topics)
        }
        #expect(rest.outcome == .completed, "\(rest.render())")
        #expect(first.articles + rest.articles == 180)

        let metricCount = ReplayFixture.expectedMetrics(f.produced)
        let outputs = try ReplayFixture.outputs(try await offPool { try f.read(topics.out, count: metricCount) })
        #expect(
            Set(outputs.map(\.position)) == Set(f.produced.filter { !$0.poison }.map(\.position)), "nothing missing")
        #expect(outputs.count == metricCount, "and nothing written twice: the resume positions were exact")
        #expect(try await offPool { try f.read(topics.dlq, partitions: 1, count: 2) }.count == 2)
    }

    @Test("--dry-run resolves and shows the plan; nothing is read or produced")
    func dryRun() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 3, count: 30) }
        let topics = try await offPool { try f.outputTopics() }
        let range = ReplayRange(start: .time(f.time(9)), end: .time(f.time(21)))
        let plan = try await offPool {
            try ReplayPlanner(config: f.config).plan(
                topic: f.raw, range: range, outputTopic: topics.out, deadLetterTopic: topics.dlq)
        }
        let summary = try await offPool {
            try ReplayRunner(configuration: ReplayConfiguration(kafka: f.config, dryRun: true)).run(plan)
        }
        #expect(summary.outcome == .dryRun)
        #expect(summary.articles == 0 && summary.metrics == 0 && summary.deadLetters == 0)
        #expect(plan.partitions.map { "\($0.partition):\($0.start)-\($0.end)" } == ["0:3-7", "1:3-7", "2:3-7"])
        #expect(plan.records == 12)
        let text = plan.render(dryRun: true)
        #expect(text.contains("DRY RUN") && text.contains("total: 12 record(s)"))
        #expect(try await offPool { try f.written(topics.out, partitions: 3) } == 0)
        #expect(try await offPool { try f.written(topics.dlq, partitions: 1) } == 0)
    }

    @Test("a missing output topic is a plan warning and the run refuses to start (the replay never creates topics)")
    func missingOutput() async throws {
        let f = try await offPool { try ReplayFixture(partitions: 1, count: 3) }
        let (_, dlq) = try await offPool { try f.outputTopics() }
        let missing = TestCluster.uniqueName("replay-nope")
        let plan = try await offPool {
            try ReplayPlanner(config: f.config).plan(
                topic: f.raw, range: ReplayRange(start: .offset(0)), outputTopic: missing, deadLetterTopic: dlq)
        }
        #expect(plan.warnings.contains { $0.contains(missing) && $0.contains("does not exist") })
        let outcome = try await offPool { Result { try ReplayRunner(configuration: .init(kafka: f.config)).run(plan) } }
        guard case .failure(let error) = outcome else {
            Issue.record("ran without its output topic")
            return
        }
        #expect("\(error)".contains(missing))
    }
}

/// A failed delivery on librdkafka's mock cluster (noida-db cannot be told to refuse writes).
@Suite("Replay under a refused output (mock cluster)")
struct ReplayFailureTests {
    @Test("a failed delivery fails the replay with the exact offsets reached, never success")
    func refusedOutput() async throws {
        let mock = try TestCluster.mock(brokers: 1)
        let config = KafkaConfig(bootstrapServers: mock.bootstrapServers)
        // Offset 0 is poison (its dead letter is delivered), offsets 1…5 are articles whose metrics will be refused.
        let f = try await offPool {
            try ReplayFixture(broker: config, partitions: 1, count: 6, poison: [0], mock: mock)
        }
        let topics = try await offPool { try f.outputTopics(mock: mock) }
        let plan = try await offPool {
            try ReplayPlanner(config: config).plan(
                topic: f.raw, range: ReplayRange(start: .offset(0)), outputTopic: topics.out,
                deadLetterTopic: topics.dlq)
        }
        var c = ReplayConfiguration(kafka: config, maxRate: 1, progressInterval: .milliseconds(10))
        c.kafka["message.timeout.ms"] = "1500"
        // One article per second: after the dead letter of offset 0 is acknowledged, and well
        // before offset 1 is read, the output topic starts refusing writes.
        let refused = Mutex(false)
        let summary = try await offPool { [c] in
            try ReplayRunner(configuration: c).run(plan) { progress in
                refused.withLock { done in
                    if !done, progress.deadLetters == 1 {
                        mock.setTopicError(topics.out, .notEnoughReplicas)
                        done = true
                    }
                }
            }
        }
        #expect(refused.withLock { $0 }, "the dead letter was acknowledged")
        guard case .failed(let why) = summary.outcome else {
            Issue.record("a replay that lost output must fail: \(summary.render())")
            return
        }
        #expect(why.contains("could not be delivered"), "\(why)")
        #expect(summary.deadLetters == 1 && summary.undelivered > 0)
        #expect(summary.partitions.map(\.reached) == [1], "offset 0 went through, offset 1 did not")
        #expect(summary.resumeArguments == ["--from-offset", "0:1", "--to-offset", "0:6"])
        #expect(summary.render().contains("FAILED"))
    }
}
