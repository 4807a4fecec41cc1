import Kafka
import Logging

/// One record through the pipeline: record → outcome → messages → produce → acknowledge.
///
/// The one piece of code the at-least-once loop, the transactional loop and `tally replay` run
/// for each record, so all three time the parse, count outcomes, log dead letters, key and
/// produce outputs, and acknowledge them the same way.
///
/// - Important: `produce` may be called from any thread; its reports run on the producer's
///   delivery thread (or on the calling thread, when an output cannot even be enqueued).
public struct RecordStep: Sendable {
    /// What one record became, before anything is produced.
    public struct Output: Sendable {
        /// Nil only for a pass-through `transform` (benchmarks), which has no outcome.
        public var outcome: ArticleProcessor.Outcome?
        public var messages: [ProducerMessage]

        public var isDeadLetter: Bool {
            if case .deadLetter = outcome { true } else { false }
        }
    }

    /// What happened to one output of a record.
    public enum Report: Sendable {
        /// The broker acknowledged `message`; `last` when it was the record's last output.
        case delivered(ProducerMessage, last: Bool)
        /// `message` could not be delivered (after librdkafka's retries).
        case lost(ProducerMessage, KafkaError)
        /// `message` could not even be enqueued; `unsent` counts it and the record's outputs after it.
        case notEnqueued(ProducerMessage, KafkaError, unsent: Int)

        /// The error of a lost output, nil for a delivered one.
        public var failure: KafkaError? {
            switch self {
            case .delivered: nil
            case .lost(_, let e), .notEnqueued(_, let e, _): e
            }
        }
    }

    public let processor: ArticleProcessor
    let metrics: PipelineMetrics
    let logger: Logger
    /// Replaces parsing (benchmarks: a pass-through baseline that consumes and produces exactly
    /// like the worker, without the parser).
    let transform: (@Sendable (ConsumerRecord) -> [ProducerMessage])?

    public init(
        processor: ArticleProcessor, metrics: PipelineMetrics = PipelineMetrics(), logger: Logger,
        transform: (@Sendable (ConsumerRecord) -> [ProducerMessage])? = nil
    ) {
        self.processor = processor
        self.metrics = metrics
        self.logger = logger
        self.transform = transform
    }

    /// record → outcome → messages, timing the parse and logging a dead letter. The outcome is
    /// counted (`count`) by the caller once it is final: at once at-least-once, after the commit
    /// in a transaction.
    public func evaluate(_ record: ConsumerRecord) -> Output {
        if let transform { return Output(outcome: nil, messages: transform(record)) }
        let start = ContinuousClock.now
        let outcome = processor.process(record)
        metrics.recordParse(since: start)
        if case .deadLetter(let dl) = outcome {
            logger.warning(
                "dead letter",
                metadata: ["reason": "\(dl.reason)", "record": "\(record.topicPartition)@\(record.offset)"])
        }
        return Output(outcome: outcome, messages: processor.messages(for: outcome, of: record))
    }

    /// Counts a final outcome in the worker's metrics.
    public func count(_ output: Output) {
        if let outcome = output.outcome { metrics.recordOutcome(outcome) }
    }

    /// produce → acknowledge: sends the record's outputs in order. With a `tracker`, the record's
    /// output count is registered first, each delivered output is acknowledged, a lost one fails
    /// the record, and the end-to-end latency is recorded once all are acknowledged (at once when
    /// there are none).
    ///
    /// Throws when an output cannot be enqueued (it was reported as `notEnqueued` first); the outputs
    /// after it are not sent.
    public func produce(
        _ output: Output, of record: ConsumerRecord, to producer: KafkaProducer, tracker: OffsetTracker?,
        report: @escaping @Sendable (Report) -> Void = { _ in }
    ) throws(KafkaError) {
        let tp = record.topicPartition
        let offset = record.offset
        let messages = output.messages
        tracker?.expect(tp, offset: offset, outputs: messages.count)
        if messages.isEmpty {
            if tracker != nil { metrics.recordEndToEnd(recordTimestampMs: record.timestampMs) }
            return
        }
        let remaining = Countdown(messages.count)
        for (i, m) in messages.enumerated() {
            do throws(KafkaError) {
                try producer.send(m) { [metrics] result in
                    switch result {
                    case .success:
                        tracker?.acknowledge(tp, offset: offset)
                        let last = remaining.tick()
                        if last, tracker != nil { metrics.recordEndToEnd(recordTimestampMs: record.timestampMs) }
                        report(.delivered(m, last: last))
                    case .failure(let e):
                        tracker?.fail(tp, offset: offset)
                        report(.lost(m, e))
                    }
                }
            } catch {
                tracker?.fail(tp, offset: offset)
                report(.notEnqueued(m, error, unsent: messages.count - i))
                throw error
            }
        }
    }
}
