internal import CRdKafka

/// The transaction calls of librdkafka (`KafkaProducer+Transactions` is built on these).
extension RdKafkaClient {
    func initTransactions(timeout: Duration) throws(KafkaError) {
        try check(rd_kafka_init_transactions(handle, timeout.milliseconds), "init transactions")
    }

    func beginTransaction() throws(KafkaError) {
        try check(rd_kafka_begin_transaction(handle), "begin transaction")
    }

    func sendOffsetsToTransaction(
        _ offsets: [TopicPartitionOffset], groupMetadata: ConsumerGroupMetadata, timeout: Duration
    ) throws(KafkaError) {
        let list = TopicPartitionList(offsets)
        try check(
            rd_kafka_send_offsets_to_transaction(handle, list.pointer, groupMetadata.pointer, timeout.milliseconds),
            "send offsets to transaction")
    }

    func commitTransaction(timeout: Duration) throws(KafkaError) {
        try check(rd_kafka_commit_transaction(handle, timeout.milliseconds), "commit transaction")
    }

    func abortTransaction(timeout: Duration) throws(KafkaError) {
        try check(rd_kafka_abort_transaction(handle, timeout.milliseconds), "abort transaction")
    }
}
