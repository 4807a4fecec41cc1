import Foundation
import Kafka
import KafkaTesting
import Testing

/// librdkafka 2.0.2 (Debian bookworm) has bugs fixed in later releases; each workaround has a test.
@Suite("librdkafka 2.0.2 workarounds")
struct KnownBugWorkaroundTests {
    @Test("headers of a failed enqueue are freed once (producev, not produceva: librdkafka#4627)")
    func headersOnFailedEnqueue() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("hdr")
        try mock.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: KafkaConfig(bootstrapServers: mock.bootstrapServers))
        _ = try producer.sendAll([ProducerMessage(topic: topic, partition: 0, key: nil, value: "x")]).map {
            try $0.get()
        }
        // A double free aborts the process (glibc detects it); a thousand failed enqueues with
        // headers must all throw cleanly.
        var failures = 0
        for i in 0..<1000 {
            let m = ProducerMessage(
                topic: topic, partition: 5, key: Array("k".utf8), value: Array("v".utf8),
                headers: [KafkaHeader(key: "a", string: "\(i)"), KafkaHeader(key: "b", value: nil)])
            do throws(KafkaError) { try producer.send(m) { _ in } } catch { failures += 1 }
        }
        #expect(failures == 1000)
        // And the producer still works, with headers.
        let ok = try producer.sendAll([
            ProducerMessage(
                topic: topic, partition: 0, key: nil, value: Array("y".utf8),
                headers: [KafkaHeader(key: "h", string: "1")])
        ])
        #expect((try? ok[0].get()) != nil)
    }

    @Test("eager assignment by default (cooperative-sticky is buggy before 2.3)")
    func eagerByDefault() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("eager")
        try mock.createTopic(topic, partitions: 2)
        var config = KafkaConfig(bootstrapServers: mock.bootstrapServers)
        config.groupID = TestCluster.uniqueName("g")
        let consumer = try KafkaConsumer(config: config)
        try consumer.subscribe([topic])
        try waitUntil(timeout: .seconds(30), "assignment") {
            _ = try consumer.poll(timeout: .milliseconds(100))
            return try !consumer.assignment().isEmpty
        }
        #expect(consumer.rebalanceProtocol == "EAGER")
        consumer.close()
    }

    @Test("watermark queries honour their timeout while the leader is down (librdkafka#2588)")
    func watermarkTimeout() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("wm")
        try mock.createTopic(topic, partitions: 1)
        let admin = try KafkaAdmin(config: KafkaConfig(bootstrapServers: mock.bootstrapServers))
        let tp = TopicPartition(topic, 0)
        #expect(try admin.watermarks(tp) == Watermarks(low: 0, high: 0))
        try mock.setBrokerDown(1)
        let start = ContinuousClock.now
        #expect(throws: KafkaError.self) { _ = try admin.watermarks(tp, timeout: .seconds(2)) }
        // Bounded: a hang (the 2.0.2 bug) would blow well past this.
        #expect(ContinuousClock.now - start < .seconds(6))
        try mock.setBrokerUp(1)
        try waitUntil(timeout: .seconds(20), "watermarks answer again after the broker is back") {
            (try? admin.watermarks(tp, timeout: .seconds(1))) != nil
        }
    }

    @Test("single-message polling with pause, resume and seek loses and repeats nothing (no consume_batch)")
    func pauseSeekWithoutBatch() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("seek")
        try mock.createTopic(topic, partitions: 2)
        let config = KafkaConfig(bootstrapServers: mock.bootstrapServers)
        let producer = try KafkaProducer(config: config)
        _ = try producer.sendAll(
            (0..<100).map { ProducerMessage(topic: topic, partition: Int32($0 % 2), key: nil, value: "\($0)") })

        let consumer = try KafkaConsumer(config: config)
        let p0 = TopicPartition(topic, 0)
        let p1 = TopicPartition(topic, 1)
        try consumer.assign([
            TopicPartitionOffset(p0, offset: KafkaOffset.beginning),
            TopicPartitionOffset(p1, offset: KafkaOffset.beginning),
        ])
        // Read until partition 0 reaches offset 20, pause it, drain partition 1.
        var got: [ConsumerRecord] = []
        try waitUntil(timeout: .seconds(20), "partition 0 reaches offset 20") {
            if case .record(let r) = try consumer.poll(timeout: .milliseconds(50)) { got.append(r) }
            return got.contains { $0.partition == 0 && $0.offset == 20 }
        }
        try consumer.pause([p0])
        // Pausing purges what was prefetched; the paused partition resumes from its position.
        let lastP0 = got.filter { $0.partition == 0 }.map(\.offset).max()!
        try consumer.seek([TopicPartitionOffset(p0, offset: lastP0 + 1)])
        got += try consumer.records(for: .seconds(1))
        #expect(got.filter { $0.partition == 0 }.map(\.offset).max() == lastP0, "nothing from a paused partition")
        try consumer.resume([p0])
        got += try consumer.records(count: 100 - got.count, timeout: .seconds(20))
        var p0Offsets = got.filter { $0.partition == 0 }.map(\.offset)
        #expect(p0Offsets == Array(0..<50), "partition 0 complete, in order, once")
        #expect(got.filter { $0.partition == 1 }.map(\.offset) == Array(0..<50))

        // Seek back: exactly the records from there are delivered again.
        try consumer.seek([TopicPartitionOffset(p0, offset: 40)])
        let again = try consumer.records(count: 10, timeout: .seconds(20))
        p0Offsets = again.map(\.offset)
        #expect(p0Offsets == Array(40..<50))
    }
}
