import Foundation
import Kafka
import KafkaTesting
import Pipeline
import Testing

/// Broker faults during a run, on librdkafka's mock cluster.
@Suite("Worker under broker faults (mock cluster)", .serialized)
struct WorkerFaultTests {
    @Test("brokers down and produce errors mid-run: every article's metrics arrive")
    func faultsDuringRun() throws {
        let h = try WorkerHarness(broker: .mock, partitions: 3)
        let mock = try #require(h.mock)
        let articles = SampleArticles.generated(150, prefix: "f")
        try h.produce(articles.prefix(75).map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        let running = h.start()
        try waitUntil(timeout: .seconds(30), "worker consuming") { running.worker.state.isReady }

        mock.pushRequestErrors(.produce, [.notEnoughReplicas, .requestTimedOut, .notLeader, .notEnoughReplicas])
        // Broker 2 goes down for two seconds while the second half arrives and is processed.
        try mock.setBrokerDown(2)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { try? mock.setBrokerUp(2) }
        try h.produce(articles.suffix(75).map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        try mock.setBrokerDown(3)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { try? mock.setBrokerUp(3) }

        let expected = try expectedMetrics(articles)
        let expectedCount = expected.values.reduce(0) { $0 + $1.count }
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(60), "committed to the end") { try h.committedToEnd() }
        #expect((try? (running.stop()).get()) != nil)
        let ids = Set(try out.map { try decode($0)["metric_id"] as? String ?? "" })
        #expect(ids.count == expectedCount, "no metric lost (duplicates, if any, share ids)")
        try WorkerIntegrationTests.verify(
            Dictionary(grouping: out) { try! decode($0)["metric_id"] as! String }.values.map { $0[0] },
            against: articles)
    }

    @Test("a broker that refuses output: the worker stops and commits nothing past the lost output")
    func refusedOutput() throws {
        let h = try WorkerHarness(broker: .mock, partitions: 1)
        let mock = try #require(h.mock)
        let running = h.start { c in
            c.kafka["message.timeout.ms"] = "1500"
            c.commitInterval = .milliseconds(50)
        }
        try waitUntil(timeout: .seconds(30), "worker consuming") { running.worker.state.isReady }
        // From now on every produce to the output topic fails; librdkafka retries until message.timeout.ms.
        mock.setTopicError(h.output, .notEnoughReplicas)
        let articles = SampleArticles.generated(20, prefix: "r")
        try h.produce(articles.map { ($0.id, Articles.json(id: $0.id, body: $0.body)) })
        let result = running.result(timeout: .seconds(60))
        guard case .failure(let error)? = result else {
            Issue.record("the worker kept going after losing output"); return
        }
        #expect("\(error)".contains("could not be delivered"), "\(error)")
        #expect(running.worker.state.isAlive == false, "/healthz reports the failure")
        mock.setTopicError(h.output, .noError)
        var c = h.config
        c.groupID = h.group
        let committed = try KafkaConsumer(config: c).committed([TopicPartition(h.input, 0)])
        #expect(
            committed[0].offset < 0 || committed[0].offset == 0,
            "nothing committed past the first lost record: \(committed)")
    }
}
