import Foundation
import Synchronization

/// Where a running replay is: per partition how far it read, overall counts, rate and ETA.
///
/// Contract: a plain value the runner hands out periodically (`ReplayRunner.progress`); the
/// numbers are consistent with each other at the moment it was taken. `position` is the next
/// offset to read (what was *read*, not necessarily delivered yet: the summary reports the
/// delivered positions). The rendering functions are pure, so the bar and the log line are
/// tested without a terminal.
public struct ReplayProgress: Sendable, Hashable {
    public struct Partition: Sendable, Hashable {
        public var partition: Int32
        public var start: Int64
        public var end: Int64
        /// Next offset to read.
        public var position: Int64
        public var done: Bool
        public var articles: Int

        public init(partition: Int32, start: Int64, end: Int64, position: Int64, done: Bool, articles: Int) {
            self.partition = partition
            self.start = start
            self.end = end
            self.position = position
            self.done = done
            self.articles = articles
        }

        public var total: Int64 { max(0, end - start) }
        /// Offsets of the range covered so far.
        public var covered: Int64 { done ? total : min(max(0, position - start), total) }
        public var fraction: Double { total == 0 ? 1 : Double(covered) / Double(total) }
    }

    public var partitions: [Partition]
    /// Records read and processed (articles and dead-lettered records alike).
    public var articles: Int
    /// Outputs acknowledged by the broker so far.
    public var metrics: Int
    public var deadLetters: Int
    public var elapsed: Duration
    /// `--max-rate`, articles per second.
    public var rateLimit: Double?

    public init(
        partitions: [Partition], articles: Int, metrics: Int, deadLetters: Int, elapsed: Duration, rateLimit: Double?
    ) {
        self.partitions = partitions
        self.articles = articles
        self.metrics = metrics
        self.deadLetters = deadLetters
        self.elapsed = elapsed
        self.rateLimit = rateLimit
    }

    public var total: Int64 { partitions.reduce(0) { $0 + $1.total } }
    public var covered: Int64 { partitions.reduce(0) { $0 + $1.covered } }
    public var fraction: Double { total == 0 ? 1 : Double(covered) / Double(total) }
    /// Articles per second since the start.
    public var rate: Double {
        let s = elapsed.inSeconds
        return s > 0 ? Double(articles) / s : 0
    }
    /// Time left at the average pace so far, in whole seconds (rounded up); nil until something was covered.
    public var eta: Duration? {
        let s = elapsed.inSeconds
        let c = covered
        guard c > 0, s > 0 else { return nil }
        let left = Double(total - c) / (Double(c) / s)
        return .seconds(Int64(left.rounded(.up)))
    }

    // MARK: Rendering

    /// The overall line: `replay 1234/5000 (24.7%)  412.3 articles/s (limit 500/s)  ETA 9s  metrics 3021  dead letters 2`.
    public func headline() -> String {
        var s = "replay \(covered)/\(total) (\(Self.percent(fraction)))  \(Self.number(rate)) articles/s"
        if let rateLimit { s += " (limit \(Self.number(rateLimit))/s)" }
        s += "  ETA \(eta.map(IntervalText.format) ?? "--")  metrics \(metrics)  dead letters \(deadLetters)"
        return s
    }

    /// The terminal bar: the headline, then one line per partition (unfinished ones first; at
    /// most `maxPartitionLines`, the rest summed up), each cut to `width − 1` columns so no line
    /// wraps (a wrapped line would break the redraw).
    public func barLines(width: Int, maxPartitionLines: Int = 8) -> [String] {
        let w = max(20, width - 1)
        var lines = [headline()]
        let ordered = partitions.filter { !$0.done } + partitions.filter(\.done)
        let shown = ordered.count > maxPartitionLines ? Array(ordered.prefix(max(1, maxPartitionLines - 1))) : ordered
        let label = partitions.map { String($0.partition).count }.max() ?? 1
        for p in shown.sorted(by: { $0.partition < $1.partition }) {
            let name = "p" + String(p.partition).leftPadded(to: label)
            let cells = 20
            let filled = Int((p.fraction * Double(cells)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
            let state = p.done ? "done" : "@\(p.position)"
            lines.append(
                "  \(name) \(bar) \(Self.percent(p.fraction).leftPadded(to: 6))  \(p.covered)/\(p.total)  \(state)")
        }
        if shown.count < ordered.count {
            let rest = ordered.dropFirst(shown.count)
            lines.append("  … \(rest.count) more partition(s), \(rest.filter(\.done).count) done")
        }
        return lines.map { $0.count > w ? String($0.prefix(w - 1)) + "…" : $0 }
    }

    /// One plain line for logs (stderr not a terminal).
    public func logLine() -> String {
        let done = partitions.filter(\.done).count
        return "\(headline()); partitions done \(done)/\(partitions.count)"
    }

    static func percent(_ f: Double) -> String { String(format: "%.1f%%", f * 100) }
    static func number(_ v: Double) -> String {
        v == v.rounded() && v < 1e9 ? String(Int(v)) : String(format: "%.1f", v)
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: " ", count: n - count) + self
    }
}

/// Shows `ReplayProgress` on stderr: a bar redrawn in place (`\r` and ANSI cursor moves) when
/// stderr is a terminal, plain periodic log lines otherwise (a pipe, a file, a log collector
/// must never receive escape codes or a line per redraw).
///
/// Contract: `update` may be called as often as the caller likes (the runner calls it a few
/// times a second); the reporter throttles itself (bar ≤ 5 redraws/s, log every `every`).
/// `finish` erases the bar, so what is printed next starts on a clean line. Thread-safe.
public final class ReplayProgressReporter: Sendable {
    public enum Style: Sendable, Hashable {
        /// Redrawn in place; only meaningful on a terminal.
        case bar
        /// A line every `every`.
        case log(every: Duration)
        /// Nothing.
        case off

        /// `.bar` when stderr is a terminal (`isatty(2)`), else `.log(every:)`.
        public static func automatic(logEvery: Duration = .seconds(10)) -> Style {
            isatty(2) == 1 ? .bar : .log(every: logEvery)
        }
    }

    public let style: Style
    private let write: @Sendable (String) -> Void
    private let width: @Sendable () -> Int
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var drawnLines = 0
    }
    private let state = Mutex(State())

    public init(
        style: Style, write: @escaping @Sendable (String) -> Void = ReplayProgressReporter.standardError,
        width: @escaping @Sendable () -> Int = ReplayProgressReporter.terminalWidth
    ) {
        self.style = style
        self.write = write
        self.width = width
    }

    public func update(_ progress: ReplayProgress) {
        let now = ContinuousClock.now
        state.withLock { st in
            switch style {
            case .off:
                return
            case .bar:
                if let last = st.lastDraw, now - last < .milliseconds(200) { return }
                let lines = progress.barLines(width: width())
                write(Self.erase(st.drawnLines) + lines.joined(separator: "\n"))
                st.drawnLines = lines.count
            case .log(let every):
                // The first line comes after one period: a line at 0% says nothing.
                guard let last = st.lastDraw else { break }
                if now - last < every { return }
                write(progress.logLine() + "\n")
            }
            st.lastDraw = now
        }
    }

    /// Prints a line of its own on stderr (e.g. "stopping…" on a signal) without garbling the
    /// bar: the bar is erased first and redrawn below it at the next update.
    public func message(_ text: String) {
        state.withLock { st in
            write(Self.erase(st.drawnLines) + text + "\n")
            st.drawnLines = 0
            if case .bar = style { st.lastDraw = nil }
        }
    }

    /// Removes the bar (terminal) so the summary is not printed over it.
    public func finish() {
        state.withLock { st in
            if case .bar = style, st.drawnLines > 0 { write(Self.erase(st.drawnLines)) }
            st.drawnLines = 0
        }
    }

    /// Back to the first column of the first of `lines` drawn lines, and clear to the end of the screen.
    static func erase(_ lines: Int) -> String {
        guard lines > 0 else { return "" }
        return "\r" + (lines > 1 ? "\u{1B}[\(lines - 1)A" : "") + "\u{1B}[J"
    }

    @Sendable public static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Columns of the terminal on stderr (`TIOCGWINSZ`), else `COLUMNS`, else 80.
    @Sendable public static func terminalWidth() -> Int {
        var ws = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 80
    }
}
