/// Kafka transactions (requires `transactional.id`): consume-transform-produce with exactly-once
/// visibility for `read_committed` readers.
///
/// Error handling follows librdkafka's contract: an error with `transactionRequiresAbort` means
/// "call `abortTransaction` and start over"; a fatal error means "recreate the producer" (e.g. it
/// was fenced by a newer instance with the same `transactional.id`); a retriable one means
/// "call the same function again".
extension KafkaProducer {
    /// Registers the transactional id with the coordinator and fences older instances.
    /// Call once, before the first `beginTransaction`.
    public func initTransactions(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.initTransactions(timeout: timeout)
    }

    public func beginTransaction() throws(KafkaError) {
        try client.beginTransaction()
    }

    /// Adds the consumer's positions (next offsets to read) to the current transaction, so they
    /// are committed if and only if the transaction's records are.
    public func sendOffsetsToTransaction(
        _ offsets: [TopicPartitionOffset], groupMetadata: ConsumerGroupMetadata, timeout: Duration = .seconds(30)
    ) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try client.sendOffsetsToTransaction(offsets, groupMetadata: groupMetadata, timeout: timeout)
    }

    /// Flushes and commits the current transaction.
    public func commitTransaction(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.commitTransaction(timeout: timeout)
    }

    /// Aborts the current transaction; its records are never shown to `read_committed` readers.
    public func abortTransaction(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.abortTransaction(timeout: timeout)
    }
}
