import Foundation
import Kafka
import Logging

/// `--exactly-once`: consume-transform-produce in Kafka transactions.
///
/// Records are taken in batches (up to `transactionMaxRecords` or `transactionInterval`); a
/// batch's outputs and its input offsets are committed in one transaction, so a `read_committed`
/// reader sees each article's metrics exactly once even across crashes. A failed transaction is
/// aborted and the same batch retried in a new one (its offsets were never committed); a fatal
/// error (e.g. fenced by a newer instance with the same transactional id) stops the worker.
///
/// The consumer is polled only between transactions, so a rebalance never happens while one is
/// open; records of revoked partitions still waiting in the batch are simply dropped (their
/// offsets were not committed; the new owner reads them).
final class TransactionalLoop: @unchecked Sendable {
    /// What this loop reads of the worker's configuration.
    struct Settings: Sendable {
        var inputTopic: String
        var transactionalID: String
        var transactionMaxRecords: Int
        var transactionInterval: Duration
        var drainTimeout: Duration
    }

    let settings: Settings
    let io: LoopCollaborators
    private var batch: [ConsumerRecord] = []

    init(settings: Settings, _ io: LoopCollaborators) {
        self.settings = settings
        self.io = io
        io.rebalances.handle { [weak self] event in self?.rebalance(event) }
    }

    func run() throws {
        try io.producer.initTransactions()
        try io.consumer.subscribe([settings.inputTopic])
        io.state.set(.running)
        io.logger.info(
            "consuming exactly-once",
            metadata: ["topic": "\(settings.inputTopic)", "transactional.id": "\(settings.transactionalID)"])

        while !io.isStopRequested() {
            try collect()
            if !batch.isEmpty { try commitBatch() }
        }
        io.state.set(.draining)
        if !batch.isEmpty { try commitBatch() }
        io.consumer.close()
        io.producer.close(timeout: settings.drainTimeout)
    }

    /// Polls until the batch is full, its time is up, or a stop is requested.
    private func collect() throws {
        var deadline: ContinuousClock.Instant?
        while batch.count < settings.transactionMaxRecords, !io.isStopRequested() {
            if let d = deadline, ContinuousClock.now >= d { break }
            switch try io.consumer.poll(timeout: .milliseconds(50)) {
            case .record(let r):
                batch.append(r)
                if deadline == nil { deadline = ContinuousClock.now + settings.transactionInterval }
            case .error(let e):
                if e.code == .unknownTopicOrPartition {
                    throw WorkerError("input topic '\(settings.inputTopic)' is gone: \(e.message)")
                }
                io.logger.warning("consumer error: \(e)")
            case .partitionEOF, nil:
                break
            }
        }
    }

    private func commitBatch() throws {
        let records = batch
        batch.removeAll(keepingCapacity: true)
        // Parse in parallel; outputs are produced in record order.
        let outputs = OutputSlots(records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { i in outputs.set(i, io.step.evaluate(records[i])) }
        var attempt = 0
        while true {
            attempt += 1
            let error: KafkaError
            switch Result(catching: { () throws(KafkaError) in try transaction(records, outputs.values) }) {
            case .success:
                io.metrics.transactions.increment()
                outputs.values.forEach(io.step.count)
                for r in records { io.metrics.recordEndToEnd(recordTimestampMs: r.timestampMs) }
                return
            case .failure(let e):
                error = e
            }
            io.metrics.transactionAborts.increment()
            if error.isFatal || io.producer.fatalError != nil {
                throw WorkerError(
                    "transaction failed fatally (another instance with transactional.id '\(settings.transactionalID)'?): \(error)"
                )
            }
            io.logger.warning(
                "transaction aborted; retrying the batch", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
            if case .failure(let abortError) = Result(catching: { () throws(KafkaError) in
                try io.producer.abortTransaction()
            }) {
                throw WorkerError("abort failed: \(abortError)")
            }
            if io.isStopRequested() {
                // Stopping (or new clients, a partition stranded): the batch's offsets were never
                // committed, so the next consumer of these partitions reads it again.
                io.logger.warning("stopping: the aborted batch is left to the next consumer")
                return
            }
            if attempt >= 5 { throw WorkerError("transaction failed \(attempt) times: \(error)") }
        }
    }

    private func transaction(_ records: [ConsumerRecord], _ outputs: [RecordStep.Output]) throws(KafkaError) {
        try io.producer.beginTransaction()
        let failures = FailureBox()
        for (record, output) in zip(records, outputs) {
            // No tracker: the transaction's commit is the acknowledgement.
            try io.step.produce(output, of: record, to: io.producer, tracker: nil) {
                if let e = $0.failure { failures.set(e) }
            }
        }
        var next: [TopicPartition: Int64] = [:]
        for r in records { next[r.topicPartition] = max(next[r.topicPartition] ?? 0, r.offset + 1) }
        try io.producer.sendOffsetsToTransaction(
            next.map { TopicPartitionOffset($0.key, offset: $0.value) }, groupMetadata: try io.consumer.groupMetadata())
        try io.producer.commitTransaction(timeout: settings.drainTimeout)
        // commitTransaction flushed: a failed delivery would have failed the commit too.
        if let e = failures.value { throw e }
    }

    private func rebalance(_ event: RebalanceEvent) {
        io.metrics.rebalances.increment()
        switch event {
        case .assigned(let tps):
            io.state.setAssignment(tps)
        case .revoked(let tps, _):
            let set = Set(tps)
            batch.removeAll { set.contains($0.topicPartition) }
            io.state.setAssignment([])
        }
    }
}

final class OutputSlots: @unchecked Sendable {
    private var slots: [RecordStep.Output?]
    private let lock = NSLock()
    init(_ n: Int) { slots = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ o: RecordStep.Output) { lock.withLock { slots[i] = o } }
    var values: [RecordStep.Output] { lock.withLock { slots.map { $0! } } }
}

final class FailureBox: @unchecked Sendable {
    private var error: KafkaError?
    private let lock = NSLock()
    func set(_ e: KafkaError) { lock.withLock { if error == nil { error = e } } }
    var value: KafkaError? { lock.withLock { error } }
}
