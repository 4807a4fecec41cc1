import Foundation

/// Renders lag reports in the Prometheus text exposition format (version 0.0.4).
///
/// Rendered from the latest reports only — never accumulated in a registry — so series of
/// partitions and groups that disappeared are gone at the next scrape, and every number is
/// exactly the one `tally lag --format json` shows for the same evaluation. Series that have no
/// value are omitted rather than faked: no committed offset → no `committed_offset`,
/// `offset_lag` or `time_lag_seconds` series for that partition (never -1).
///
/// Series (labels `group`, `topic`, `partition`; see docs/lag.md):
/// `tally_lag_partition_{offset_lag,time_lag_seconds,committed_offset,log_end_offset,log_start_offset}`,
/// `tally_lag_partition_status{status=…}` (one series per status, value 1 for the current one),
/// `tally_lag_group_{offset_lag_sum,max_time_lag_seconds,members,status_code}`,
/// `tally_lag_group_status{status=…}`, and the exporter's own `tally_lag_evaluation_*`.
public enum LagPrometheusText {
    /// What the exporter knows about its own evaluations.
    public struct EvaluationInfo: Sendable, Hashable {
        /// Unix time of the last successful evaluation (nil before the first one).
        public var lastSuccess: Date?
        /// Whether the last evaluation succeeded (listing the groups can fail as a whole).
        public var lastSucceeded: Bool
        /// How long the last evaluation took.
        public var lastDuration: Duration?
        public init(lastSuccess: Date?, lastSucceeded: Bool, lastDuration: Duration?) {
            self.lastSuccess = lastSuccess
            self.lastSucceeded = lastSucceeded
            self.lastDuration = lastDuration
        }
    }

    /// - Parameter partitionSeries: false leaves out every `tally_lag_partition_*` family (for
    ///   topics with many partitions: series count grows with groups × partitions); the group
    ///   series, which KEDA and the alerts use, stay.
    public static func render(_ groups: [GroupLag], info: EvaluationInfo? = nil, partitionSeries: Bool = true) -> String
    {
        var out = Output()
        let parts = partitionSeries ? groups.flatMap { g in g.partitions.map { (g.group, $0) } } : []
        func plabels(_ g: String, _ p: PartitionLag) -> [(String, String)] {
            [("group", g), ("topic", p.topic), ("partition", String(p.partition))]
        }

        if partitionSeries {
            out.family(
                "tally_lag_partition_offset_lag",
                "Offset lag: log-end offset minus committed offset (absent without a committed offset).")
            for (g, p) in parts { if let v = p.offsetLag { out.sample(plabels(g, p), Double(v)) } }

            out.family(
                "tally_lag_partition_time_lag_seconds",
                "Seconds since the timestamp of the oldest unprocessed record (the one at the committed offset); 0 when caught up."
            )
            for (g, p) in parts { if let v = p.timeLagSeconds { out.sample(plabels(g, p), v) } }

            out.family("tally_lag_partition_committed_offset", "The group's committed offset (next offset to process).")
            for (g, p) in parts { if let v = p.committedOffset { out.sample(plabels(g, p), Double(v)) } }

            out.family("tally_lag_partition_log_end_offset", "The partition's log-end offset (high watermark).")
            for (g, p) in parts { if let v = p.logEndOffset { out.sample(plabels(g, p), Double(v)) } }

            out.family("tally_lag_partition_log_start_offset", "The partition's log-start offset (low watermark).")
            for (g, p) in parts { if let v = p.logStartOffset { out.sample(plabels(g, p), Double(v)) } }

            out.family(
                "tally_lag_partition_status",
                "1 for the partition's current status (OK, WARN, REWIND, STALL, STOP, ERR), 0 for the others.")
            for (g, p) in parts {
                for s in LagStatus.allCases {
                    out.sample(plabels(g, p) + [("status", s.rawValue)], s == p.status ? 1 : 0)
                }
            }
        }

        out.family("tally_lag_group_offset_lag_sum", "Sum of the group's partition offset lags.")
        for g in groups where g.error == nil { out.sample([("group", g.group)], Double(g.totalOffsetLag)) }

        out.family("tally_lag_group_max_time_lag_seconds", "Largest time lag of the group's partitions.")
        for g in groups { if let v = g.maxTimeLagSeconds { out.sample([("group", g.group)], v) } }

        out.family("tally_lag_group_members", "Live members of the group.")
        for g in groups { out.sample([("group", g.group)], Double(g.members.count)) }

        out.family(
            "tally_lag_group_status", "1 for the group's current status (worst of its partitions), 0 for the others.")
        for g in groups {
            for s in LagStatus.allCases {
                out.sample([("group", g.group), ("status", s.rawValue)], s == g.status ? 1 : 0)
            }
        }

        out.family(
            "tally_lag_group_status_code",
            "The group's status as a number: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP, 5 ERR.")
        for g in groups { out.sample([("group", g.group)], Double(g.status.code)) }

        if let info {
            out.family("tally_lag_evaluation_success", "1 when the exporter's last evaluation succeeded.")
            out.sample([], info.lastSucceeded ? 1 : 0)
            if let t = info.lastSuccess {
                out.family(
                    "tally_lag_evaluation_last_success_timestamp_seconds",
                    "Unix time of the last successful evaluation.")
                out.sample([], t.timeIntervalSince1970)
            }
            if let d = info.lastDuration {
                out.family("tally_lag_evaluation_duration_seconds", "How long the last evaluation took.")
                out.sample([], d.inSeconds)
            }
        }
        return out.text
    }

    /// Escapes a label value: backslash, double quote and newline (the format's only escapes).
    static func escape(_ value: String) -> String {
        var s = ""
        for ch in value {
            switch ch {
            case "\\": s += "\\\\"
            case "\"": s += "\\\""
            case "\n": s += "\\n"
            default: s.append(ch)
            }
        }
        return s
    }

    /// A number as the format wants it: integers without a fraction, `NaN`/`+Inf` spelled out.
    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    private struct Output {
        var text = ""
        var name = ""
        mutating func family(_ name: String, _ help: String) {
            self.name = name
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
        }
        mutating func sample(_ labels: [(String, String)], _ value: Double) {
            text += name
            if !labels.isEmpty {
                text +=
                    "{" + labels.map { "\($0.0)=\"\(LagPrometheusText.escape($0.1))\"" }.joined(separator: ",") + "}"
            }
            text += " \(LagPrometheusText.number(value))\n"
        }
    }
}
