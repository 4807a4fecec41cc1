import Foundation
import Kafka
import KafkaTesting
import Pipeline
import Testing

/// Proof suite, part 3: the whole bad-input corpus through a live worker on noida-db, mixed
/// with good articles and the near misses that must pass. Every bad record lands in the
/// dead-letter topic with its class and reason, every good one yields its metrics.
@Suite("Proof: bad-input corpus through a live worker (noida-db)", .serialized)
struct ProofBadInputTests {
    @Test("every kind is dead-lettered with its class and reason; good and near-miss articles yield their metrics")
    func corpus() throws {
        let started = ContinuousClock.now
        let h = try WorkerHarness(broker: .noida)
        let good = SampleArticles.generated(40, prefix: "good")
        var records: [(key: String?, value: [UInt8]?)] = []
        // Interleaved, so the worker meets bad input between good records on every partition.
        for (i, c) in BadInputCorpus.cases.enumerated() {
            records.append((c.name, c.value))
            if i < good.count { records.append((good[i].id, Articles.json(id: good[i].id, body: good[i].body))) }
        }
        records += good.dropFirst(BadInputCorpus.cases.count).map { ($0.id, Articles.json(id: $0.id, body: $0.body)) }
        records += BadInputCorpus.accepted.map { ($0.name, $0.value) }
        try h.produce(records)

        let running = h.start { $0.maxBodyBytes = BadInputCorpus.maxBodyBytes }
        let dead = try h.readAll(h.deadLetters, partitions: 1, count: BadInputCorpus.cases.count)
        let goodArticles = good + BadInputCorpus.accepted.map { (id: $0.id, body: $0.body) }
        let expectedCount = try expectedMetrics(goodArticles).values.reduce(0) { $0 + $1.count }
        let out = try h.readAll(h.output, count: expectedCount)
        try waitUntil(timeout: .seconds(60), "offsets committed past the whole corpus") { try h.committedToEnd() }
        let stopped = running.stop()
        #expect((try? stopped.get()) != nil, "the worker went on: \(stopped)")

        var byKey: [String: [String: Any]] = [:]
        for d in dead { byKey[d.keyString ?? ""] = try decode(d) }
        var missing = 0
        for c in BadInputCorpus.cases {
            guard let obj = byKey[c.name] else {
                missing += 1
                Issue.record("\(c.name): no dead letter")
                continue
            }
            let reason = obj["reason"] as? String ?? ""
            #expect(obj["error_class"] as? String == c.errorClass, "\(c.name): \(obj["error_class"] ?? "-") \(reason)")
            for part in c.reasonContains {
                #expect(reason.contains(part), "\(c.name): '\(part)' missing from '\(reason)'")
            }
        }
        try SchemaValidator.expectValid(dead.compactMap(\.value), schema: "deadletter.v1")
        let ids = Set(try out.map { try #require(try decode($0)["metric_id"] as? String) })
        let articleIDs = Set(try out.map { try #require(try decode($0)["article_id"] as? String) })
        let lostArticles = goodArticles.filter { !articleIDs.contains($0.id) }.count
        ProofTable.record(
            .init(
                scenario: "bad-input corpus, live worker", inputs: records.count,
                faults: "\(BadInputCorpus.cases.count) bad kinds, \(BadInputCorpus.accepted.count) near misses",
                lost: lostArticles + missing, duplicated: out.count - ids.count, deadLettered: dead.count,
                seconds: ProofTable.seconds(since: started)))
        #expect(dead.count == BadInputCorpus.cases.count, "one dead letter per bad record, none for the good ones")
        #expect(lostArticles == 0 && ids.count == expectedCount, "every good article's metrics arrived")
        try WorkerIntegrationTests.verify(out, against: goodArticles)
    }
}
