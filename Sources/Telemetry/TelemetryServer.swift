import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// HTTP for operations only (Kafka is the only data transport): `/metrics` in Prometheus text
/// format, `/healthz` (liveness) and `/readyz` (readiness). A `Service`: run it in the same
/// `ServiceGroup` as the worker so SIGTERM stops both.
public struct TelemetryServer: Service {
    let host: String
    let port: Int
    let render: @Sendable () -> String
    let health: any HealthCheck
    let logger: Logger
    let onStart: @Sendable (Int) -> Void

    /// - Parameters:
    ///   - port: 0 picks a free port; `onStart` receives the bound one.
    ///   - render: the Prometheus exposition to serve (e.g. `MetricsRegistry.render`).
    public init(
        host: String = "0.0.0.0", port: Int, render: @escaping @Sendable () -> String, health: any HealthCheck,
        logger: Logger = Logger(label: "tally.http"), onStart: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.render = render
        self.health = health
        self.logger = logger
        self.onStart = onStart
    }

    public func run() async throws {
        let router = Router()
        let render = self.render
        let health = self.health
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: render())))
        }
        router.get("/healthz") { _, _ in
            Self.probe(health.isAlive, health.detail)
        }
        router.get("/readyz") { _, _ in
            Self.probe(health.isReady, health.detail)
        }
        let onStart = self.onStart
        let logger = self.logger
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tally"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                logger.info("telemetry listening", metadata: ["port": "\(bound)"])
                onStart(bound)
            },
            logger: logger)
        try await app.run()
    }

    static func probe(_ ok: Bool, _ detail: String) -> Response {
        Response(
            status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: (ok ? "ok: " : "not ok: ") + detail + "\n")))
    }
}
