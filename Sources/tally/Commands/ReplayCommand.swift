import ArgumentParser
import Dispatch
import Foundation
import Kafka
import Operations
import Pipeline

/// `tally replay`: reprocess a range of the raw topic (backfill) with the live workers' parser,
/// outside their consumer group. See docs/replay.md.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Reprocess a time or offset range of the raw topic (backfill) into the metric topic.",
        discussion: """
            Examples:
              tally replay --topic articles.raw --from 2026-11-01T00:00:00Z \\
                  --to 2026-11-02T00:00:00Z
              tally replay --topic articles.raw --from 2026-11-01T00:00:00Z --max-rate 500
              tally replay --topic articles.raw --from-offset 1200 --to-offset 5000 \\
                  --partitions 0,3
              tally replay --topic articles.raw \\
                  --from-offset 0:1532,3:990 --to-offset 0:2000,3:2000
              tally replay --topic articles.raw --from 2026-11-01T00:00:00Z --dry-run

            Ranges are [from, to): the start is replayed, the end is not. --to T ends before the first record at or after T; without --to/--to-offset the end is the high watermark when the replay starts. Offsets are resolved once, at the start, and clamped into what is retained (the plan says so).

            The replay reads with plain assignment (no consumer group, no commits) and writes the same deterministic metric_ids as the workers, so replaying processed data is idempotent downstream. Ctrl-C / SIGTERM stop cleanly and print the exact command that resumes the rest (per-partition --from-offset/--to-offset lists). See docs/replay.md.

            Exit status: 0 completed (or dry run); 1 failed (a delivery or a read failed: nothing past the reported positions is claimed); 130 / 143 interrupted by SIGINT / SIGTERM.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum Progress: String, ExpressibleByArgument, CaseIterable {
        case auto, bar, log, off
    }

    @OptionGroup var kafka: KafkaOptions

    @Option(name: .long, help: "The raw topic to replay (e.g. articles.raw).")
    var topic: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Start at the first record at or after this date-time (RFC 3339 with a zone).", valueName: "date-time"))
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "End before the first record at or after this date-time (exclusive).", valueName: "date-time"))
    var to: String?

    @Option(
        name: [.customLong("from-offset"), .customLong("resume-from")],
        help: ArgumentHelp(
            "Start offset (inclusive): N for every selected partition, or P:N[,P:N…] per partition (alias --resume-from).",
            valueName: "N|P:N,…"))
    var fromOffset: String?

    @Option(
        name: .customLong("to-offset"),
        help: ArgumentHelp(
            "End offset (EXCLUSIVE): M for every selected partition, or P:M[,P:M…] per partition.", valueName: "M|P:M,…"
        ))
    var toOffset: String?

    @Option(
        name: .long, help: ArgumentHelp("Only these partitions, e.g. 0,3 or 0-3 (default: all).", valueName: "list"))
    var partitions: String?

    @Option(name: .customLong("output-topic"), help: "Where metric events go (the live topic, or a separate one).")
    var outputTopic = DefaultTopics.output

    @Option(name: .customLong("deadletter-topic"), help: "Where dead letters go.")
    var deadLetterTopic = DefaultTopics.deadLetter

    @Option(
        name: .customLong("summary-topic"),
        help: "Where article summaries go (the workers' summary.topic; default: none).")
    var summaryTopic: String?

    @Option(
        name: .customLong("max-rate"),
        help: ArgumentHelp(
            "At most this many articles per second (also N/m, N/h), so live workers are not starved.", valueName: "N"))
    var maxRate: String?

    @Option(
        name: .customLong("max-body-bytes"),
        help: ArgumentHelp(
            "Dead-letter larger bodies, like the workers (default: env TALLY_MAX_BODY_BYTES, else 2 MiB).",
            valueName: "bytes"))
    var maxBodyBytes: Int?

    @Flag(
        name: .customLong("dry-run"),
        help: "Resolve and print the plan (per partition: from → to, records); read and produce nothing.")
    var dryRun = false

    @Option(name: .long, help: "Plan and summary format on stdout: text or json.")
    var format: Format = .text

    @Option(
        name: .long, help: "Progress on stderr: auto (a bar on a terminal, else a log line every 10s), bar, log, off.")
    var progress: Progress = .auto

    @Option(
        name: .customLong("drain-timeout"),
        help: ArgumentHelp(
            "How long to wait for outstanding delivery reports at the end or after Ctrl-C.", valueName: "30s"))
    var drainTimeout = "30s"

    func validate() throws {
        do {
            _ = try range()
            if let maxRate { _ = try RateText.parse(maxRate) }
            _ = try IntervalText.parse(drainTimeout)
        } catch {
            throw ValidationError(error.description)
        }
        if let maxBodyBytes, maxBodyBytes < 1 { throw ValidationError("--max-body-bytes must be ≥ 1") }
        if outputTopic.isEmpty || deadLetterTopic.isEmpty { throw ValidationError("topics must not be empty") }
    }

    /// The request as the library models it.
    func range() throws(OperationsError) -> ReplayRange {
        if from != nil && fromOffset != nil { throw .invalidArgument("give --from or --from-offset, not both") }
        if to != nil && toOffset != nil { throw .invalidArgument("give --to or --to-offset, not both") }
        let start: ReplayRange.Start
        if let from {
            start = .time(try Timestamps.parse(from))
        } else if let fromOffset {
            switch try ReplayRange.parseOffsets(fromOffset, option: "--from-offset") {
            case .all(let n): start = .offset(n)
            case .perPartition(let m): start = .offsets(m)
            }
        } else {
            throw .invalidArgument("give where to start: --from DATE-TIME or --from-offset N (or P:N,… to resume)")
        }
        let end: ReplayRange.End
        if let to {
            end = .time(try Timestamps.parse(to))
        } else if let toOffset {
            switch try ReplayRange.parseOffsets(toOffset, option: "--to-offset") {
            case .all(let n): end = .offset(n)
            case .perPartition(let m): end = .offsets(m)
            }
        } else {
            end = .highWatermark
        }
        let r = ReplayRange(start: start, end: end, partitions: try partitions.map(ReplayRange.parsePartitions))
        try r.validate()
        return r
    }

    func run() throws {
        do {
            try execute()
        } catch {
            throw CLIErrors.report(error, command: "replay")
        }
    }

    private func execute() throws {
        let config = try kafka.config()
        // The workers' max.body.bytes: flag, then its environment variable, then the table's default.
        let bodyName = SettingSpec.environmentName("max.body.bytes")
        let body = Settings.resolve(
            flags: maxBodyBytes.map { ["max.body.bytes": String($0)] } ?? [:],
            environment: ProcessInfo.processInfo.environment.filter { $0.key == bodyName }, file: [:])
        let bodyLimit: Int
        do { bodyLimit = try body.int("max.body.bytes") ?? ArticleProcessor.Options().maxBodyBytes } catch {
            throw ValidationError(error.message)
        }
        let plan = try ReplayPlanner(config: config).plan(
            topic: topic, range: try range(), outputTopic: outputTopic, deadLetterTopic: deadLetterTopic)
        let runner = ReplayRunner(
            configuration: ReplayConfiguration(
                kafka: config, maxBodyBytes: bodyLimit, maxRate: try maxRate.map(RateText.parse), dryRun: dryRun,
                drainTimeout: try IntervalText.parse(drainTimeout), summaryTopic: summaryTopic))

        if dryRun {
            _ = try runner.run(plan)  // resolves nothing more, creates no client
            switch format {
            case .text: print(plan.render(dryRun: true))
            case .json: print(try JSONOutput.encode(plan))
            }
            return
        }
        // The plan goes to stderr first: the operator sees the ranges and any clamping at once.
        Self.stderr(plan.render(dryRun: false), prefixed: false)

        let reporter = ReplayProgressReporter(style: progressStyle())
        let signals = SignalStopper(runner: runner) { reporter.message("tally replay: " + $0) }
        var summary = try runner.run(plan, onProgress: { reporter.update($0) })
        reporter.finish()
        signals.cancel()

        summary.resumeCommand = summary.resumeArguments.map { resumeCommand($0) }
        switch format {
        case .text: print(summary.render())
        case .json: print(try JSONOutput.encode(summary))
        }
        fflush(nil)
        switch summary.outcome {
        case .completed, .dryRun: return
        case .failed(let why):
            Self.stderr("replay failed: \(why)")
            throw ExitCode.failure
        case .interrupted:
            throw ExitCode(128 + (signals.received ?? SIGINT))
        }
    }

    private func progressStyle() -> ReplayProgressReporter.Style {
        switch progress {
        case .auto: .automatic(logEvery: .seconds(10))
        case .bar: .bar
        case .log: .log(every: .seconds(10))
        case .off: .off
        }
    }

    /// This invocation with the range replaced by what is left (secrets of --kafka-property redacted).
    func resumeCommand(_ rangeArguments: [String]) -> String {
        var args = ["tally", "replay", "--topic", topic]
        args += rangeArguments
        if outputTopic != DefaultTopics.output { args += ["--output-topic", outputTopic] }
        if deadLetterTopic != DefaultTopics.deadLetter { args += ["--deadletter-topic", deadLetterTopic] }
        if let summaryTopic { args += ["--summary-topic", summaryTopic] }
        if let maxRate { args += ["--max-rate", maxRate] }
        if let maxBodyBytes { args += ["--max-body-bytes", String(maxBodyBytes)] }
        if let brokers = kafka.brokers { args += ["--brokers", brokers] }
        for p in kafka.kafkaProperties {
            let key = p.split(separator: "=", maxSplits: 1).first.map(String.init) ?? p
            args += ["--kafka-property", KafkaConfig.isSecret(key) ? "\(key)=REDACTED" : p]
        }
        return args.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ s: String) -> String {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.,:/=@+%"))
        if !s.isEmpty, s.unicodeScalars.allSatisfy(safe.contains) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func stderr(_ message: String, prefixed: Bool = true) {
        Stderr.line(message, command: prefixed ? "replay" : nil)
    }
}

/// SIGINT / SIGTERM → `runner.stop()` (clean stop: in-flight deliveries finish, the summary and
/// the resume command are printed). A second signal exits at once without claiming anything.
private final class SignalStopper: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var first: Int32?

    /// - Parameter say: prints a line on stderr (through the progress reporter, so the bar is not garbled).
    init(runner: ReplayRunner, say: @escaping @Sendable (String) -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                let again = lock.withLock { () -> Bool in
                    if first != nil { return true }
                    first = sig
                    return false
                }
                if again {
                    say("second signal: exiting now; deliveries in flight are abandoned (nothing is claimed)")
                    exit(128 + sig)
                }
                say("\(sig == SIGINT ? "SIGINT" : "SIGTERM"): stopping after in-flight deliveries (again to abort)")
                runner.stop()
            }
            source.resume()
            sources.append(source)
        }
    }

    var received: Int32? { lock.withLock { first } }

    func cancel() {
        for s in sources { s.cancel() }
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
    }
}
