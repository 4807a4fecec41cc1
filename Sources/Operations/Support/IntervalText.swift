import Foundation

/// Parses and prints the short durations of CLI options: `--interval 5s`, `--stop-after 5m`.
///
/// Contract: `<number><unit>` with unit `ms`, `s`, `m` or `h` (a bare number means seconds),
/// or an ISO 8601 duration (`PT5S`) for people who prefer one syntax everywhere. The number
/// may have a fraction (`1.5s`). Zero and negative values are refused: every interval here
/// paces a loop.
public enum IntervalText {
    public static func parse(_ text: String) throws(OperationsError) -> Duration {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("p") {
            let s = try ISO8601Duration.seconds(t)
            guard s > 0 else { throw .invalidArgument("duration '\(text)' must be > 0") }
            return .milliseconds(Int64((s * 1000).rounded()))
        }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var factor = 1.0
        var number = Substring(t)
        for (suffix, f) in units where t.hasSuffix(suffix) {
            factor = f
            number = t.dropLast(suffix.count)
            break
        }
        guard let v = Double(number), v.isFinite, v > 0 else {
            throw .invalidArgument("'\(text)' is not a duration like 500ms, 5s, 2m or 1h")
        }
        return .milliseconds(Int64((v * factor * 1000).rounded()))
    }

    /// `5s`, `2m30s`, `1.5s`, `250ms` — compact, for tables and help.
    public static func format(_ d: Duration) -> String {
        let ms = d.wholeMilliseconds
        if ms < 1000 { return "\(ms)ms" }
        if ms % 1000 != 0 { return "\(Double(ms) / 1000)s" }
        var s = ms / 1000
        var out = ""
        if s >= 3600 { out += "\(s / 3600)h"; s %= 3600 }
        if s >= 60 { out += "\(s / 60)m"; s %= 60 }
        if s > 0 || out.isEmpty { out += "\(s)s" }
        return out
    }
}
