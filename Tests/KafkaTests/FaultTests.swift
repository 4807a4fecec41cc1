import Foundation
import Kafka
import KafkaTesting
import Testing

/// Broker faults injected into librdkafka's mock cluster: nothing may be lost silently.
@Suite("Faults (mock cluster)")
struct FaultTests {
    /// Consumes the whole topic and returns the values, in partition/offset order.
    static func readAll(_ bootstrap: String, topic: String, partitions: Int32, expected: Int) throws -> [String] {
        let consumer = try KafkaConsumer(config: KafkaConfig(bootstrapServers: bootstrap))
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        let records =
            try consumer.records(count: expected, timeout: .seconds(30)) + consumer.records(for: .milliseconds(300))
        return records.map { String(decoding: $0.value ?? [], as: UTF8.self) }
    }

    @Test("leader down during produce, then up: every message delivered exactly once")
    func brokerDownThenUp() throws {
        let mock = try TestCluster.mock(brokers: 3)
        let topic = TestCluster.uniqueName("fault")
        try mock.createTopic(topic, partitions: 1, replicationFactor: 3)
        try mock.setPartitionLeader(topic: topic, partition: 0, broker: 1)
        let producer = try KafkaProducer(
            config: KafkaConfig(bootstrapServers: mock.bootstrapServers, properties: ["linger.ms": "1"]))
        let total = 300
        let results = ResultCollector()
        for i in 0..<total {
            if i == 100 { try mock.setBrokerDown(1) }
            if i == 200 {
                // Give the down period some traffic, then bring the leader back.
                Thread.sleep(forTimeInterval: 0.5)
                try mock.setBrokerUp(1)
            }
            try producer.send(ProducerMessage(topic: topic, partition: 0, key: nil, value: "m\(i)")) { results.add($0) }
        }
        try producer.flush(timeout: .seconds(60))
        #expect(results.count == total, "every send completed")
        #expect(results.failures.isEmpty, "no failure: \(results.failures.prefix(3))")
        let values = try Self.readAll(mock.bootstrapServers, topic: topic, partitions: 1, expected: total)
        #expect(values.count == total, "no message lost or duplicated")
        #expect(values == (0..<total).map { "m\($0)" }, "idempotence keeps order, no duplicates")
    }

    @Test("produce request errors and a leader change: retried without duplicates")
    func requestErrorsAndLeaderMove() throws {
        let mock = try TestCluster.mock(brokers: 3)
        let topic = TestCluster.uniqueName("fault-err")
        try mock.createTopic(topic, partitions: 2, replicationFactor: 3)
        let producer = try KafkaProducer(config: KafkaConfig(bootstrapServers: mock.bootstrapServers))
        let results = ResultCollector()
        for i in 0..<200 {
            if i == 50 {
                mock.pushRequestErrors(
                    .produce, [.notEnoughReplicas, .requestTimedOut, .notLeader, .leaderNotAvailable])
            }
            if i == 120 { try mock.setPartitionLeader(topic: topic, partition: 1, broker: 3) }
            try producer.send(ProducerMessage(topic: topic, partition: Int32(i % 2), key: nil, value: "e\(i)")) {
                results.add($0)
            }
        }
        try producer.flush(timeout: .seconds(60))
        #expect(results.count == 200)
        #expect(results.failures.isEmpty, "\(results.failures.prefix(3))")
        let values = try Self.readAll(mock.bootstrapServers, topic: topic, partitions: 2, expected: 200)
        #expect(values.count == 200)
        #expect(Set(values).count == 200)
    }

    @Test("a broker that never comes back: every message reported failed, none silently lost")
    func brokerGone() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("fault-gone")
        try mock.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(
            config: KafkaConfig(bootstrapServers: mock.bootstrapServers, properties: ["message.timeout.ms": "1500"]))
        // Make sure metadata is known, then take the only broker down.
        _ = try producer.sendAll([ProducerMessage(topic: topic, partition: 0, key: nil, value: "warm-up")]).map {
            try $0.get()
        }
        try mock.setBrokerDown(1)
        let results = ResultCollector()
        for i in 0..<50 {
            try producer.send(ProducerMessage(topic: topic, partition: 0, key: nil, value: "lost?\(i)")) {
                results.add($0)
            }
        }
        _ = try? producer.flush(timeout: .seconds(20))
        #expect(results.count == 50, "each message got a report")
        #expect(results.failures.count == 50)
        #expect(
            results.failures.allSatisfy { $0.code == .messageTimedOut },
            "\(results.failures.first.map { "\($0)" } ?? "")")
    }
}

final class ResultCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<DeliveryReport, KafkaError>] = []
    func add(_ r: Result<DeliveryReport, KafkaError>) { lock.lock(); results.append(r); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return results.count }
    var failures: [KafkaError] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { if case .failure(let e) = $0 { e } else { nil } }
    }
}

@Suite("Producer backpressure")
struct ProducerBackpressureTests {
    @Test("a full local queue blocks send for enqueueTimeout, then throws _QUEUE_FULL; no message is dropped silently")
    func boundedQueue() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("bp")
        try mock.createTopic(topic, partitions: 1)
        let config = KafkaConfig(
            bootstrapServers: mock.bootstrapServers,
            properties: ["queue.buffering.max.messages": "10", "message.timeout.ms": "60000"])
        let producer = try KafkaProducer(config: config, enqueueTimeout: .milliseconds(300))
        _ = try producer.sendAll([ProducerMessage(topic: topic, partition: 0, key: nil, value: "warm-up")]).map {
            try $0.get()
        }
        try mock.setBrokerDown(1)  // nothing drains: the queue fills up
        let results = ResultCollector()
        var enqueued = 0
        var refused: KafkaError?
        for i in 0..<50 {
            do throws(KafkaError) {
                try producer.send(ProducerMessage(topic: topic, partition: 0, key: nil, value: "m\(i)")) {
                    results.add($0)
                }
                enqueued += 1
            } catch {
                refused = error
                break
            }
        }
        #expect(enqueued == 10, "the queue holds exactly its bound")
        #expect(refused?.code == .queueFull)
        // Once the broker is back, everything that was accepted is delivered.
        try mock.setBrokerUp(1)
        try producer.flush(timeout: .seconds(30))
        #expect(results.count == enqueued)
        #expect(results.failures.isEmpty)
    }
}
