import Foundation
import Kafka
import KafkaTesting
import Testing

@Suite("Consumer groups")
struct ConsumerGroupTests {
    /// Polls each consumer in turn (a group member must keep polling to take part in rebalances).
    static func pollAll(_ consumers: [KafkaConsumer], into sink: inout [ConsumerRecord]) throws {
        for c in consumers {
            if case .record(let r) = try c.poll(timeout: .milliseconds(20)) { sink.append(r) }
        }
    }

    @Test(
        "two members share 4 partitions; one leaves, the other takes over; a restart resumes after the commit",
        arguments: RoundTripTests.Broker.allCases)
    func shareTakeOverResume(broker: RoundTripTests.Broker) throws {
        let topic = TestCluster.uniqueName("group")
        let (base, mock) = try RoundTripTests.setUp(broker, topic: topic, partitions: 4)
        defer { withExtendedLifetime(mock) {} }
        var config = base
        config.groupID = TestCluster.uniqueName("g")
        config["session.timeout.ms"] = "6000"
        config["heartbeat.interval.ms"] = "500"

        let producer = try KafkaProducer(config: base)
        _ = try producer.sendAll(
            (0..<40).map {
                ProducerMessage(topic: topic, partition: Int32($0 % 4), key: "k\($0)", value: "first-\($0)")
            })

        let a = try KafkaConsumer(config: config)
        let b = try KafkaConsumer(config: config)
        try a.subscribe([topic])
        try b.subscribe([topic])
        var seen: [ConsumerRecord] = []
        try waitUntil(timeout: .seconds(60), "both members assigned, 4 partitions split between them") {
            try Self.pollAll([a, b], into: &seen)
            let (pa, pb) = (try a.assignment(), try b.assignment())
            return !pa.isEmpty && !pb.isEmpty && Set(pa).isDisjoint(with: pb) && pa.count + pb.count == 4
        }
        #expect(a.rebalanceProtocol == "EAGER")

        // b leaves: a must end up with all four partitions.
        b.close()
        try waitUntil(timeout: .seconds(60), "the remaining member takes over all partitions") {
            try Self.pollAll([a], into: &seen)
            return try a.assignment().count == 4
        }
        // Everything produced so far is consumed by a (it may re-read what b had not committed).
        try waitUntil(timeout: .seconds(30), "all 40 records consumed") {
            try Self.pollAll([a], into: &seen)
            return Set(seen.map { "\($0.partition)/\($0.offset)" }).count == 40
        }
        // Commit exactly the end of what was consumed, then leave.
        var next: [TopicPartition: Int64] = [:]
        for r in seen { next[r.topicPartition] = max(next[r.topicPartition] ?? 0, r.offset + 1) }
        try a.commit(next.map { TopicPartitionOffset($0.key, offset: $0.value) })
        let committed = try a.committed((0..<4).map { TopicPartition(topic, $0) })
        #expect(committed.map(\.offset) == [10, 10, 10, 10])
        a.close()

        // New records after the commit; a restarted member must read exactly those.
        _ = try producer.sendAll(
            (0..<20).map {
                ProducerMessage(topic: topic, partition: Int32($0 % 4), key: "k\($0)", value: "second-\($0)")
            })
        let c = try KafkaConsumer(config: config)
        try c.subscribe([topic])
        var after: [ConsumerRecord] = []
        try waitUntil(timeout: .seconds(60), "the restarted member reads the 20 new records") {
            try Self.pollAll([c], into: &after)
            return after.count >= 20
        }
        after += try c.records(for: .milliseconds(500))
        c.close()
        #expect(after.count == 20, "nothing repeated, nothing lost")
        #expect(after.allSatisfy { String(decoding: $0.value ?? [], as: UTF8.self).hasPrefix("second-") })
        #expect(Set(after.map { "\($0.partition)/\($0.offset)" }).count == 20)
    }

    @Test(
        "the rebalance handler runs before revoked partitions are released, and can commit",
        arguments: RoundTripTests.Broker.allCases)
    func revokeHandlerCommits(broker: RoundTripTests.Broker) throws {
        let topic = TestCluster.uniqueName("revoke")
        let (base, mock) = try RoundTripTests.setUp(broker, topic: topic, partitions: 2)
        defer { withExtendedLifetime(mock) {} }
        var config = base
        config.groupID = TestCluster.uniqueName("g")
        let producer = try KafkaProducer(config: base)
        _ = try producer.sendAll(
            (0..<10).map { ProducerMessage(topic: topic, partition: Int32($0 % 2), key: nil, value: "v\($0)") })

        let events = EventLog()
        let holder = ConsumerHolder()
        let consumer = try KafkaConsumer(
            config: config,
            rebalanceHandler: { event in
                events.append(event)
                if case .revoked = event {
                    // Still assigned here: committing the stored offsets must work.
                    do { try holder.consumer?.commit() } catch { events.fail("\(error)") }
                }
            })
        holder.consumer = consumer
        try consumer.subscribe([topic])
        let got = try consumer.records(count: 10)
        try consumer.store(got.map(\.nextOffset))
        consumer.close()  // final revocation → handler commits
        holder.consumer = nil  // the handler holds the holder: without this the client is never destroyed
        #expect(events.failures.isEmpty, "commit inside the revoke handler: \(events.failures)")
        #expect(events.events.first == .assigned([TopicPartition(topic, 0), TopicPartition(topic, 1)]))
        #expect(events.events.last == .revoked([TopicPartition(topic, 0), TopicPartition(topic, 1)], lost: false))

        let admin = try KafkaAdmin(config: base)
        if broker == .noida {
            let offsets = try admin.committedOffsets(
                group: config.groupID!, partitions: [TopicPartition(topic, 0), TopicPartition(topic, 1)])
            #expect(offsets.map(\.offset) == [5, 5])
        }
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _events: [RebalanceEvent] = []
    private var _failures: [String] = []
    func append(_ e: RebalanceEvent) { lock.lock(); _events.append(e); lock.unlock() }
    func fail(_ s: String) { lock.lock(); _failures.append(s); lock.unlock() }
    var events: [RebalanceEvent] { lock.lock(); defer { lock.unlock() }; return _events }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return _failures }
}

final class ConsumerHolder: @unchecked Sendable {
    var consumer: KafkaConsumer?
}
