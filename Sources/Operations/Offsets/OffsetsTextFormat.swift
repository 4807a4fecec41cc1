/// The human-readable form of `tally offsets` results.
///
/// A reset prints one row per partition: `CURRENT → NEW`, the change, the retained range
/// (log start, log end) and a note when the offset was clamped or the partition skipped. The
/// header says loudly whether anything was changed.
public enum OffsetsTextFormat {
    public static func render(_ plan: OffsetResetPlan) -> String {
        var lines: [String] = []
        let mode = plan.executed ? "EXECUTED" : "DRY RUN"
        lines.append("Reset of group '\(plan.group)' on topic '\(plan.topic)' to \(plan.target) — \(mode)")
        if let t = plan.resolvedTime, case .duration = plan.target {
            lines.append("  (offsets of the first records at or after \(Timestamps.format(t)))")
        }
        var t = TextTable(["PARTITION", "CURRENT", "", "NEW", "CHANGE", "LOG-START", "LOG-END", "NOTE"])
        for r in plan.rows {
            let change: String
            if let new = r.new, let cur = r.current {
                let d = new - cur
                change = d == 0 ? "0" : (d > 0 ? "+\(d)" : "\(d)")
            } else {
                change = "-"
            }
            t.append([
                String(r.partition), r.current.map(String.init) ?? "none", "→",
                r.new.map(String.init) ?? "unchanged", change, String(r.logStart), String(r.logEnd), r.note ?? "",
            ])
        }
        lines.append(t.render())
        let clamped = plan.clampedRows.count
        if clamped > 0 {
            lines.append("\(clamped) partition(s) clamped into the retained range [log start, log end].")
        }
        if plan.executed {
            lines.append(
                "Committed offsets of '\(plan.group)' changed for \(plan.changes.count) partition(s) and read back.")
        } else {
            lines.append("Nothing was changed. Re-run with --execute to apply.")
            if !plan.activeMembers.isEmpty {
                lines.append(
                    "Note: the group has \(plan.activeMembers.count) active member(s); --execute will refuse until they are stopped:"
                )
                for m in plan.activeMembers { lines.append("  - \(m.summary)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func render(_ offsets: GroupOffsets) -> String {
        var lines = ["GROUP \(offsets.group)  state=\(offsets.state)  members=\(offsets.members.count)"]
        var t = TextTable(["TOPIC", "PARTITION", "COMMITTED", "LOG-START", "LOG-END", "LAG", "NOTE"])
        for r in offsets.rows {
            t.append([
                r.topic, String(r.partition), r.committed.map(String.init) ?? "none",
                r.logStart.map(String.init) ?? "-", r.logEnd.map(String.init) ?? "-", r.lag.map(String.init) ?? "-",
                r.error.map { "error: \($0)" } ?? "",
            ])
        }
        lines.append(t.render())
        for m in offsets.members { lines.append("member: \(m.summary)") }
        for w in offsets.warnings { lines.append("warning: \(w)") }
        return lines.joined(separator: "\n")
    }
}
