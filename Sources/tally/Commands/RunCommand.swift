import ArgumentParser
import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Telemetry

/// `tally run`: the streaming worker.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Consume raw articles, extract metrics, publish metric events (at-least-once; --exactly-once for transactions).",
        discussion: """
            Settings come from flags, then environment variables (TALLY_<KEY>, e.g. TALLY_GROUP_ID,
            TALLY_KAFKA_SECURITY_PROTOCOL), then a properties file (--config or TALLY_CONFIG), then defaults.
            Any librdkafka property passes through as kafka.<property> (file), TALLY_KAFKA_<PROPERTY>
            (environment) or --kafka-property key=value. SIGTERM/SIGINT drain, commit and exit 0.
            """)

    @Option(help: "Properties file with settings (key=value lines; env TALLY_CONFIG).")
    var config: String?

    @Option(help: "Kafka bootstrap servers (setting brokers; default 127.0.0.1:9092).")
    var brokers: String?

    @Option(name: .customLong("input-topic"), help: "Raw article topic (setting input.topic; default articles.raw).")
    var inputTopic: String?

    @Option(name: .customLong("output-topic"), help: "Metric event topic (setting output.topic; default metrics.normalized).")
    var outputTopic: String?

    @Option(name: .customLong("deadletter-topic"), help: "Dead-letter topic (setting deadletter.topic; default articles.deadletter).")
    var deadLetterTopic: String?

    @Option(
        name: .customLong("summary-topic"),
        help: "Compacted topic for one article summary per processed article (setting summary.topic; default: none).")
    var summaryTopic: String?

    @Option(help: "Consumer group (setting group.id; default tally-workers).")
    var group: String?

    @Option(
        name: .customLong("group-instance-id"),
        help: "Static membership: a stable per-instance name (e.g. the pod name) so a restart takes its partitions back at once (setting group.instance.id).")
    var groupInstanceID: String?

    @Flag(name: .customLong("exactly-once"), help: "Consume-transform-produce in Kafka transactions (setting exactly.once).")
    var exactlyOnce = false

    @Option(name: .customLong("transactional-id"), help: "Transactional id with --exactly-once (default tally-<group>-<hostname>).")
    var transactionalID: String?

    @Option(help: "Parallel parsing queues (setting worker.threads; default: cores).")
    var threads: Int?

    @Option(name: .customLong("max-in-flight"), help: "Records in flight before the consumer pauses (setting max.in.flight; default 2000).")
    var maxInFlight: Int?

    @Option(name: .customLong("max-body-bytes"), help: "Larger article bodies go to the dead-letter topic (setting max.body.bytes; default 2 MiB).")
    var maxBodyBytes: Int?

    @Option(name: .customLong("commit-interval-ms"), help: "How often finished offsets are committed (setting commit.interval.ms; default 1000).")
    var commitIntervalMs: Int?

    @Option(name: .customLong("drain-timeout-ms"), help: "Shutdown/rebalance drain bound (setting drain.timeout.ms; default 30000).")
    var drainTimeoutMs: Int?

    @Option(name: .customLong("http-port"), help: "Port for /metrics, /healthz, /readyz; 0 disables (setting http.port; default 9464).")
    var httpPort: Int?

    @Option(name: .customLong("http-host"), help: "Address for the HTTP endpoint (setting http.host; default 0.0.0.0).")
    var httpHost: String?

    @Option(
        name: .customLong("kafka-property"),
        help: ArgumentHelp("Any librdkafka property, key=value; repeatable.", valueName: "key=value"))
    var kafkaProperties: [String] = []

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical (setting log.level; default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text or json (setting log.format; default text).")
    var logFormat: String?

    /// The flags the user actually gave, as settings keys.
    func flagSettings() throws -> [String: String] {
        var f: [String: String] = [:]
        f["brokers"] = brokers
        f["input.topic"] = inputTopic
        f["output.topic"] = outputTopic
        f["deadletter.topic"] = deadLetterTopic
        f["summary.topic"] = summaryTopic
        f["group.id"] = group
        f["group.instance.id"] = groupInstanceID
        if exactlyOnce { f["exactly.once"] = "true" }
        f["transactional.id"] = transactionalID
        f["worker.threads"] = threads.map(String.init)
        f["max.in.flight"] = maxInFlight.map(String.init)
        f["max.body.bytes"] = maxBodyBytes.map(String.init)
        f["commit.interval.ms"] = commitIntervalMs.map(String.init)
        f["drain.timeout.ms"] = drainTimeoutMs.map(String.init)
        f["http.port"] = httpPort.map(String.init)
        f["http.host"] = httpHost
        f["log.level"] = logLevel
        f["log.format"] = logFormat
        for pair in kafkaProperties {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("--kafka-property expects key=value, got '\(pair)'")
            }
            f["kafka." + pair[..<eq]] = String(pair[pair.index(after: eq)...])
        }
        return f
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let settings: Settings
        let configuration: WorkerConfiguration
        do {
            let file = try (config ?? env["TALLY_CONFIG"]).map { path throws(SettingsError) in try Settings.loadFile(path) } ?? [:]
            settings = Settings.resolve(flags: try flagSettings(), environment: env, file: file)
            configuration = try WorkerConfiguration(settings: settings)
        } catch let e as SettingsError {
            throw ValidationError(e.message)
        }
        guard let level = Logger.Level(rawValue: settings["log.level"] ?? "info") else {
            throw ValidationError("log.level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let format = LogSetup.Format(rawValue: settings["log.format"] ?? "text") else {
            throw ValidationError("log.format must be text or json")
        }
        LogSetup.bootstrap(level: level, format: format)
        let logger = Logger(label: "tally.run")
        for warning in configuration.warnings { logger.warning("\(warning)") }
        logger.info(
            "starting",
            metadata: [
                "version": "\(TallyVersion.string)", "input": "\(configuration.inputTopic)", "output": "\(configuration.outputTopic)",
                "group": "\(configuration.groupID)", "exactly_once": "\(configuration.exactlyOnce)",
                "kafka": "\(configuration.kafka)",
            ])

        let registry = MetricsRegistry()
        let worker = Worker(configuration: configuration, metrics: PipelineMetrics(factory: registry.factory), logger: Logger(label: "tally.worker"))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if configuration.httpPort > 0 {
            let server = TelemetryServer(
                host: configuration.httpHost, port: configuration.httpPort, render: registry.render, health: worker.state,
                logger: Logger(label: "tally.http"))
            services.append(.init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.error("stopped on error: \(error)")
            throw ExitCode(1)
        }
        if let failure = worker.state.failure {
            logger.error("worker failed: \(failure)")
            throw ExitCode(1)
        }
    }
}
