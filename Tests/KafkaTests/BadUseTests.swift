import Foundation
import Kafka
import KafkaTesting
import Testing

/// Misuse must fail fast with a typed error that says what is wrong.
@Suite("Bad use gives clear typed errors")
struct BadUseTests {
    @Test("an unknown configuration key is rejected at construction, naming the key")
    func invalidConfigKey() {
        var config = KafkaConfig(bootstrapServers: "127.0.0.1:9")
        config["no.such.property"] = "1"
        #expect {
            _ = try KafkaProducer(config: config)
        } throws: { error in
            let e = error as? KafkaError
            return e?.code == .invalidConfig && e?.message.contains("no.such.property") == true
        }
        #expect(throws: KafkaError.self) { _ = try KafkaConsumer(config: config) }
        #expect(throws: KafkaError.self) { _ = try KafkaAdmin(config: config) }
    }

    @Test("a bad value is rejected and a secret value is never echoed")
    func badValueRedacted() {
        var config = KafkaConfig(bootstrapServers: "127.0.0.1:9")
        config["sasl.password"] = "hunter2"
        config["acks"] = "sometimes"
        #expect {
            _ = try KafkaProducer(config: config)
        } throws: { error in
            let text = "\(error)"
            return text.contains("acks") && !text.contains("hunter2")
        }
        #expect(!config.description.contains("hunter2"))
        #expect(config.description.contains("sasl.password=[redacted]"))
    }

    @Test("a wrong broker address fails within the timeout with a transport-class error")
    func wrongBroker() throws {
        // Port 1 on loopback: nothing listens there.
        let admin = try KafkaAdmin(config: KafkaConfig(bootstrapServers: "127.0.0.1:1"))
        let start = ContinuousClock.now
        #expect {
            _ = try admin.metadata(timeout: .seconds(2))
        } throws: { error in
            guard let e = error as? KafkaError else { return false }
            return [.transport, .timedOut, .allBrokersDown].contains(e.code)
        }
        #expect(ContinuousClock.now - start < .seconds(10), "fails fast instead of hanging")

        let producer = try KafkaProducer(
            config: KafkaConfig(bootstrapServers: "127.0.0.1:1", properties: ["message.timeout.ms": "1000"]))
        let results = try producer.sendAll([ProducerMessage(topic: "t", key: nil, value: "x")])
        guard case .failure(let e) = results[0] else { Issue.record("delivery to a dead address succeeded"); return }
        #expect(e.code == .messageTimedOut)
    }

    @Test("an unknown topic: metadata and subscribe report UNKNOWN_TOPIC_OR_PART (noida-db)")
    func unknownTopic() throws {
        // Not the mock cluster: it auto-creates any topic a client asks about.
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let missing = TestCluster.uniqueName("no-such-topic")
        #expect {
            _ = try admin.partitions(of: missing)
        } throws: { ($0 as? KafkaError)?.code == .unknownTopicOrPartition }

        var cc = config
        cc.groupID = TestCluster.uniqueName("g")
        let consumer = try KafkaConsumer(config: cc)
        try consumer.subscribe([missing])
        var seen: KafkaError?
        try waitUntil(timeout: .seconds(15), "the consumer reports the unknown topic") {
            if case .error(let e) = try consumer.poll(timeout: .milliseconds(100)) { seen = e }
            return seen != nil
        }
        #expect(seen?.code == .unknownTopicOrPartition)
        #expect(seen?.message.contains(missing) == true)
        #expect(try admin.metadata().topic(missing) == nil, "asking did not create it")
    }

    @Test("producing to a partition that does not exist throws at send, and the completion is never called")
    func unknownPartition() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let topic = TestCluster.uniqueName("t")
        try mock.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: KafkaConfig(bootstrapServers: mock.bootstrapServers))
        // Learn the partition count first.
        _ = try producer.sendAll([ProducerMessage(topic: topic, partition: 0, key: nil, value: "x")]).map {
            try $0.get()
        }
        let called = ResultCollector()
        #expect {
            try producer.send(ProducerMessage(topic: topic, partition: 7, key: nil, value: "x")) { called.add($0) }
        } throws: { ($0 as? KafkaError)?.code == .unknownPartition }
        try producer.flush(timeout: .seconds(5))
        #expect(called.count == 0)
    }

    @Test("a closed producer refuses to send")
    func closedProducer() throws {
        let mock = try TestCluster.mock(brokers: 1)
        let producer = try KafkaProducer(config: KafkaConfig(bootstrapServers: mock.bootstrapServers))
        producer.close()
        #expect {
            try producer.send(ProducerMessage(topic: "t", key: nil, value: "x")) { _ in }
        } throws: { ($0 as? KafkaError)?.code == .state }
    }
}
