import Foundation

/// Reading and writing the wall-clock instants of the CLI: `--to-datetime` values and the
/// `evaluatedAt` / record timestamps of reports.
///
/// Contract: input must be ISO 8601 / RFC 3339 *with* a zone (`Z` or `±hh:mm`), optionally with
/// fractional seconds; a bare local time is refused rather than guessed, because a reset to the
/// wrong hour silently reprocesses or skips data. Output is always UTC with milliseconds.
public enum Timestamps {
    public static func parse(_ text: String) throws(OperationsError) -> Date {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = plain.date(from: text) ?? fractional.date(from: text) { return d }
        throw .invalidArgument(
            "'\(text)' is not a date-time with a zone, e.g. 2026-11-01T00:00:00Z or 2026-11-01T08:00:00+08:00")
    }

    /// `2026-11-01T00:00:00.000Z`.
    public static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// Milliseconds since the epoch, as Kafka record timestamps and `offsetsForTimes` use.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public static func date(milliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}
