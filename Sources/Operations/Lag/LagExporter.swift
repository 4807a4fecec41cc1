import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Telemetry

/// The lag exporter (`tally lag --serve`): evaluates the selected groups every `interval` and
/// serves the latest numbers as Prometheus text — for KEDA's Prometheus scaler and alerts.
///
/// A `Service`: run it in a `ServiceGroup` next to a `TelemetryServer` whose `render` is this
/// exporter's `render` and whose health check is this exporter (ready after the first
/// successful evaluation). Scrapes never trigger Kafka requests: they render the last
/// evaluation, so a scrape storm cannot load the cluster and every scrape is fast.
///
/// When an evaluation fails as a whole (listing groups), the previous numbers stay served and
/// `tally_lag_evaluation_success` drops to 0 — alert on that, or on the age of
/// `tally_lag_evaluation_last_success_timestamp_seconds`.
public final class LagExporter: Service, HealthCheck, Sendable {
    public let monitor: LagMonitor
    public let selection: GroupSelection
    public let interval: Duration
    /// Whether `/metrics` carries the per-partition series (see `LagPrometheusText.render`).
    public let partitionSeries: Bool
    private let logger: Logger
    private let state = Mutex<State>(State())

    struct State {
        var reports: [GroupLag] = []
        var info = LagPrometheusText.EvaluationInfo(lastSuccess: nil, lastSucceeded: false, lastDuration: nil)
        var lastError: String?
        var evaluations = 0
    }

    public init(
        monitor: LagMonitor, selection: GroupSelection, interval: Duration, partitionSeries: Bool = true,
        logger: Logger = StderrLogger.make("tally.lag.exporter")
    ) {
        self.monitor = monitor
        self.partitionSeries = partitionSeries
        self.selection = selection
        self.interval = interval
        self.logger = logger
    }

    /// Evaluates once (off the cooperative pool) and publishes the result for `render`.
    /// - Parameter sampleTime: see `LagMonitor.evaluate`.
    @discardableResult
    public func evaluateOnce(sampleTime: Date? = nil) async -> [GroupLag] {
        let monitor = self.monitor
        let selection = self.selection
        let start = ContinuousClock.now
        do {
            let reports = try await runBlocking { try monitor.evaluate(selection, sampleTime: sampleTime) }
            let elapsed = ContinuousClock.now - start
            state.withLock {
                $0.reports = reports
                $0.info = .init(lastSuccess: Date(), lastSucceeded: true, lastDuration: elapsed)
                $0.lastError = nil
                $0.evaluations += 1
            }
            for g in reports where g.error != nil {
                logger.warning(
                    "group could not be evaluated", metadata: ["group": "\(g.group)", "error": "\(g.error!)"])
            }
            return reports
        } catch {
            let elapsed = ContinuousClock.now - start
            logger.error("lag evaluation failed: \(error)")
            return state.withLock {
                $0.info.lastSucceeded = false
                $0.info.lastDuration = elapsed
                $0.lastError = "\(error)"
                $0.evaluations += 1
                return $0.reports
            }
        }
    }

    /// The reports of the last successful evaluation.
    public var latest: [GroupLag] { state.withLock { $0.reports } }

    /// The Prometheus text of the last evaluation.
    @Sendable public func render() -> String {
        let (reports, info) = state.withLock { ($0.reports, $0.info) }
        return LagPrometheusText.render(reports, info: info, partitionSeries: partitionSeries)
    }

    /// Evaluates every `interval` until cancelled or asked to shut down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let started = ContinuousClock.now
                await self.evaluateOnce()
                // Keep a steady cadence: the evaluator's window assumes evenly spaced samples.
                let next = started + self.interval
                do { try await Task.sleep(until: max(next, ContinuousClock.now), clock: .continuous) } catch { return }
            }
        }
    }

    // MARK: HealthCheck

    public var isAlive: Bool { true }
    public var isReady: Bool { state.withLock { $0.info.lastSuccess != nil } }
    public var detail: String {
        state.withLock { s in
            if let e = s.lastError { return "last evaluation failed: \(e)" }
            guard let t = s.info.lastSuccess else { return "no evaluation yet" }
            return "\(s.reports.count) group(s), last evaluated \(Timestamps.format(t))"
        }
    }
}
