import Foundation
import Kafka
import KafkaTesting
import Testing

/// Produce → consume with keys, headers, timestamps and explicit partitions, on both brokers.
@Suite("Produce/consume round trip")
struct RoundTripTests {
    enum Broker: String, CaseIterable, CustomStringConvertible {
        case mock, noida
        var description: String { rawValue }
    }

    /// Bootstrap servers with a fresh 3-partition topic; the mock cluster is kept alive by the caller.
    static func setUp(_ broker: Broker, topic: String, partitions: Int32 = 3) throws -> (KafkaConfig, MockCluster?) {
        switch broker {
        case .mock:
            let mock = try TestCluster.mock()
            try mock.createTopic(topic, partitions: partitions)
            return (KafkaConfig(bootstrapServers: mock.bootstrapServers), mock)
        case .noida:
            let config = try TestCluster.integrationConfig()
            try KafkaAdmin(config: config).createTopics([.init(name: topic, partitions: partitions)])
            return (config, nil)
        }
    }

    @Test("keys, headers, timestamps and partitions survive the trip", arguments: Broker.allCases)
    func roundTrip(broker: Broker) throws {
        let topic = TestCluster.uniqueName("roundtrip")
        let (config, mock) = try Self.setUp(broker, topic: topic)
        defer { withExtendedLifetime(mock) {} }

        let producer = try KafkaProducer(config: config)
        // Recent timestamps: a real broker applies retention by record time and would delete old ones.
        let baseTs = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
        let sent = (0..<30).map { i in
            ProducerMessage(
                topic: topic, partition: Int32(i % 3), key: Array("key-\(i)".utf8),
                value: Array("value-\(i) 数字\(i)".utf8),
                headers: [KafkaHeader(key: "n", string: "\(i)"), KafkaHeader(key: "empty", value: nil)],
                timestampMs: baseTs + Int64(i))
        }
        let reports = try producer.sendAll(sent)
        for (i, r) in reports.enumerated() {
            let report = try r.get()
            #expect(report.topic == topic)
            #expect(report.partition == Int32(i % 3), "message \(i) landed in the partition it named")
            #expect(report.offset == Int64(i / 3), "offsets are dense per partition")
        }
        producer.close()

        let consumer = try KafkaConsumer(config: config)  // assign-only: no group.id needed
        try consumer.assign((0..<3).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        let got = try consumer.records(count: 30)
        consumer.close()

        #expect(got.count == 30)
        let byKey = Dictionary(uniqueKeysWithValues: got.map { ($0.keyString ?? "", $0) })
        for (i, m) in sent.enumerated() {
            let r = try #require(byKey["key-\(i)"], "record \(i) consumed")
            #expect(r.value == m.value)
            #expect(r.partition == m.partition)
            #expect(r.timestampMs == baseTs + Int64(i))
            #expect(r.timestampType == .createTime)
            #expect(r.headers.value(forKey: "n") == "\(i)")
            #expect(
                r.headers.contains(KafkaHeader(key: "empty", value: nil)), "a header without value stays without value")
        }
        // Per partition, records arrive in offset order.
        for p in Int32(0)..<3 {
            let offsets = got.filter { $0.partition == p }.map(\.offset)
            #expect(offsets == offsets.sorted())
        }
    }

    @Test("keyed messages keep one key in one partition", arguments: Broker.allCases)
    func keyedPartitioning(broker: Broker) throws {
        let topic = TestCluster.uniqueName("keyed")
        let (config, mock) = try Self.setUp(broker, topic: topic, partitions: 4)
        defer { withExtendedLifetime(mock) {} }
        let producer = try KafkaProducer(config: config)
        let msgs = (0..<40).map { i in ProducerMessage(topic: topic, key: "article-\(i % 5)", value: "v\(i)") }
        let reports = try producer.sendAll(msgs).map { try $0.get() }
        var partitionOfKey: [String: Int32] = [:]
        for (m, r) in zip(msgs, reports) {
            let key = String(decoding: m.key!, as: UTF8.self)
            if let p = partitionOfKey[key] { #expect(p == r.partition, "\(key) stayed in one partition") }
            partitionOfKey[key] = r.partition
        }
    }
}
