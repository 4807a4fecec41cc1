import Foundation
import Kafka
import Logging
import Pipeline

/// `tally deadletter show` and `redrive`: reads the dead-letter topic, reports, and sends the
/// originals of chosen dead letters back to the raw topic once their cause is fixed.
///
/// Contract:
/// - A dead letter is never redriven twice: every redriven one is recorded in a ledger topic
///   (compacted; key: the dead letter's `topic/partition/offset`), and the republished record
///   and its ledger entry are written in ONE Kafka transaction — both or neither become visible,
///   so a crash mid-redrive cannot republish without recording or record without republishing.
///   A later redrive of the same selection reads the ledger first and writes nothing for them.
/// - The republished record is the original: same key, same value, and headers carrying the
///   lineage (`tally.redrive.of` = the dead letter, `tally.original.topic/partition/offset`).
/// - Dry run by default (`execute: false`): the plan is computed, nothing is written.
/// - Dead letters whose payload was truncated, or that had no value, are listed as not
///   redrivable with the reason, never half-sent.
public struct DeadLetterRedriver: Sendable {
    public struct Options: Sendable, Hashable {
        public var deadLetterTopic: String
        /// Where originals go back to (default: the original topic of each dead letter).
        public var targetTopic: String?
        /// The ledger; default `<deadLetterTopic>.redriven`.
        public var ledgerTopic: String?
        public var execute: Bool
        /// Records per second at most; nil: unthrottled.
        public var maxRate: Double?
        /// Dead letters per transaction.
        public var batchSize: Int
        public var scanTimeout: Duration

        public init(
            deadLetterTopic: String = DefaultTopics.deadLetter, targetTopic: String? = nil, ledgerTopic: String? = nil,
            execute: Bool = false, maxRate: Double? = nil, batchSize: Int = 100, scanTimeout: Duration = .seconds(120)
        ) {
            self.deadLetterTopic = deadLetterTopic
            self.targetTopic = targetTopic
            self.ledgerTopic = ledgerTopic
            self.execute = execute
            self.maxRate = maxRate
            self.batchSize = batchSize
            self.scanTimeout = scanTimeout
        }

        public var effectiveLedgerTopic: String { ledgerTopic ?? deadLetterTopic + ".redriven" }
    }

    public struct Result: Sendable, Encodable {
        public var dryRun: Bool
        public var selected: Int
        public var alreadyRedriven: Int
        /// Sent back now (or, in a dry run, that would be).
        public var redriven: Int
        /// Not redrivable, with why: `topic/partition/offset: reason`.
        public var skipped: [String]
        public var ledgerTopic: String
    }

    public let config: KafkaConfig
    public let options: Options
    private let logger: Logger

    public init(config: KafkaConfig, options: Options, logger: Logger = StderrLogger.make("tally.deadletter")) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    // MARK: Show

    public func report(_ selection: DeadLetterSelection, samplesPerGroup: Int = 3) throws(OperationsError)
        -> DeadLetterReport
    {
        let redriven = try ledger()
        var report = DeadLetterReport(topic: options.deadLetterTopic, samplesPerGroup: samplesPerGroup)
        try scan(selection) { (item: Swift.Result<StoredDeadLetter, StoredDeadLetter.DecodeFailure>) in
            report.scanned += 1
            switch item {
            case .success(let d): if selection.matches(d) { report.add(d, redriven: redriven.contains(d.id)) }
            case .failure: report.unreadable += 1
            }
        }
        return report
    }

    // MARK: Redrive

    public func redrive(_ selection: DeadLetterSelection) throws(OperationsError) -> Result {
        let ledgerTopic = options.effectiveLedgerTopic
        if options.execute { try ensureLedger() }
        let done = try ledger()
        var todo: [StoredDeadLetter] = []
        var result = Result(
            dryRun: !options.execute, selected: 0, alreadyRedriven: 0, redriven: 0, skipped: [],
            ledgerTopic: ledgerTopic)
        try scan(selection) { (item: Swift.Result<StoredDeadLetter, StoredDeadLetter.DecodeFailure>) in
            guard case .success(let d) = item, selection.matches(d) else { return }
            result.selected += 1
            if done.contains(d.id) {
                result.alreadyRedriven += 1
            } else if let why = d.unredrivableReason {
                result.skipped.append("\(d.id): \(why)")
            } else {
                todo.append(d)
            }
        }
        // In a dry run, how many would be sent.
        if options.execute, !todo.isEmpty { try send(todo) }
        result.redriven = todo.count
        return result
    }

    /// The ids the ledger lists (empty when the ledger topic does not exist yet).
    func ledger() throws(OperationsError) -> Set<String> {
        var ids = Set<String>()
        do {
            try TopicScan(config: config, timeout: options.scanTimeout).read(options.effectiveLedgerTopic) {
                r throws(OperationsError) in
                if let k = r.keyString { ids.insert(k) }
            }
        } catch .notFound {
            return []
        }
        return ids
    }

    private func scan(
        _ selection: DeadLetterSelection,
        _ body: (Swift.Result<StoredDeadLetter, StoredDeadLetter.DecodeFailure>) throws(OperationsError) -> Void
    ) throws(OperationsError) {
        // Starting at --from skips the older part of the topic (dead-letter timestamps are write times).
        try TopicScan(config: config, timeout: options.scanTimeout).read(
            options.deadLetterTopic, fromMs: selection.fromMs
        ) {
            r throws(OperationsError) in try body(StoredDeadLetter.decode(r))
        }
    }

    private func ensureLedger() throws(OperationsError) {
        let admin = try OperationsError.step("open an admin client") { try KafkaAdmin(config: config) }
        let partitions = try GroupReader(admin: admin, timeout: .seconds(10)).partitions(of: options.deadLetterTopic)
            .count
        try OperationsError.step("create the redrive ledger \(options.effectiveLedgerTopic)") {
            try admin.createTopics(
                [
                    .init(
                        name: options.effectiveLedgerTopic, partitions: Int32(max(1, partitions)),
                        configs: ["cleanup.policy": "compact"])
                ],
                ifNotExists: true)
        }
    }

    /// Republishes `letters` with their ledger entries, `batchSize` per transaction, paced by `maxRate`.
    private func send(_ letters: [StoredDeadLetter]) throws(OperationsError) {
        var c = config
        c["transactional.id"] = "tally-redrive-\(options.deadLetterTopic)"
        let producer = try OperationsError.step("open a transactional producer") { try KafkaProducer(config: c) }
        defer { producer.close() }
        try OperationsError.step("init transactions") { try producer.initTransactions() }
        var limiter = try options.maxRate.map { r throws(OperationsError) in
            try RateLimiter(rate: r, clock: ContinuousClock())
        }
        let stamp = Timestamps.format(Date())
        for batch in stride(from: 0, to: letters.count, by: options.batchSize).map({
            Array(letters[$0..<min($0 + options.batchSize, letters.count)])
        }) {
            try OperationsError.step("redrive a batch of \(batch.count)") {
                try producer.beginTransaction()
                do {
                    for d in batch {
                        if let delay = limiter?.reserveDelay(), delay > .zero {
                            Thread.sleep(forTimeInterval: delay.inSeconds)
                        }
                        try producer.send(message(for: d)) { _ in }
                        try producer.send(ledgerEntry(for: d, at: stamp)) { _ in }
                    }
                    try producer.commitTransaction()
                } catch {
                    try? producer.abortTransaction()
                    throw error
                }
            }
            logger.info("redrove \(batch.count) dead letter(s)", metadata: ["last": "\(batch.last!.id)"])
        }
    }

    func message(for d: StoredDeadLetter) -> ProducerMessage {
        ProducerMessage(
            topic: options.targetTopic ?? d.original.topic, key: d.originalKey, value: d.payload,
            headers: [
                KafkaHeader(key: "tally.redrive.of", string: d.id),
                KafkaHeader(key: "tally.original.topic", string: d.original.topic),
                KafkaHeader(key: "tally.original.partition", string: String(d.original.partition)),
                KafkaHeader(key: "tally.original.offset", string: String(d.original.offset)),
            ])
    }

    func ledgerEntry(for d: StoredDeadLetter, at stamp: String) -> ProducerMessage {
        let entry = [
            "redriven_at": stamp, "to_topic": options.targetTopic ?? d.original.topic, "error_class": d.errorClass,
        ]
        let value = (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])).map { Array($0) }
        return ProducerMessage(topic: options.effectiveLedgerTopic, key: Array(d.id.utf8), value: value)
    }
}
