import Foundation

/// Paces work to at most `rate` permits per second: a token bucket expressed as reservations,
/// so the caller (not the limiter) decides how to wait.
///
/// Why: a backfill shares the cluster and the output topic with the live workers; without a
/// bound it reads as fast as the broker serves and starves them (`tally replay --max-rate`).
///
/// Contract:
/// - `reserve()` returns the instant at which the permit may be used; the caller waits until
///   then (the replay sleeps on its poll thread). The limiter never sleeps, never reads a global
///   clock: `clock` is injected, so tests drive it by hand without sleeping.
/// - The bucket starts with ONE token (the first permit is immediate; no initial burst), then
///   earns `rate` tokens per second up to `burst`. So over any run of n permits the span from the
///   first to the last is at least `(n − burst) / rate`, and with a caller that keeps up it is
///   exactly `(n − 1) / rate`: the measured rate converges on `rate`, not above it.
/// - Credit (up to `burst − 1` extra permits) builds up only while the caller is slower than
///   the rate — a slow fetch, a long parse — and is spent right after, so short stalls do not
///   lower the long-run rate, and long ones cannot turn into a burst larger than `burst`.
/// - Reservations are scheduled back to back from the previous one, not from "now": oversleeping
///   by the caller (timer slack) is absorbed by the credit instead of accumulating as drift.
/// - Not thread-safe by itself (a value type): one owner, e.g. the replay's poll thread.
public struct RateLimiter<C: Clock>: Sendable where C.Duration == Swift.Duration, C: Sendable {
    /// Permits per second (> 0, finite).
    public let rate: Double
    /// Maximum permits granted without waiting after an idle period (≥ 1).
    public let burst: Int
    public let clock: C
    /// Time between two permits at the steady rate.
    public let interval: Swift.Duration
    /// The earliest instant of the next permit at the steady rate; nil before the first one.
    private var next: C.Instant?

    /// - Parameters:
    ///   - rate: permits per second, > 0.
    ///   - burst: at most this many permits without waiting after a stall; default: 100 ms worth
    ///     of permits (at least 1).
    public init(rate: Double, burst: Int? = nil, clock: C) throws(OperationsError) {
        guard rate.isFinite, rate > 0 else {
            throw .invalidArgument("a rate limit must be a positive number, got \(rate)")
        }
        let b = burst ?? max(1, Int((rate / 10).rounded(.down)))
        guard b >= 1 else { throw .invalidArgument("a burst must be at least 1, got \(b)") }
        self.rate = rate
        self.burst = b
        self.clock = clock
        // Nanosecond resolution is plenty and keeps the arithmetic exact for 1/rate.
        self.interval = .nanoseconds(Int64((1e9 / rate).rounded()))
    }

    /// Takes one permit; returns the instant at which it may be used (now or later).
    public mutating func reserve() -> C.Instant {
        let now = clock.now
        guard var at = next else {
            next = now.advanced(by: interval)
            return now
        }
        // Cap the credit of an idle caller at `burst − 1` permits.
        let floor = now.advanced(by: interval * -(burst - 1))
        if at < floor { at = floor }
        next = at.advanced(by: interval)
        return max(at, now)
    }

    /// How long the caller must wait before using a permit reserved now (zero when it may go).
    public mutating func reserveDelay() -> Swift.Duration {
        let at = reserve()
        let now = clock.now
        return now < at ? now.duration(to: at) : .zero
    }
}

extension RateLimiter where C == ContinuousClock {
    /// A limiter on the process's monotonic clock (what `tally replay` uses).
    public init(rate: Double, burst: Int? = nil) throws(OperationsError) {
        try self.init(rate: rate, burst: burst, clock: ContinuousClock())
    }
}

/// The `--max-rate` text: `N` or `N/s` per second, `N/m` per minute, `N/h` per hour.
public enum RateText {
    /// Permits per second.
    public static func parse(_ text: String) throws(OperationsError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var factor = 1.0
        var number = Substring(t)
        if let slash = t.firstIndex(of: "/") {
            number = t[..<slash]
            switch t[t.index(after: slash)...] {
            case "s", "sec", "second": factor = 1
            case "m", "min", "minute": factor = 1.0 / 60
            case "h", "hour": factor = 1.0 / 3600
            default: number = ""  // refused below
            }
        }
        guard let v = Double(number.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 else {
            throw .invalidArgument(
                "'\(text)' is not a rate like 100, 100/s, 600/m or 3600/h (articles per unit of time, > 0)")
        }
        return v * factor
    }
}
