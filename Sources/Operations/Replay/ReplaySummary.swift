import Foundation
import Kafka

/// What a replay did: its outcome, counts, per-partition ranges and how far each got, timing,
/// and — when it did not finish — exactly where to resume.
///
/// Contract:
/// - `reached` of a partition is the resume position: every record before it was processed AND
///   all its outputs were acknowledged by the broker; nothing at or after it is claimed. A
///   complete partition has `reached == end`.
/// - `outcome` is `.completed` only when every partition is complete and no delivery failed;
///   a failed delivery is always `.failed`, whatever else happened.
/// - `metrics` / `deadLetters` count outputs the broker acknowledged; `undelivered` those it did
///   not (after librdkafka's retries). `articles` counts records read and processed.
/// - `resumeArguments` are the arguments that replay exactly what is left (nil when nothing
///   is): `--from-offset P:N,… --to-offset P:M,…` over the unfinished partitions only.
public struct ReplaySummary: Sendable, Encodable {
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        case completed
        /// Stopped on request (`stop()`, SIGINT/SIGTERM) before the end.
        case interrupted
        /// A delivery failed or the input could not be read: the reason.
        case failed(String)
        /// `--dry-run`: resolved only, nothing read or produced.
        case dryRun

        public var description: String {
            switch self {
            case .completed: return "completed"
            case .interrupted: return "interrupted"
            case .failed: return "failed"
            case .dryRun: return "dry run"
            }
        }
    }

    public struct Partition: Sendable, Hashable, Encodable {
        public var partition: Int32
        public var start: Int64
        /// Exclusive.
        public var end: Int64
        /// Resume position (see the type's contract).
        public var reached: Int64
        /// Records read and processed from this partition.
        public var articles: Int

        public var isComplete: Bool { reached >= end }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeStoredProperties(of: self, adding: ["complete": isComplete])
        }
    }

    public var outcome: Outcome
    public var plan: ReplayPlan
    public var partitions: [Partition]
    public var articles: Int
    public var metrics: Int
    public var deadLetters: Int
    public var undelivered: Int
    public var startedAt: Date
    /// Wall time from start to the last delivery report.
    public var duration: Duration
    /// From the first record read to the last one processed: the paced part of the run, which
    /// is what `--max-rate` bounds (startup and the final flush are not rate-limited work).
    public var readingDuration: Duration?
    public var rateLimit: Double?
    /// Set by the CLI: the full command that resumes this replay (shown in the text form).
    public var resumeCommand: String?

    public init(
        outcome: Outcome, plan: ReplayPlan, partitions: [Partition], articles: Int, metrics: Int, deadLetters: Int,
        undelivered: Int, startedAt: Date, duration: Duration, readingDuration: Duration?, rateLimit: Double?
    ) {
        self.outcome = outcome
        self.plan = plan
        self.partitions = partitions
        self.articles = articles
        self.metrics = metrics
        self.deadLetters = deadLetters
        self.undelivered = undelivered
        self.startedAt = startedAt
        self.duration = duration
        self.readingDuration = readingDuration
        self.rateLimit = rateLimit
    }

    /// Articles per second over the whole run.
    public var rate: Double {
        let s = duration.inSeconds
        return s > 0 ? Double(articles) / s : 0
    }

    /// Articles per second between the first and the last record read — the rate `--max-rate`
    /// holds ((n − 1) intervals between n paced articles).
    public var readingRate: Double? {
        guard let d = readingDuration, articles > 1, d.inSeconds > 0 else { return nil }
        return Double(articles - 1) / d.inSeconds
    }

    /// Per unfinished partition, the offset to resume from.
    public var resumePositions: [Int32: Int64] {
        Dictionary(uniqueKeysWithValues: partitions.filter { !$0.isComplete }.map { ($0.partition, $0.reached) })
    }

    /// `["--from-offset", "0:123,1:456", "--to-offset", "0:200,1:300"]`, or nil when nothing is left.
    public var resumeArguments: [String]? {
        let left = partitions.filter { !$0.isComplete }
        guard !left.isEmpty, outcome != .dryRun else { return nil }
        let from = Dictionary(uniqueKeysWithValues: left.map { ($0.partition, $0.reached) })
        let to = Dictionary(uniqueKeysWithValues: left.map { ($0.partition, $0.end) })
        return ["--from-offset", ReplayRange.formatList(from), "--to-offset", ReplayRange.formatList(to)]
    }

    /// The range that is left, as a `ReplayRange` (for a library caller resuming in-process).
    public var remainingRange: ReplayRange? {
        let left = partitions.filter { !$0.isComplete }
        guard !left.isEmpty else { return nil }
        return ReplayRange(
            start: .offsets(Dictionary(uniqueKeysWithValues: left.map { ($0.partition, $0.reached) })),
            end: .offsets(Dictionary(uniqueKeysWithValues: left.map { ($0.partition, $0.end) })))
    }

    // MARK: Output

    /// The summary for a person (stdout).
    public func render() -> String {
        var out: [String] = []
        let head: String =
            switch outcome {
            case .completed: "replay completed"
            case .interrupted: "replay INTERRUPTED before the end (nothing past the positions below is claimed)"
            case .failed(let why): "replay FAILED: \(why)"
            case .dryRun: "replay dry run: nothing read, nothing produced"
            }
        out.append(head)
        out.append("  \(plan.topic) → \(plan.outputTopic) (dead letters → \(plan.deadLetterTopic))")
        var counts = "  articles \(articles), metrics \(metrics), dead letters \(deadLetters)"
        if undelivered > 0 { counts += ", UNDELIVERED outputs \(undelivered)" }
        out.append(counts)
        var timing = "  duration \(Self.seconds(duration)), \(ReplayProgress.number(rate)) articles/s"
        if let r = readingRate { timing += " (\(ReplayProgress.number(r)) articles/s while reading)" }
        if let rateLimit { timing += ", limit \(ReplayProgress.number(rateLimit))/s" }
        out.append(timing)
        var table = TextTable(["PARTITION", "FROM", "TO (excl.)", "REACHED", "ARTICLES", "STATUS"])
        for p in partitions {
            let status = p.isComplete ? "done" : (p.reached == p.start ? "not started" : "partial")
            table.append([
                String(p.partition), String(p.start), String(p.end), String(p.reached), String(p.articles), status,
            ])
        }
        out.append(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        for p in plan.partitions { for n in p.notes { out.append("  note: partition \(p.partition): \(n)") } }
        if let args = resumeArguments {
            out.append("to resume exactly where this stopped:")
            out.append("  " + (resumeCommand ?? "tally replay --topic \(plan.topic) " + args.joined(separator: " ")))
        }
        return out.joined(separator: "\n")
    }

    static func seconds(_ d: Duration) -> String { String(format: "%.2fs", d.inSeconds) }

    enum CodingKeys: String, CodingKey {
        case outcome, error, topic, outputTopic, deadLetterTopic, articles, metrics, deadLetters, undelivered, startedAt
        case durationSeconds, ratePerSecond, readingRatePerSecond, rateLimit, partitions, notes, resumeArguments,
            resumeCommand
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome.description, forKey: .outcome)
        if case .failed(let why) = outcome {
            try c.encode(why, forKey: .error)
        } else {
            try c.encodeNil(forKey: .error)
        }
        try c.encode(plan.topic, forKey: .topic)
        try c.encode(plan.outputTopic, forKey: .outputTopic)
        try c.encode(plan.deadLetterTopic, forKey: .deadLetterTopic)
        try c.encode(articles, forKey: .articles)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(deadLetters, forKey: .deadLetters)
        try c.encode(undelivered, forKey: .undelivered)
        try c.encode(Timestamps.format(startedAt), forKey: .startedAt)
        try c.encode((duration.inSeconds * 1000).rounded() / 1000, forKey: .durationSeconds)
        try c.encode((rate * 10).rounded() / 10, forKey: .ratePerSecond)
        try c.encode(readingRate.map { ($0 * 10).rounded() / 10 }, forKey: .readingRatePerSecond)
        try c.encode(rateLimit, forKey: .rateLimit)
        try c.encode(partitions, forKey: .partitions)
        try c.encode(plan.partitions.flatMap { p in p.notes.map { "partition \(p.partition): \($0)" } }, forKey: .notes)
        try c.encode(resumeArguments, forKey: .resumeArguments)
        try c.encode(resumeCommand, forKey: .resumeCommand)
    }
}
