/// Terminal output of `tally deadletter show` and `redrive`.
public enum DeadLetterTextFormat {
    public static func render(_ r: DeadLetterReport) -> String {
        var out = "\(r.topic): \(r.selected) dead letter(s) selected of \(r.scanned) read"
        if r.unreadable > 0 { out += ", \(r.unreadable) not dead letters" }
        if r.alreadyRedriven > 0 { out += ", \(r.alreadyRedriven) already redriven" }
        out += "\n"
        guard r.selected > 0 else { return out }
        out += "\nby class:\n"
        for (c, n) in r.byClass.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { out += "  \(n)\t\(c)\n" }
        out += "\nby reason:\n"
        for g in r.sortedGroups {
            out += "  \(g.count)\t\(g.errorClass): \(g.reasonShape)\n"
            for s in g.samples {
                out +=
                    "      \(s.id) key=\(s.key ?? "-") original=\(s.original.topic)/\(s.original.partition)/\(s.original.offset)"
                out += " failed_at=\(s.failedAt ?? "?") — \(s.reason)\n"
            }
        }
        return out
    }

    public static func render(_ r: DeadLetterRedriver.Result) -> String {
        var out = r.dryRun ? "dry run (add --execute to write): " : ""
        out += "\(r.selected) selected, \(r.redriven) \(r.dryRun ? "would be" : "were") redriven, "
        out += "\(r.alreadyRedriven) already redriven (ledger \(r.ledgerTopic)), \(r.skipped.count) not redrivable\n"
        for s in r.skipped { out += "  skipped \(s)\n" }
        return out
    }
}
