/// What `/healthz` and `/readyz` report.
///
/// Liveness ("the process is not wedged") and readiness ("it is doing its job": for the worker,
/// assigned partitions and consuming) are separate so that Kubernetes restarts a broken worker
/// but only stops routing to — or counting — a worker that is merely rebalancing.
public protocol HealthCheck: Sendable {
    var isAlive: Bool { get }
    var isReady: Bool { get }
    /// One line for humans, shown in the response body.
    var detail: String { get }
}

/// A health check that is always alive and ready (for processes with nothing to wait for).
public struct AlwaysHealthy: HealthCheck {
    public init() {}
    public var isAlive: Bool { true }
    public var isReady: Bool { true }
    public var detail: String { "ok" }
}
