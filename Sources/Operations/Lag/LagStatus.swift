/// The health of a partition's (or a group's) consumption, in Burrow's vocabulary.
///
/// Cases are declared in increasing severity; a group's status is the most severe status of
/// its partitions (`max()`). The raw values are what JSON and the Prometheus `status` label
/// carry; `code` is the numeric form (`tally_lag_group_status_code`). See docs/lag.md for the
/// rules that produce each value.
public enum LagStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Caught up, or keeping up.
    case ok = "OK"
    /// The committed offset advances but the lag grew across the whole window: falling behind.
    case warn = "WARN"
    /// The committed offset went backwards (a reset, or a consumer that lost its commits).
    case rewind = "REWIND"
    /// A live member owns the partition but its committed offset has not moved over the whole
    /// window while lag > 0: the consumer is stuck (e.g. a poison record, a deadlock).
    case stall = "STALL"
    /// Nobody owns the partition and its committed offset has not moved for longer than the
    /// stop threshold while lag > 0: the consumer is gone.
    case stop = "STOP"
    /// The partition or group could not be evaluated (broker or coordinator error).
    case err = "ERR"

    /// 0 (OK) … 5 (ERR), in severity order.
    public var code: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: LagStatus, b: LagStatus) -> Bool { a.code < b.code }

    public var description: String { rawValue }
}
