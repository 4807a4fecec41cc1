import Foundation
import Kafka
import KafkaTesting
import Testing

@Suite("Admin (noida-db)")
struct AdminTests {
    @Test("create topic: metadata shows it; creating it again is a typed error unless ifNotExists")
    func createTopic() throws {
        let admin = try KafkaAdmin(config: try TestCluster.integrationConfig())
        let topic = TestCluster.uniqueName("admin")
        try admin.createTopics([
            .init(name: topic, partitions: 5, replicationFactor: 1, configs: ["retention.ms": "86400000"])
        ])
        let parts = try admin.partitions(of: topic)
        #expect(parts == (0..<5).map { TopicPartition(topic, $0) })
        #expect(throws: KafkaError.self) { try admin.createTopics([.init(name: topic, partitions: 5)]) }
        do {
            try admin.createTopics([.init(name: topic, partitions: 5)])
        } catch let e as KafkaError {
            #expect(e.code == .topicAlreadyExists)
        }
        try admin.createTopics([.init(name: topic, partitions: 5)], ifNotExists: true)
    }

    @Test("watermarks and offsets for timestamps are exact")
    func watermarksAndTimes() throws {
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let topic = TestCluster.uniqueName("times")
        try admin.createTopics([.init(name: topic, partitions: 2)])
        let tp = TopicPartition(topic, 0)
        #expect(try admin.watermarks(tp) == Watermarks(low: 0, high: 0))

        let t0 = Int64(Date().timeIntervalSince1970 * 1000) - 100_000
        let producer = try KafkaProducer(config: config)
        // Ten records one second apart: offset i has timestamp t0 + i*1000.
        _ = try producer.sendAll(
            (0..<10).map {
                ProducerMessage(
                    topic: topic, partition: 0, key: nil, value: "r\($0)", timestampMs: t0 + Int64($0) * 1000)
            })
        #expect(try admin.watermarks(tp) == Watermarks(low: 0, high: 10))
        #expect(try admin.watermarks(TopicPartition(topic, 1)) == Watermarks(low: 0, high: 0))

        let result = try admin.offsetsForTimes([tp: t0 + 3500])
        #expect(result.first?.offset == 4, "first record at or after t0+3.5s is offset 4")
        #expect(try admin.offsetsForTimes([tp: t0]).first?.offset == 0)
        #expect(try admin.offsetsForTimes([tp: t0 + 9000]).first?.offset == 9)
        #expect(try admin.offsetsForTimes([tp: t0 + 60_000]).first?.offset == KafkaOffset.end, "nothing that recent")
    }

    @Test("consumer groups: list, describe members, read and alter committed offsets")
    func groups() throws {
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let topic = TestCluster.uniqueName("groups")
        try admin.createTopics([.init(name: topic, partitions: 2)])
        let producer = try KafkaProducer(config: config)
        _ = try producer.sendAll(
            (0..<6).map { ProducerMessage(topic: topic, partition: Int32($0 % 2), key: nil, value: "v\($0)") })

        var cc = config
        let group = TestCluster.uniqueName("grp")
        cc.groupID = group
        let consumer = try KafkaConsumer(config: cc)
        try consumer.subscribe([topic])
        let got = try consumer.records(count: 6)
        try #require(got.count == 6)
        try consumer.commit(got.map(\.nextOffset))

        #expect(try admin.listConsumerGroups().contains { $0.groupID == group })
        let desc = try #require(try admin.describeConsumerGroups([group]).first)
        #expect(desc.isActive)
        #expect(desc.members.count == 1)
        #expect(Set(desc.members.flatMap(\.assignment)) == [TopicPartition(topic, 0), TopicPartition(topic, 1)])

        let tps = [TopicPartition(topic, 0), TopicPartition(topic, 1)]
        #expect(try admin.committedOffsets(group: group, partitions: tps).map(\.offset) == [3, 3])
        consumer.close()

        try waitUntil(timeout: .seconds(30), "group becomes empty after the member leaves") {
            try admin.describeConsumerGroups([group]).first?.isActive == false
        }
        try admin.alterCommittedOffsets(
            group: group,
            offsets: [TopicPartitionOffset(topic, 0, offset: 1), TopicPartitionOffset(topic, 1, offset: 2)])
        #expect(try admin.committedOffsets(group: group, partitions: tps).map(\.offset) == [1, 2])
        // A partition the group never committed reads as "no offset", not as 0 or -1.
        let other = TestCluster.uniqueName("grp-none")
        #expect(try admin.committedOffsets(group: other, partitions: tps).allSatisfy { $0.offset < 0 })
    }
}
