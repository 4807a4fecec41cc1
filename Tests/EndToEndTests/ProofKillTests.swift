import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

/// Proof suite, part 1: `tally run` killed with SIGKILL at random moments, again and again, while
/// input keeps arriving; after the last restart it runs to the end. Counted end to end from
/// the output topic: metrics lost (must be 0), duplicated (at-least-once: allowed, with equal
/// metric ids; exactly-once through read_committed: must be 0).
@Suite("Proof: SIGKILL at random points (tally run, noida-db)", .serialized)
struct ProofKillTests {
    static let kills = 5
    static let total = 3000

    @Test("at-least-once: nothing lost across 5 random SIGKILLs", .timeLimit(.minutes(4)))
    func atLeastOnce() throws { try run(exactlyOnce: false) }

    @Test(
        "exactly-once: nothing lost, nothing duplicated (read_committed) across 5 random SIGKILLs",
        .timeLimit(.minutes(4)))
    func exactlyOnce() throws { try run(exactlyOnce: true) }

    func run(exactlyOnce: Bool) throws {
        let started = ContinuousClock.now
        let t = try E2ETopics()
        let expected = try Expectations.metricIDs(count: Self.total, prefix: "pk")
        var args = ["run", "--group-instance-id", "\(t.group)-0"]
        if exactlyOnce { args += ["--exactly-once", "--transactional-id", "\(t.group)-instance"] }
        // Input arrives in slices for the whole run, so kills land mid-stream.
        let fed = DispatchSemaphore(value: 0)
        let feeding = FeedState()
        let feeder = Thread {
            for start in stride(from: 0, to: Self.total, by: 150) {
                try? t.produce(start..<min(start + 150, Self.total), prefix: "pk")
                Thread.sleep(forTimeInterval: 0.25)
            }
            feeding.finish()
            fed.signal()
        }
        feeder.start()
        var delays: [Int] = []
        var midStream = 0
        for _ in 0..<Self.kills {
            let p = try TallyProcess(args, environment: t.environment())
            let ms = Int.random(in: 300...2800)
            delays.append(ms)
            Thread.sleep(forTimeInterval: Double(ms) / 1000)
            // A worker faster than the feed is caught up between slices: while input still
            // arrives, wait (bounded) for the next slice's backlog so the kill finds work in flight.
            let backlogBy = ContinuousClock.now + .seconds(1)
            while !feeding.done, try t.committedToEnd(), ContinuousClock.now < backlogBy {
                Thread.sleep(forTimeInterval: 0.005)
            }
            p.signal(SIGKILL)
            #expect(p.wait(timeout: .seconds(10)) != nil, "killed")
            if try !t.committedToEnd() { midStream += 1 }
        }
        let last = try TallyProcess(args, environment: t.environment())
        #expect(fed.wait(timeout: .now() + 60) == .success, "all input produced")
        try waitUntil(
            timeout: .seconds(120), "the last instance commits everything. stderr: \(last.stderr.suffix(3000))"
        ) {
            try t.committedToEnd()
        }
        last.signal(SIGTERM)
        #expect(last.wait(timeout: .seconds(40)) == 0, "clean exit after the kills: \(last.stderr.suffix(1500))")

        let ids = try t.readMetricIDs(
            expectedAtLeast: expected.count, isolation: exactlyOnce ? "read_committed" : "read_uncommitted")
        let lost = expected.subtracting(ids).count
        let duplicated = ids.count - Set(ids).count
        let dead = try KafkaAdmin(config: t.config).watermarks(TopicPartition(t.deadLetters, 0)).high
        ProofTable.record(
            .init(
                scenario: "SIGKILL, \(exactlyOnce ? "exactly-once (read_committed)" : "at-least-once")",
                inputs: Self.total,
                faults:
                    "\(Self.kills) × SIGKILL (\(midStream) mid-stream; at \(delays.map { "\($0)" }.joined(separator: "/")) ms)",
                lost: lost, duplicated: duplicated, deadLettered: Int(dead),
                seconds: ProofTable.seconds(since: started),
                note: "\(expected.count) metrics expected, \(ids.count) read"))
        #expect(midStream > 0, "at least one kill landed before everything was committed")
        #expect(lost == 0, "\(lost) metrics lost (kills at \(delays) ms)")
        #expect(Set(ids).isSubset(of: expected), "nothing invented")
        #expect(dead == 0)
        if exactlyOnce {
            #expect(duplicated == 0, "read_committed sees \(duplicated) duplicates (kills at \(delays) ms)")
        }
    }
}

/// Whether the feeder has produced all input (read by the kill loop while the feeder runs).
private final class FeedState: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false

    var done: Bool { lock.withLock { finished } }
    func finish() { lock.withLock { finished = true } }
}
