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
    let worker: Worker
    var config: WorkerConfiguration { worker.configuration }
    var logger: Logger { worker.logger }
    private var consumer: KafkaConsumer!
    private var producer: KafkaProducer!
    private var batch: [ConsumerRecord] = []

    init(worker: Worker) { self.worker = worker }

    func run() throws {
        producer = try KafkaProducer(config: worker.producerConfig(), logger: logger)
        try producer.initTransactions()
        consumer = try KafkaConsumer(
            config: worker.consumerConfig(), logger: logger,
            rebalanceHandler: { [unowned self] event in self.rebalance(event) },
            onStatistics: { [metrics = worker.metrics] in metrics.recordStatistics($0) })
        try consumer.subscribe([config.inputTopic])
        worker.state.set(.running)
        logger.info(
            "consuming exactly-once",
            metadata: ["topic": "\(config.inputTopic)", "transactional.id": "\(config.effectiveTransactionalID)"])

        while !worker.isStopRequested {
            try collect()
            if !batch.isEmpty { try commitBatch() }
        }
        worker.state.set(.draining)
        if !batch.isEmpty { try commitBatch() }
        consumer.close()
        producer.close(timeout: config.drainTimeout)
    }

    /// Polls until the batch is full, its time is up, or a stop is requested.
    private func collect() throws {
        var deadline: ContinuousClock.Instant?
        while batch.count < config.transactionMaxRecords, !worker.isStopRequested {
            if let d = deadline, ContinuousClock.now >= d { break }
            switch try consumer.poll(timeout: .milliseconds(50)) {
            case .record(let r):
                batch.append(r)
                if deadline == nil { deadline = ContinuousClock.now + config.transactionInterval }
            case .error(let e):
                if e.code == .unknownTopicOrPartition { throw WorkerError("input topic '\(config.inputTopic)' is gone: \(e.message)") }
                logger.warning("consumer error: \(e)")
            case .partitionEOF, nil:
                break
            }
        }
    }

    private func commitBatch() throws {
        let records = batch
        batch.removeAll(keepingCapacity: true)
        // Parse in parallel; outputs are produced in record order.
        let outcomes = OutcomeSlots(records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { i in
            let start = ContinuousClock.now
            let o = worker.processor.process(records[i])
            worker.metrics.recordParse(since: start)
            outcomes.set(i, o)
        }
        var attempt = 0
        while true {
            attempt += 1
            let error: KafkaError
            switch Result(catching: { () throws(KafkaError) in try transaction(records, outcomes.values) }) {
            case .success:
                worker.metrics.transactions.increment()
                outcomes.values.forEach(worker.metrics.recordOutcome)
                for r in records { worker.metrics.recordEndToEnd(recordTimestampMs: r.timestampMs) }
                return
            case .failure(let e):
                error = e
            }
            worker.metrics.transactionAborts.increment()
            if error.isFatal || producer.fatalError != nil {
                throw WorkerError(
                    "transaction failed fatally (another instance with transactional.id '\(config.effectiveTransactionalID)'?): \(error)")
            }
            logger.warning("transaction aborted; retrying the batch", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
            if case .failure(let abortError) = Result(catching: { () throws(KafkaError) in try producer.abortTransaction() }) {
                throw WorkerError("abort failed: \(abortError)")
            }
            if attempt >= 5 { throw WorkerError("transaction failed \(attempt) times: \(error)") }
        }
    }

    private func transaction(_ records: [ConsumerRecord], _ outcomes: [ArticleProcessor.Outcome]) throws(KafkaError) {
        try producer.beginTransaction()
        let failures = FailureBox()
        for (r, o) in zip(records, outcomes) {
            for m in worker.processor.messages(for: o, of: r) {
                try producer.send(m) { if case .failure(let e) = $0 { failures.set(e) } }
            }
        }
        var next: [TopicPartition: Int64] = [:]
        for r in records { next[r.topicPartition] = max(next[r.topicPartition] ?? 0, r.offset + 1) }
        try producer.sendOffsetsToTransaction(
            next.map { TopicPartitionOffset($0.key, offset: $0.value) }, groupMetadata: try consumer.groupMetadata())
        try producer.commitTransaction(timeout: config.drainTimeout)
        // commitTransaction flushed: a failed delivery would have failed the commit too.
        if let e = failures.value { throw e }
    }

    private func rebalance(_ event: RebalanceEvent) {
        worker.metrics.rebalances.increment()
        switch event {
        case .assigned(let tps):
            worker.state.setAssignment(tps)
        case .revoked(let tps, _):
            let set = Set(tps)
            batch.removeAll { set.contains($0.topicPartition) }
            worker.state.setAssignment([])
        }
    }
}

final class OutcomeSlots: @unchecked Sendable {
    private var slots: [ArticleProcessor.Outcome?]
    private let lock = NSLock()
    init(_ n: Int) { slots = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ o: ArticleProcessor.Outcome) { lock.withLock { slots[i] = o } }
    var values: [ArticleProcessor.Outcome] { lock.withLock { slots.map { $0! } } }
}

final class FailureBox: @unchecked Sendable {
    private var error: KafkaError?
    private let lock = NSLock()
    func set(_ e: KafkaError) { lock.withLock { if error == nil { error = e } } }
    var value: KafkaError? { lock.withLock { error } }
}
