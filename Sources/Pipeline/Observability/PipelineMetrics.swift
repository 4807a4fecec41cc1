import CoreMetrics
import Foundation
import Kafka

/// The worker's metrics, recorded through swift-metrics into whatever factory the process
/// exposes (Prometheus at `/metrics` in `tally run`; a no-op factory in unit tests).
public final class PipelineMetrics: Sendable {
    let factory: any MetricsFactory
    let articlesOK: Counter
    let articlesEmpty: Counter
    let metricsOut: Counter
    let deadLetters: [DeadLetterReason.ErrorClass: Counter]
    let parseTime: CoreMetrics.Timer
    let endToEnd: CoreMetrics.Timer
    let inFlight: Gauge
    let inFlightBytes: Gauge
    let paused: Gauge
    let pauses: Counter
    let commits: Counter
    let commitFailures: Counter
    let rebalances: Counter
    private let restartsOfConsumer: Counter
    private let restartsOfProducer: Counter
    let deliveryFailures: Counter
    let transactions: Counter
    let transactionAborts: Counter
    private let lagGauges = LagGauges()

    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
        articlesOK = Counter(label: "tally_articles_total", dimensions: [("outcome", "metrics")], factory: factory)
        articlesEmpty = Counter(
            label: "tally_articles_total", dimensions: [("outcome", "no_metrics")], factory: factory)
        metricsOut = Counter(label: "tally_metrics_total", factory: factory)
        deadLetters = Dictionary(
            uniqueKeysWithValues: DeadLetterReason.ErrorClass.allCases.map {
                ($0, Counter(label: "tally_dead_letters_total", dimensions: [("class", $0.rawValue)], factory: factory))
            })
        parseTime = CoreMetrics.Timer(label: "tally_parse_duration_seconds", factory: factory)
        endToEnd = CoreMetrics.Timer(label: "tally_end_to_end_latency_seconds", factory: factory)
        inFlight = Gauge(label: "tally_in_flight_records", factory: factory)
        inFlightBytes = Gauge(label: "tally_in_flight_bytes", factory: factory)
        paused = Gauge(label: "tally_consumer_paused", factory: factory)
        pauses = Counter(label: "tally_consumer_pauses_total", factory: factory)
        commits = Counter(label: "tally_commits_total", factory: factory)
        commitFailures = Counter(label: "tally_commit_failures_total", factory: factory)
        rebalances = Counter(label: "tally_rebalances_total", factory: factory)
        restartsOfConsumer = Counter(
            label: "tally_client_restarts_total", dimensions: [("stranded", "consumer")], factory: factory)
        restartsOfProducer = Counter(
            label: "tally_client_restarts_total", dimensions: [("stranded", "producer")], factory: factory)
        deliveryFailures = Counter(label: "tally_delivery_failures_total", factory: factory)
        transactions = Counter(
            label: "tally_transactions_total", dimensions: [("outcome", "committed")], factory: factory)
        transactionAborts = Counter(
            label: "tally_transactions_total", dimensions: [("outcome", "aborted")], factory: factory)
    }

    func recordOutcome(_ outcome: ArticleProcessor.Outcome) {
        switch outcome {
        case .metrics(_, let events):
            if events.isEmpty { articlesEmpty.increment() } else { articlesOK.increment() }
            metricsOut.increment(by: events.count)
        case .deadLetter(let dl):
            deadLetters[dl.reason.errorClass]?.increment()
        }
    }

    /// New Kafka clients because this one had a partition stranded on a non-leader.
    func clientRestarts(_ stranded: ClientRestart.Client) -> Counter {
        stranded == .consumer ? restartsOfConsumer : restartsOfProducer
    }

    func recordParse(since start: ContinuousClock.Instant) {
        parseTime.recordNanoseconds((ContinuousClock.now - start).wholeNanoseconds)
    }

    /// Record timestamp → all outputs acknowledged.
    func recordEndToEnd(recordTimestampMs: Int64?) {
        guard let ts = recordTimestampMs else { return }
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
        endToEnd.recordMilliseconds(max(0, nowMs - ts))
    }

    /// Per-partition consumer lag from librdkafka statistics (high watermark − committed).
    func recordStatistics(_ stats: KafkaStatistics) {
        lagGauges.update(stats.partitions, factory: factory)
    }
}

/// One lag gauge per partition, created on first sight, dropped when the partition goes away.
final class LagGauges: @unchecked Sendable {
    private let lock = NSLock()
    private var gauges: [TopicPartition: Gauge] = [:]

    func update(_ partitions: [KafkaStatistics.Partition], factory: any MetricsFactory) {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<TopicPartition>()
        for p in partitions where p.consumerLag >= 0 {
            seen.insert(p.topicPartition)
            let g =
                gauges[p.topicPartition]
                ?? Gauge(
                    label: "tally_consumer_lag_records",
                    dimensions: [("topic", p.topicPartition.topic), ("partition", String(p.topicPartition.partition))],
                    factory: factory)
            gauges[p.topicPartition] = g
            g.record(p.consumerLag)
        }
        for (tp, g) in gauges where !seen.contains(tp) {
            g.destroy()
            gauges[tp] = nil
        }
    }
}
