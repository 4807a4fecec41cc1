import Foundation

/// Where `tally offsets reset` moves a group's committed offsets — the modes of Kafka's
/// `kafka-consumer-groups --reset-offsets`, with the same names.
///
/// Every resolved offset is then clamped into the retained range [log start, log end]: a
/// committed offset outside it would make the consumer fall back to `auto.offset.reset`,
/// which is exactly the silent surprise an explicit reset is meant to avoid.
public enum OffsetResetTarget: Sendable, Hashable, CustomStringConvertible {
    /// The log start (low watermark): reprocess everything retained.
    case earliest
    /// The log end (high watermark): skip everything not yet processed.
    case latest
    /// The first record whose timestamp is >= this instant; the log end when none is that recent.
    case datetime(Date)
    /// `datetime(now − seconds)`, resolved when the plan is made (`--by-duration PT2H`).
    case duration(seconds: Double)
    /// The committed offset plus `n` (negative: back). Partitions without one are left unchanged.
    case shift(Int64)
    /// This exact offset in every selected partition.
    case offset(Int64)

    public var description: String {
        switch self {
        case .earliest: return "earliest"
        case .latest: return "latest"
        case .datetime(let d): return "datetime \(Timestamps.format(d))"
        case .duration(let s): return "by duration \(IntervalText.format(.milliseconds(Int64(s * 1000)))) before now"
        case .shift(let n): return "shift by \(n >= 0 ? "+" : "")\(n)"
        case .offset(let n): return "offset \(n)"
        }
    }
}
