import Synchronization
import Testing

@testable import Operations

/// A clock that only moves when told: the limiter is tested without sleeping.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol, CustomStringConvertible {
        var offset: Duration
        func advanced(by d: Duration) -> Instant { Instant(offset: offset + d) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
        var description: String { "t+\(offset)" }
    }

    private let current = Mutex(Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func advance(by d: Duration) { current.withLock { $0 = $0.advanced(by: d) } }
    func advance(to t: Instant) { current.withLock { if $0 < t { $0 = t } } }
    /// Never waits: moves the clock (a caller "sleeping" until the deadline).
    func sleep(until deadline: Instant, tolerance: Duration?) async throws { advance(to: deadline) }
}

@Suite("Rate limiter (injected clock, no sleeping)")
struct RateLimiterTests {
    func ms(_ i: Instant) -> Int64 { i.offset.wholeMilliseconds }
    typealias Instant = ManualClock.Instant

    @Test("the first permit is immediate, then one every 1/rate; no initial burst")
    func pacing() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 100, clock: clock)
        #expect(limiter.burst == 10 && limiter.interval == .milliseconds(10))
        // Ten reservations at the same instant are spread out, not granted at once.
        let grants = (0..<10).map { _ in ms(limiter.reserve()) }
        #expect(grants == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    }

    @Test("a caller that waits for each grant gets exactly the rate: n permits span (n − 1)/rate")
    func measuredRate() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 100, clock: clock)
        var grants: [Instant] = []
        for _ in 0..<200 {
            let at = limiter.reserve()
            clock.advance(to: at)  // the caller sleeps until its grant
            clock.advance(by: .microseconds(300))  // and does some work
            grants.append(at)
        }
        let span = grants.first!.duration(to: grants.last!)
        #expect(span == .milliseconds(1990))
        let rate = Double(grants.count - 1) / (Double(span.wholeMilliseconds) / 1000)
        #expect(rate == 100)
    }

    @Test("oversleeping by the caller (timer slack) does not drift the rate: grants stay on the 1/rate grid")
    func oversleepAbsorbed() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 50, clock: clock)
        var grants: [Int64] = []
        for _ in 0..<100 {
            let at = limiter.reserve()
            clock.advance(to: at.advanced(by: .milliseconds(3)))  // wakes 3 ms late each time
            grants.append(ms(at))
        }
        #expect(grants == (0..<100).map { Int64($0) * 20 })
    }

    @Test("after a stall, at most `burst` permits go at once, then pacing resumes")
    func burstAfterStall() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 100, burst: 5, clock: clock)
        #expect(ms(limiter.reserve()) == 0)
        clock.advance(by: .seconds(1))  // a slow fetch: one second without asking
        let grants = (0..<8).map { _ in ms(limiter.reserve()) }
        #expect(grants == [1000, 1000, 1000, 1000, 1000, 1010, 1020, 1030])
    }

    @Test("a short stall is made up from the credit, so the long-run rate still meets the limit")
    func shortStallMadeUp() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 100, clock: clock)  // burst 10 = 100 ms of credit
        var last = clock.now
        for i in 0..<300 {
            let at = limiter.reserve()
            clock.advance(to: at)
            if i == 100 { clock.advance(by: .milliseconds(60)) }  // one 60 ms hiccup
            last = at
        }
        // 299 intervals of 10 ms: the hiccup was absorbed by credit.
        #expect(ms(last) == 2990)
    }

    @Test("reserveDelay says how long to wait; zero when the permit is due")
    func delay() throws {
        let clock = ManualClock()
        var limiter = try RateLimiter(rate: 4, burst: 1, clock: clock)
        #expect(limiter.reserveDelay() == .zero)
        #expect(limiter.reserveDelay() == .milliseconds(250))
        clock.advance(by: .seconds(2))
        #expect(limiter.reserveDelay() == .zero)
        #expect(limiter.reserveDelay() == .milliseconds(250))
    }

    @Test("fractional and invalid rates")
    func rates() throws {
        let clock = ManualClock()
        var slow = try RateLimiter(rate: 0.5, clock: clock)
        #expect(slow.burst == 1)
        #expect(ms(slow.reserve()) == 0 && ms(slow.reserve()) == 2000)
        for bad in [0.0, -1, .infinity, .nan] {
            #expect(throws: OperationsError.self) { try RateLimiter(rate: bad, clock: clock) }
        }
        #expect(throws: OperationsError.self) { try RateLimiter(rate: 10, burst: 0, clock: clock) }
    }
}
