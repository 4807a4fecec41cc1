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
        abstract:
            "Consume raw articles, extract metrics, publish metric events (at-least-once; --exactly-once for transactions).",
        discussion: """
            Settings come from flags, then environment variables (TALLY_<KEY>, e.g. TALLY_GROUP_ID,
            TALLY_KAFKA_SECURITY_PROTOCOL), then a properties file (--config or TALLY_CONFIG), then defaults.
            Any librdkafka property passes through as kafka.<property> (file), TALLY_KAFKA_<PROPERTY>
            (environment) or --kafka-property key=value. SIGTERM/SIGINT drain, commit and exit 0.
            --print-config shows the effective settings and their sources; every key: docs/settings.md.

            Settings without a flag (environment or file only):
            """ + "\n"
                + SettingsTable.run.filter { $0.flag == nil }.map { "  \($0.key): \($0.helpLine)" }.joined(
                    separator: "\n"))

    // Thin declarations: names, help, environment, defaults and ranges are the rows of
    // `SettingsTable` (a test checks that these flags are exactly the table's).
    @Option(help: "Properties file with settings (key=value lines; env \(SettingsTable.configEnvironmentName)).")
    var config: String?

    @OptionGroup var kafka: KafkaOptions
    @Option(help: .setting("input-topic")) var inputTopic: String?
    @Option(help: .setting("output-topic")) var outputTopic: String?
    @Option(help: .setting("deadletter-topic")) var deadletterTopic: String?
    @Option(help: .setting("summary-topic")) var summaryTopic: String?
    @Option(help: .setting("group")) var group: String?
    @Option(help: .setting("group-instance-id")) var groupInstanceId: String?
    @Flag(help: .setting("exactly-once")) var exactlyOnce = false
    @Option(help: .setting("transactional-id")) var transactionalId: String?
    @Option(help: .setting("threads")) var threads: Int?
    @Option(help: .setting("max-in-flight")) var maxInFlight: Int?
    @Option(help: .setting("max-body-bytes")) var maxBodyBytes: Int?
    @Option(help: .setting("max-html-bytes")) var maxHtmlBytes: Int?
    @Option(help: .setting("deadletter-max-payload-bytes")) var deadletterMaxPayloadBytes: Int?
    @Option(help: .setting("commit-interval-ms")) var commitIntervalMs: Int?
    @Option(help: .setting("drain-timeout-ms")) var drainTimeoutMs: Int?
    @Option(help: .setting("http-port")) var httpPort: Int?
    @Option(help: .setting("http-host")) var httpHost: String?
    @Option(help: .setting("log-level")) var logLevel: String?
    @Option(help: .setting("log-format")) var logFormat: String?

    @Flag(
        name: .customLong("print-config"),
        help: "Print the effective settings with their sources (secrets redacted) and exit; connects to nothing.")
    var printConfig = false

    @Option(help: "--print-config output: text, json, or markdown (the table itself, as docs/settings.md).")
    var format: PrintFormat = .text

    enum PrintFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    /// The flags the user actually gave, as settings keys.
    func flagSettings() throws -> [String: String] {
        var f = try SettingFlags.given(in: self)
        f.merge(try kafka.flagSettings()) { a, _ in a }
        return f
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let settings: Settings
        let configuration: WorkerConfiguration
        do {
            let file =
                try (config ?? env["TALLY_CONFIG"]).map { path throws(SettingsError) in try Settings.loadFile(path) }
                ?? [:]
            settings = Settings.resolve(
                flags: try flagSettings(), environment: env, file: file, defaults: SettingsTable.defaults)
            configuration = try WorkerConfiguration(settings: settings)
        } catch let e as SettingsError {
            throw ValidationError(e.message)
        }
        if printConfig {
            let source: Settings.Source? =
                config != nil ? .flag : env[SettingsTable.configEnvironmentName] != nil ? .environment : nil
            let report = EffectiveSettings(
                settings: settings, configuration: configuration,
                configFile: config ?? env[SettingsTable.configEnvironmentName],
                configFileSource: source)
            switch format {
            case .text: print(report.text())
            case .json: print(report.json())
            case .markdown: print(SettingsTable.markdown(), terminator: "")
            }
            return
        }
        guard let level = Logger.Level(rawValue: configuration.logLevel) else {
            throw ValidationError(
                "log.level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let logFormat = LogSetup.Format(rawValue: configuration.logFormat) else {
            throw ValidationError("log.format must be text or json")
        }
        LogSetup.bootstrap(level: level, format: logFormat)
        let logger = Logger(label: "tally.run")
        for warning in configuration.warnings { logger.warning("\(warning)") }
        logger.info(
            "starting",
            metadata: [
                "version": "\(TallyVersion.string)", "input": "\(configuration.inputTopic)",
                "output": "\(configuration.outputTopic)",
                "group": "\(configuration.groupID)", "exactly_once": "\(configuration.exactlyOnce)",
                "kafka": "\(configuration.kafka)",
            ])

        let registry = MetricsRegistry()
        let worker = Worker(
            configuration: configuration, metrics: PipelineMetrics(factory: registry.factory),
            logger: Logger(label: "tally.worker"))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: worker, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if configuration.httpPort > 0 {
            let server = TelemetryServer(
                host: configuration.httpHost, port: configuration.httpPort, render: registry.render,
                health: worker.state,
                logger: Logger(label: "tally.http"))
            services.append(.init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [], logger: logger))
        ShutdownSignals.forward(to: group)
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
