import Foundation
import Kafka
import KafkaTesting
import Testing

@Suite("Statistics")
struct StatisticsTests {
    @Test("parses librdkafka's statistics JSON into per-partition figures")
    func parse() throws {
        let json = """
            {"name":"rdkafka#consumer-1","client_id":"tally","type":"consumer","ts":123,"msg_cnt":2,"msg_size":30,
             "txmsgs":0,"rxmsgs":17,
             "topics":{"articles":{"topic":"articles","partitions":{
               "0":{"partition":0,"broker":2,"leader":1,"lo_offset":0,"hi_offset":40,"ls_offset":40,"committed_offset":25,
                    "stored_offset":30,"app_offset":31,"consumer_lag":15,"consumer_lag_stored":10,"fetch_state":"active",
                    "fetchq_cnt":3,"msgq_cnt":0},
               "-1":{"partition":-1,"leader":-1,"consumer_lag":-1}}}},
             "cgrp":{"state":"up","join_state":"steady","rebalance_cnt":2}}
            """
        let stats = try #require(KafkaStatistics(json: Array(json.utf8)))
        #expect(stats.type == "consumer")
        #expect(stats.receivedMessages == 17)
        #expect(stats.partitions.count == 1, "librdkafka's internal partition -1 is dropped")
        let p = try #require(stats.partitions.first)
        #expect(p.topicPartition == TopicPartition("articles", 0))
        #expect(p.consumerLag == 15)
        #expect(p.broker == 2 && p.leader == 1, "the handling broker is read apart from the leader")
        #expect(p.highWatermark == 40)
        #expect(p.committedOffset == 25)
        #expect(stats.groupState == "up")
        #expect(stats.rebalanceCount == 2)
        #expect(KafkaStatistics(json: Array("not json".utf8)) == nil)
    }

    @Test("a live consumer's statistics report its lag after a commit")
    func liveLag() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("stats")
        try mock.createTopic(topic, partitions: 1)
        let base = KafkaConfig(bootstrapServers: mock.bootstrapServers)
        _ = try KafkaProducer(config: base).sendAll(
            (0..<10).map { ProducerMessage(topic: topic, partition: 0, key: nil, value: "\($0)") })

        var config = base
        config.groupID = TestCluster.uniqueName("g")
        config.statisticsIntervalMs = 100
        let latest = LatestStats()
        let consumer = try KafkaConsumer(config: config, onStatistics: { latest.set($0) })
        try consumer.subscribe([topic])
        let got = try consumer.records(count: 10)
        try #require(got.count == 10)
        try consumer.commit([TopicPartitionOffset(topic, 0, offset: 4)])
        try waitUntil(timeout: .seconds(20), "statistics show lag 6 (high 10 − committed 4)") {
            _ = try consumer.poll(timeout: .milliseconds(50))
            return latest.value?.partitions.first { $0.topicPartition.topic == topic }?.consumerLag == 6
        }
        consumer.close()
    }
}

final class LatestStats: @unchecked Sendable {
    private let lock = NSLock()
    private var stats: KafkaStatistics?
    func set(_ s: KafkaStatistics) { lock.lock(); stats = s; lock.unlock() }
    var value: KafkaStatistics? { lock.lock(); defer { lock.unlock() }; return stats }
}
