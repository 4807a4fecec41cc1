import ArgumentParser
import Foundation
import Kafka
import Logging
import Operations
import ServiceLifecycle
import Telemetry

/// `tally lag`: consumer-group lag (offsets and time), Burrow-style status, and a Prometheus
/// exporter (`--serve`). See docs/lag.md.
struct LagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Show consumer-group lag (offset and time), its status, or serve it to Prometheus.",
        discussion: """
            Examples:
              tally lag --group workers
              tally lag --group workers --topic articles --watch --interval 5s
              tally lag --group workers --format json
              tally lag --serve :9102 --all-groups --interval 10s
            Status (OK, WARN, REWIND, STALL, STOP, ERR) is judged over a window of evaluations:
            a single evaluation can only say OK or ERR. Use --watch or --serve to see the others.
            Exit status: 0, or 1 when a group could not be evaluated (one-shot mode).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var kafka: KafkaOptions

    @Option(name: .long, help: "Consumer group id; repeatable.")
    var group: [String] = []

    @Flag(name: .customLong("all-groups"), help: "Every consumer group of the cluster (re-listed at each evaluation).")
    var allGroups = false

    @Option(
        name: .customLong("allow-groups"),
        help: ArgumentHelp(
            "Only groups whose whole name matches this regular expression; repeatable.", valueName: "regex"))
    var allowGroups: [String] = []

    @Option(
        name: .customLong("deny-groups"),
        help: ArgumentHelp(
            "Leave out groups whose whole name matches this regular expression (wins over allow); repeatable.",
            valueName: "regex"))
    var denyGroups: [String] = []

    @Flag(
        name: .customLong("partition-series"), inversion: .prefixedNo,
        help:
            "With --serve: export the per-partition series (--no-partition-series keeps only group series, for large topics)."
    )
    var partitionSeries = true

    @Option(name: .long, help: "Only this topic (default: every topic the group has offsets for or is assigned).")
    var topic: String?

    @Flag(name: .long, help: "Re-evaluate every --interval and print each evaluation (Ctrl-C stops).")
    var watch = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluation interval (default 5s with --watch, 10s with --serve).", valueName: "5s"))
    var interval: String?

    @Option(name: .long, help: "Output format: table or json (with --watch: one JSON document per line).")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Serve Prometheus metrics on [HOST]:PORT at /metrics.", valueName: ":9102"))
    var serve: String?

    @Option(name: .long, help: "Evaluations in the status window (STALL and WARN need a full window).")
    var window: Int = 10

    @Option(
        name: .customLong("stop-after"),
        help: ArgumentHelp(
            "How long a partition nobody owns may sit with lag > 0 and no commit before it is STOP.", valueName: "5m"))
    var stopAfter: String = "5m"

    @Option(
        name: .customLong("probe-timeout"),
        help: ArgumentHelp(
            "Bound for reading the oldest unprocessed records of one evaluation.", valueName: "5s"))
    var probeTimeout: String = "5s"

    func validate() throws {
        if group.isEmpty && !allGroups { throw ValidationError("give --group G (repeatable) or --all-groups") }
        if !group.isEmpty && allGroups { throw ValidationError("--group and --all-groups are exclusive") }
        if watch && serve != nil { throw ValidationError("--watch and --serve are exclusive") }
        if window < 2 { throw ValidationError("--window must be at least 2") }
        do {
            _ = try intervalDuration()
            _ = try IntervalText.parse(stopAfter)
            _ = try IntervalText.parse(probeTimeout)
            if let serve { _ = try Self.address(serve) }
            _ = try GroupFilter(allow: allowGroups, deny: denyGroups)
        } catch let e as OperationsError {
            throw ValidationError(e.description)
        }
    }

    func intervalDuration() throws -> Duration {
        try interval.map(IntervalText.parse) ?? (serve != nil ? .seconds(10) : .seconds(5))
    }

    /// `:9102` → all interfaces; `127.0.0.1:9102`; `9102`.
    static func address(_ text: String) throws -> (host: String, port: Int) {
        let (host, portText): (String, Substring) =
            if let colon = text.lastIndex(of: ":") {
                (String(text[..<colon]), text[text.index(after: colon)...])
            } else {
                ("", Substring(text))
            }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw OperationsError.invalidArgument(
                "--serve expects [HOST]:PORT, e.g. :9102 or 127.0.0.1:9102 (got '\(text)')")
        }
        return (host.isEmpty ? "0.0.0.0" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    func run() async throws {
        do {
            let selection = GroupSelection(
                groups: allGroups ? .all : .named(group), topic: topic,
                filter: try GroupFilter(allow: allowGroups, deny: denyGroups))
            let monitor = try LagMonitor(
                config: try kafka.config(),
                configuration: .init(
                    evaluator: .init(windowSize: window, stopAfter: try IntervalText.parse(stopAfter)),
                    probeTimeout: try IntervalText.parse(probeTimeout)))
            if let serve {
                try await runExporter(monitor, selection, address: try Self.address(serve))
            } else if watch {
                try await runWatch(monitor, selection)
            } else {
                let reports = try monitor.evaluate(selection)
                try printReports(reports, pretty: true)
                let failed = reports.filter { $0.error != nil }
                for g in failed { Self.stderr("group '\(g.group)': \(g.error!)") }
                if !failed.isEmpty { throw ExitCode.failure }
            }
        } catch {
            throw CLIErrors.report(error, command: "lag")
        }
    }

    private func printReports(_ reports: [GroupLag], pretty: Bool) throws {
        switch format {
        case .json: print(try JSONOutput.encode(reports, pretty: pretty))
        case .table: print(reports.isEmpty ? "no consumer groups" : LagTextFormat.render(reports))
        }
    }

    private func runWatch(_ monitor: LagMonitor, _ selection: GroupSelection) async throws {
        let every = try intervalDuration()
        while !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                let reports = try monitor.evaluate(selection)
                if format == .table { print("") }
                try printReports(reports, pretty: false)
            } catch let e as OperationsError {
                Self.stderr(e.description)  // keep watching: the cluster may come back
            }
            fflush(nil)  // all streams: a piped --watch shows each evaluation at once
            try await Task.sleep(until: started + every, clock: .continuous)
        }
    }

    private func runExporter(_ monitor: LagMonitor, _ selection: GroupSelection, address: (host: String, port: Int))
        async throws
    {
        let logger = StderrLogger.make("tally.lag", level: .info)
        let exporter = LagExporter(
            monitor: monitor, selection: selection, interval: try intervalDuration(), partitionSeries: partitionSeries,
            logger: logger)
        let host = address.host
        let server = TelemetryServer(
            host: host, port: address.port, render: exporter.render, health: exporter,
            logger: StderrLogger.make("tally.http"),
            onStart: { port in LagCommand.stderr("serving lag metrics on http://\(host):\(port)/metrics") })
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server), .init(service: exporter)],
                gracefulShutdownSignals: [], logger: logger))
        ShutdownSignals.forward(to: group)
        try await group.run()
    }

    static func stderr(_ message: String) { Stderr.line(message, command: "lag") }
}
