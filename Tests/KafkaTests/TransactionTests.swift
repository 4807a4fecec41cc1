import Foundation
import Kafka
import KafkaTesting
import Testing

@Suite("Transactions (noida-db)")
struct TransactionTests {
    @Test("committed records and offsets are visible; aborted ones are not, to read_committed readers")
    func commitAndAbort() throws {
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let input = TestCluster.uniqueName("txn-in")
        let output = TestCluster.uniqueName("txn-out")
        try admin.createTopics([.init(name: input, partitions: 1), .init(name: output, partitions: 1)])
        let plain = try KafkaProducer(config: config)
        _ = try plain.sendAll((0..<10).map { ProducerMessage(topic: input, partition: 0, key: nil, value: "in-\($0)") })

        // A consume-transform-produce member.
        var cc = config
        cc.groupID = TestCluster.uniqueName("txn-g")
        cc["isolation.level"] = "read_committed"
        let consumer = try KafkaConsumer(config: cc)
        try consumer.subscribe([input])
        let inputs = try consumer.records(count: 10)
        try #require(inputs.count == 10)

        var pc = config
        pc["transactional.id"] = TestCluster.uniqueName("txn-id")
        let producer = try KafkaProducer(config: pc)
        try producer.initTransactions()

        // Transaction 1: first five inputs → committed.
        try producer.beginTransaction()
        for r in inputs[0..<5] {
            try producer.send(ProducerMessage(topic: output, partition: 0, key: nil, value: "out-\(r.offset)")) { _ in }
        }
        try producer.sendOffsetsToTransaction(
            [TopicPartitionOffset(input, 0, offset: 5)], groupMetadata: try consumer.groupMetadata())
        try producer.commitTransaction()

        // Transaction 2: the other five → aborted.
        try producer.beginTransaction()
        for r in inputs[5..<10] {
            try producer.send(ProducerMessage(topic: output, partition: 0, key: nil, value: "out-\(r.offset)")) { _ in }
        }
        try producer.sendOffsetsToTransaction(
            [TopicPartitionOffset(input, 0, offset: 10)], groupMetadata: try consumer.groupMetadata())
        try producer.flush(timeout: .seconds(10))  // the aborted records do reach the log
        try producer.abortTransaction()
        consumer.close()

        var committedReader = config
        committedReader["isolation.level"] = "read_committed"
        let rc = try KafkaConsumer(config: committedReader)
        try rc.assign([TopicPartitionOffset(output, 0, offset: KafkaOffset.beginning)])
        let visible = try rc.records(count: 5) + rc.records(for: .seconds(1))
        #expect(visible.map { String(decoding: $0.value!, as: UTF8.self) } == (0..<5).map { "out-\($0)" })

        var uncommittedReader = config
        uncommittedReader["isolation.level"] = "read_uncommitted"
        let ru = try KafkaConsumer(config: uncommittedReader)
        try ru.assign([TopicPartitionOffset(output, 0, offset: KafkaOffset.beginning)])
        let all = try ru.records(count: 10)
        #expect(all.count == 10, "read_uncommitted also sees the aborted records")

        // Only the committed transaction's offsets reached the group.
        let offsets = try admin.committedOffsets(group: cc.groupID!, partitions: [TopicPartition(input, 0)])
        #expect(offsets.first?.offset == 5)
    }

    @Test("a second producer with the same transactional.id fences the first")
    func fencing() throws {
        let config = try TestCluster.integrationConfig()
        let topic = TestCluster.uniqueName("fence")
        try KafkaAdmin(config: config).createTopics([.init(name: topic, partitions: 1)])
        var pc = config
        pc["transactional.id"] = TestCluster.uniqueName("fence-id")
        let first = try KafkaProducer(config: pc)
        try first.initTransactions()
        try first.beginTransaction()
        let second = try KafkaProducer(config: pc)
        try second.initTransactions()
        var failure: KafkaError?
        do throws(KafkaError) {
            try first.send(ProducerMessage(topic: topic, partition: 0, key: nil, value: "zombie")) { _ in }
            try first.commitTransaction(timeout: .seconds(10))
        } catch {
            failure = error
        }
        let error = try #require(failure, "the fenced producer cannot commit")
        #expect(error.isFatal || error.transactionRequiresAbort, "\(error)")
    }
}
