/// Parses the ISO 8601 durations operators type for `--by-duration`: `PnDTnHnMnS` and `PnW`.
///
/// Contract: accepts `P` followed by optional `nW`/`nD`, then optionally `T` with `nH`, `nM`,
/// `nS` in that order (numbers may have a fraction, e.g. `PT1.5S`, `PT0.5H`); at least one
/// component is required, and a `T` must be followed by one; a sign is not accepted (a reset
/// "by duration" always looks back). Years and months are refused because their length is ambiguous — the
/// same choice as Java's `java.time.Duration`, which `kafka-consumer-groups --by-duration` uses,
/// so the same strings work in both tools. Returns seconds.
public enum ISO8601Duration {
    public static func seconds(_ text: String) throws(OperationsError) -> Double {
        let bad = OperationsError.invalidArgument(
            "'\(text)' is not an ISO 8601 duration like PT2H, PT30M, P1DT12H or PT90S (years and months are not supported)"
        )
        var s = Substring(text.uppercased())
        guard s.first == "P" else { throw bad }
        s = s.dropFirst()
        var total = 0.0
        var inTime = false
        var seen = 0
        var seenInTime = 0
        // Allowed units in order; each may appear once.
        var allowed: [Character] = ["W", "D"]
        var number = ""
        for ch in s {
            if ch == "T" {
                guard !inTime, number.isEmpty else { throw bad }
                inTime = true
                allowed = ["H", "M", "S"]
                continue
            }
            if ch.isNumber || ch == "." || ch == "," {
                number.append(ch == "," ? "." : ch)
                continue
            }
            guard let idx = allowed.firstIndex(of: ch), let value = Double(number), value >= 0 else { throw bad }
            let unit: Double =
                switch (inTime, ch) {
                case (false, "W"): 604_800
                case (false, "D"): 86_400
                case (true, "H"): 3_600
                case (true, "M"): 60
                default: 1
                }
            total += value * unit
            seen += 1
            if inTime { seenInTime += 1 }
            number = ""
            allowed.removeSubrange(...idx)
        }
        guard number.isEmpty, seen > 0, !inTime || seenInTime > 0 else { throw bad }
        return total
    }
}
