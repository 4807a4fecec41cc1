/// The human-readable form of lag reports (`tally lag`, `--format table`).
///
/// One block per group: a summary line (state, status, members, totals), a partition table,
/// the members with their assignment, and any warnings. Missing values are spelled out —
/// `none` for "no committed offset", `-` for "not known" — never -1.
public enum LagTextFormat {
    public static func render(_ groups: [GroupLag]) -> String {
        groups.map(render).joined(separator: "\n\n")
    }

    public static func render(_ g: GroupLag) -> String {
        var lines: [String] = []
        let maxTime = g.maxTimeLagSeconds.map(seconds) ?? "-"
        lines.append(
            "GROUP \(g.group)  state=\(g.state)  status=\(g.status)  members=\(g.members.count)  "
                + "offset-lag=\(g.totalOffsetLag)  max-time-lag=\(maxTime)  at \(Timestamps.format(g.evaluatedAt))")
        if let e = g.error { lines.append("  error: \(e)") }
        if !g.partitions.isEmpty {
            let clientOf = Dictionary(g.members.map { ($0.memberID, $0.clientID) }, uniquingKeysWith: { a, _ in a })
            var t = TextTable([
                "TOPIC", "PARTITION", "COMMITTED", "LOG-START", "LOG-END", "OFFSET-LAG", "TIME-LAG", "STATUS", "OWNER",
                "NOTE",
            ])
            for p in g.partitions {
                let note = [p.note, p.error.map { "error: \($0)" }].compactMap { $0 }.joined(separator: "; ")
                t.append([
                    p.topic, String(p.partition),
                    p.committedOffset.map(String.init) ?? "none",
                    p.logStartOffset.map(String.init) ?? "-",
                    p.logEndOffset.map(String.init) ?? "-",
                    p.offsetLag.map(String.init) ?? "-",
                    p.timeLagSeconds.map(seconds) ?? "-",
                    p.status.rawValue + (p.committedBelowLogStart ? "*" : ""),
                    p.owner.map { clientOf[$0] ?? $0 } ?? "-",
                    note,
                ])
            }
            lines.append(
                t.render().split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
                    separator: "\n"))
            if g.partitions.contains(where: \.committedBelowLogStart) {
                lines.append(
                    "  * committed offset is below the log start (records deleted by retention before being processed)")
            }
        }
        if g.members.isEmpty {
            lines.append("  members: none")
        } else {
            lines.append("  members:")
            for m in g.members { lines.append("    \(m.summary)") }
        }
        for w in g.warnings { lines.append("  warning: \(w)") }
        return lines.joined(separator: "\n")
    }

    /// `0s`, `12.345s`, `2m05s`, `3h02m`.
    static func seconds(_ s: Double) -> String {
        if s < 60 {
            let ms = (s * 1000).rounded() / 1000
            return ms == ms.rounded() ? "\(Int(ms))s" : "\(ms)s"
        }
        let total = Int(s.rounded())
        if total < 3600 { return "\(total / 60)m" + pad(total % 60) + "s" }
        return "\(total / 3600)h" + pad(total % 3600 / 60) + "m"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
