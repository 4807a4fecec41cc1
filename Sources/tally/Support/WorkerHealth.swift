import Pipeline
import Telemetry

/// The worker's state is what `/healthz` and `/readyz` report.
extension WorkerState: HealthCheck {}
