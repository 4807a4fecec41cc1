import Foundation
import Kafka
import KafkaTesting
import MetricParser
import Pipeline
import Testing

/// `tally run` as operators run it: a process, killed, restarted, signalled.
@Suite("tally run as a process (noida-db)", .serialized)
struct RunProcessTests {
    @Test("SIGTERM: drains, commits, leaves the group and exits 0; /healthz, /readyz and /metrics answer while running")
    func gracefulStopAndEndpoints() throws {
        let t = try E2ETopics()
        try t.produce(0..<200, prefix: "g")
        let port = try freeLoopbackPort()
        let run = try TallyProcess(["run"], environment: t.environment(httpPort: port))
        try waitUntil(timeout: .seconds(60), "worker ready (/readyz 200). stderr: \(run.stderr.suffix(1500))") {
            httpGet(port, "/readyz")?.status == 200
        }
        #expect(httpGet(port, "/healthz")?.status == 200)
        try waitUntil(timeout: .seconds(60), "all input committed") { try t.committedToEnd() }
        let metrics = try #require(httpGet(port, "/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("tally_articles_total{outcome=\"metrics\"} 200"), "\(metrics.body.prefix(600))")
        #expect(metrics.body.contains("# TYPE tally_end_to_end_latency_seconds histogram"))

        run.signal(SIGTERM)
        let status = run.wait(timeout: .seconds(40))
        #expect(status == 0, "exit status \(String(describing: status)); stderr: \(run.stderr.suffix(1500))")
        #expect(run.stderr.contains("worker stopped"))
        // It left the group: nobody is a member any more.
        let admin = try KafkaAdmin(config: t.config)
        try waitUntil(timeout: .seconds(20), "group empty after exit") {
            try admin.describeConsumerGroups([t.group]).first?.isActive == false
        }
    }

    /// kill -9 in the middle of a stream, then a restart: no article loses a metric.
    @Test("kill -9 mid-stream and restart (at-least-once): every metric arrives; duplicates share metric ids")
    func killNineAtLeastOnce() throws {
        try killAndRestart(exactlyOnce: false)
    }

    @Test("kill -9 mid-stream and restart (--exactly-once): a read_committed reader sees every metric exactly once")
    func killNineExactlyOnce() throws {
        try killAndRestart(exactlyOnce: true)
    }

    func killAndRestart(exactlyOnce: Bool) throws {
        let t = try E2ETopics()
        let total = 1500
        let expected = try Expectations.metricIDs(count: total, prefix: "k")
        // Static membership: the restarted instance takes its partitions back at once (noida-db,
        // like Kafka, would otherwise hold them for the crashed member until it expires).
        var args = ["run", "--group-instance-id", "\(t.group)-0"]
        if exactlyOnce { args += ["--exactly-once", "--transactional-id", "\(t.group)-instance"] }
        // Input keeps arriving while the worker runs, so the kill lands mid-stream.
        let feeder = Thread { try? t.produce(0..<total, prefix: "k") }
        let first = try TallyProcess(args, environment: t.environment())
        feeder.start()
        try waitUntil(timeout: .seconds(60), "some output before the kill. stderr: \(first.stderr.suffix(1500))") {
            try t.outputCount() > 200
        }
        first.signal(SIGKILL)
        #expect(first.wait(timeout: .seconds(10)) != nil)
        let midStream = try !t.committedToEnd()
        #expect(midStream, "the kill must land before everything was committed (raise `total` if this fails)")

        let second = try TallyProcess(args, environment: t.environment())
        try waitUntil(
            timeout: .seconds(90), "restarted worker commits to the end. stderr: \(second.stderr.suffix(6000))"
        ) {
            try t.committedToEnd() && (try t.outputCount()) > 0
        }
        second.signal(SIGTERM)
        #expect(second.wait(timeout: .seconds(40)) == 0)

        let ids = try t.readMetricIDs(
            expectedAtLeast: expected.count, isolation: exactlyOnce ? "read_committed" : "read_uncommitted")
        #expect(Set(ids) == expected, "every input article's metrics are in the output, nothing invented")
        if exactlyOnce {
            #expect(
                ids.count == expected.count, "read_committed sees no duplicate (\(ids.count - expected.count) extra)")
        } else {
            #expect(ids.count >= expected.count)
        }
    }

    @Test("bad settings and missing topics fail fast with a clear message")
    func badStarts() throws {
        let t = try E2ETopics()
        let badFlag = try TallyProcess.run(["run", "--max-in-flight", "lots"])
        #expect(badFlag.status == 64)
        #expect(badFlag.stderr.contains("max-in-flight"))

        let badEnv = try TallyProcess.run(["run"], environment: t.environment(extra: ["TALLY_MAX_IN_FLIGHT": "0"]))
        #expect(badEnv.status == 64)
        #expect(badEnv.stderr.contains("max.in.flight") && badEnv.stderr.contains("environment"), "\(badEnv.stderr)")

        let missing = try TallyProcess.run(
            ["run"],
            environment: t.environment(extra: ["TALLY_INPUT_TOPIC": "no-such-topic-\(UUID().uuidString.prefix(6))"]))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr.suffix(800))")

        let unknownKey = try TallyProcess.run(
            ["run", "--kafka-property", "no.such.key=1"], environment: t.environment())
        #expect(unknownKey.status != 0)
        #expect(unknownKey.stderr.contains("no.such.key"), "\(unknownKey.stderr.suffix(800))")
    }
}
