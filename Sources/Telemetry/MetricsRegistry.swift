import CoreMetrics
import Prometheus

/// The Prometheus registry of one process part, and the swift-metrics factory writing into it.
///
/// Code that records metrics takes a `MetricsFactory` (swift-metrics' API) and never sees
/// Prometheus; the HTTP endpoint renders the registry. Passing the factory explicitly rather
/// than bootstrapping the global `MetricsSystem` lets several workers live in one test process.
public struct MetricsRegistry: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var f = PrometheusMetricsFactory(registry: registry)
        // Latency buckets from 1 ms to 2 min: parse times are sub-ms, end-to-end can be minutes under lag.
        f.defaultDurationHistogramBuckets = [
            .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120),
        ]
        factory = f
    }

    /// The Prometheus text exposition of everything registered.
    public func render() -> String { registry.emitToString() }
}
