import Foundation
import Kafka
import Testing

@testable import Operations

/// The status rules of docs/lag.md, one by one, with injected times: no Kafka, no clock, no sleep.
@Suite("LagEvaluator rules (pure)")
struct LagEvaluatorTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let key = LagEvaluator.Key(group: "g", partition: TopicPartition("t", 0))

    /// A sample `seconds` after t0.
    static func s(_ seconds: Double, committed: Int64?, end: Int64?, owned: Bool = true) -> LagSample {
        LagSample(time: t0.addingTimeInterval(seconds), committed: committed, logEnd: end, ownedByLiveMember: owned)
    }

    /// Feeds the samples in order and returns every status.
    static func run(_ samples: [LagSample], window: Int = 3, stopAfter: Duration = .seconds(60)) -> [LagStatus] {
        var e = LagEvaluator(configuration: .init(windowSize: window, stopAfter: stopAfter))
        return samples.map { e.evaluate(key, $0) }
    }

    @Test("ERR when the numbers could not be read; the window is kept, so a stall resumes where it was")
    func errKeepsHistory() {
        let statuses = Self.run([
            Self.s(0, committed: 5, end: 10), Self.s(10, committed: 5, end: 10),
            .failed(at: Self.t0.addingTimeInterval(20)),
            Self.s(30, committed: 5, end: 10),
        ])
        #expect(statuses == [.ok, .ok, .err, .stall])
    }

    @Test("no committed offset: OK, and the window starts over")
    func noCommitResets() {
        let statuses = Self.run([
            Self.s(0, committed: 5, end: 10), Self.s(10, committed: 5, end: 10), Self.s(20, committed: nil, end: 10),
            Self.s(30, committed: 5, end: 10), Self.s(40, committed: 5, end: 10), Self.s(50, committed: 5, end: 10),
        ])
        #expect(statuses == [.ok, .ok, .ok, .ok, .ok, .stall])
    }

    @Test("OK when any sample of the window had zero lag, even if it would otherwise be WARN or STALL")
    func zeroLagInWindowIsOK() {
        // Lag 0, then growing while committed advances: not WARN until the zero leaves the window.
        let warnish = Self.run([
            Self.s(0, committed: 10, end: 10), Self.s(10, committed: 11, end: 14), Self.s(20, committed: 12, end: 18),
            Self.s(30, committed: 13, end: 22),
        ])
        #expect(warnish == [.ok, .ok, .ok, .warn])
        // Caught up now → OK regardless of history.
        #expect(
            Self.run([
                Self.s(0, committed: 5, end: 10), Self.s(10, committed: 5, end: 10), Self.s(20, committed: 10, end: 10),
            ]).last == .ok)
    }

    @Test("REWIND when the committed offset goes back; it lasts while the drop is inside the window")
    func rewind() {
        let statuses = Self.run([
            Self.s(0, committed: 50, end: 100), Self.s(10, committed: 20, end: 100),
            Self.s(20, committed: 25, end: 100),
            Self.s(30, committed: 30, end: 100), Self.s(40, committed: 35, end: 100),
        ])
        // Window 3: the 50→20 pair is in the windows ending at samples 2 and 3; gone at sample 4.
        #expect(statuses == [.ok, .rewind, .rewind, .ok, .ok])
    }

    @Test("STALL: a live member owns the partition, committed fixed over a full window, lag > 0")
    func stall() {
        let statuses = Self.run([
            Self.s(0, committed: 5, end: 10), Self.s(10, committed: 5, end: 12), Self.s(20, committed: 5, end: 15),
            Self.s(30, committed: 6, end: 15), Self.s(40, committed: 6, end: 15), Self.s(50, committed: 6, end: 15),
        ])
        // Not before the window is full; a commit restarts the count.
        #expect(statuses == [.ok, .ok, .stall, .ok, .ok, .stall])
    }

    @Test("no live owner and committed fixed: OK during the stop threshold (rebalance grace), then STOP — not STALL")
    func stop() {
        let statuses = Self.run([
            Self.s(0, committed: 5, end: 10, owned: false), Self.s(20, committed: 5, end: 10, owned: false),
            Self.s(40, committed: 5, end: 11, owned: false), Self.s(59.9, committed: 5, end: 11, owned: false),
            Self.s(60, committed: 5, end: 11, owned: false),
        ])
        #expect(statuses == [.ok, .ok, .ok, .ok, .stop])
    }

    @Test("STOP is time-based: it needs no full window (two samples far apart suffice)")
    func stopWithoutFullWindow() {
        let statuses = Self.run(
            [Self.s(0, committed: 5, end: 10, owned: false), Self.s(600, committed: 5, end: 10, owned: false)],
            window: 10)
        #expect(statuses == [.ok, .stop])
    }

    @Test("STOP ends when the committed offset moves or a member takes the partition (then STALL rules apply)")
    func stopEnds() {
        var e = LagEvaluator(configuration: .init(windowSize: 3, stopAfter: .seconds(60)))
        #expect(e.evaluate(Self.key, Self.s(0, committed: 5, end: 10, owned: false)) == .ok)
        #expect(e.evaluate(Self.key, Self.s(60, committed: 5, end: 10, owned: false)) == .stop)
        // A member joins and owns it but has not committed yet: STALL (full window, fixed, owned).
        #expect(e.evaluate(Self.key, Self.s(70, committed: 5, end: 10, owned: true)) == .stall)
        // It commits: the stuck clock restarts.
        #expect(e.evaluate(Self.key, Self.s(80, committed: 7, end: 10, owned: false)) == .ok)
        #expect(e.history(Self.key).stuckSince == Self.t0.addingTimeInterval(80))
    }

    @Test(
        "lag 0 resets the stuck clock: an idle, caught-up group that stopped is not STOP until lag has lasted stopAfter"
    )
    func idleThenProduced() {
        let statuses = Self.run([
            Self.s(0, committed: 10, end: 10, owned: false), Self.s(500, committed: 10, end: 10, owned: false),
            Self.s(510, committed: 10, end: 12, owned: false), Self.s(560, committed: 10, end: 14, owned: false),
            Self.s(570, committed: 10, end: 14, owned: false),
        ])
        #expect(statuses == [.ok, .ok, .ok, .ok, .stop])
    }

    @Test("WARN: committed advances but lag never shrinks and grows over a full window")
    func warn() {
        let growing = Self.run([
            Self.s(0, committed: 10, end: 15), Self.s(10, committed: 12, end: 20), Self.s(20, committed: 14, end: 25),
        ])
        #expect(growing == [.ok, .ok, .warn])
        // Same for a group without live members (e.g. assign-only consumers that commit).
        let unowned = Self.run([
            Self.s(0, committed: 10, end: 15, owned: false), Self.s(10, committed: 12, end: 20, owned: false),
            Self.s(20, committed: 14, end: 25, owned: false),
        ])
        #expect(unowned.last == .warn)
    }

    @Test("not WARN: lag constant (keeping pace), lag shrinking once, or committed not advancing")
    func notWarn() {
        let constant = Self.run([
            Self.s(0, committed: 10, end: 15), Self.s(10, committed: 12, end: 17), Self.s(20, committed: 14, end: 19),
        ])
        #expect(constant.last == .ok)
        let dip = Self.run([
            Self.s(0, committed: 10, end: 15), Self.s(10, committed: 14, end: 17), Self.s(20, committed: 15, end: 25),
        ])
        #expect(dip.last == .ok)
        let fixedUnowned = Self.run([
            Self.s(0, committed: 10, end: 15, owned: false), Self.s(10, committed: 10, end: 20, owned: false),
            Self.s(20, committed: 10, end: 25, owned: false),
        ])
        #expect(fixedUnowned.last == .ok, "fixed and unowned is STOP's business, after stopAfter")
    }

    @Test("the window size is what the configuration says; it is at least 2")
    func windowSize() {
        let five = Self.run((0..<5).map { Self.s(Double($0) * 10, committed: 5, end: 10) }, window: 5)
        #expect(five == [.ok, .ok, .ok, .ok, .stall])
        #expect(LagEvaluator.Configuration(windowSize: 0).windowSize == 2)
        var e = LagEvaluator(configuration: .init(windowSize: 4))
        for i in 0..<9 { _ = e.evaluate(Self.key, Self.s(Double(i), committed: Int64(i), end: 100)) }
        #expect(e.history(Self.key).window.count == 4)
    }

    @Test("group status is the most severe partition status; severity order and codes are fixed")
    func groupStatus() {
        #expect(LagStatus.allCases == [.ok, .warn, .rewind, .stall, .stop, .err])
        #expect(LagStatus.allCases.map(\.code) == [0, 1, 2, 3, 4, 5])
        #expect(LagEvaluator.groupStatus([.ok, .stall, .warn]) == .stall)
        #expect(LagEvaluator.groupStatus([.stop, .err, .ok]) == .err)
        #expect(LagEvaluator.groupStatus([LagStatus]()) == .ok)
    }

    @Test("partitions are judged independently, and retain() forgets the ones that disappeared")
    func independenceAndRetain() {
        var e = LagEvaluator(configuration: .init(windowSize: 2))
        let other = LagEvaluator.Key(group: "g", partition: TopicPartition("t", 1))
        _ = e.evaluate(Self.key, Self.s(0, committed: 5, end: 10))
        _ = e.evaluate(other, Self.s(0, committed: 0, end: 0))
        #expect(e.evaluate(Self.key, Self.s(10, committed: 5, end: 10)) == .stall)
        #expect(e.evaluate(other, Self.s(10, committed: 0, end: 0)) == .ok)
        e.retain { $0 != Self.key }
        #expect(e.keys == [other])
        #expect(
            e.evaluate(Self.key, Self.s(20, committed: 5, end: 10)) == .ok, "a forgotten partition starts a new window")
    }

    // MARK: Lag arithmetic

    @Test("offset lag: nil without a commit, never negative")
    func offsetLagMath() {
        #expect(LagMath.offsetLag(committed: nil, logEnd: 10) == nil)
        #expect(LagMath.offsetLag(committed: 4, logEnd: 10) == 6)
        #expect(LagMath.offsetLag(committed: 10, logEnd: 10) == 0)
        #expect(LagMath.offsetLag(committed: 15, logEnd: 10) == 0)
        #expect(LagSample(time: Self.t0, committed: 15, logEnd: 10, ownedByLiveMember: true).lag == 0)
    }

    @Test("which record gives the time lag: the committed one, the log start's when below it, none when caught up")
    func probeOffsetMath() {
        #expect(LagMath.probeOffset(committed: nil, logStart: 0, logEnd: 10) == nil)
        #expect(LagMath.probeOffset(committed: 10, logStart: 0, logEnd: 10) == nil)
        #expect(LagMath.probeOffset(committed: 12, logStart: 0, logEnd: 10) == nil)
        #expect(LagMath.probeOffset(committed: 4, logStart: 0, logEnd: 10) == 4)
        #expect(LagMath.probeOffset(committed: 2, logStart: 5, logEnd: 10) == 5)
    }

    @Test("time lag: now minus the record timestamp in seconds, clamped at 0 for producer clocks ahead of ours")
    func timeLagMath() {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(LagMath.timeLag(recordTimestampMs: 990_000, now: now) == 10)
        #expect(LagMath.timeLag(recordTimestampMs: 999_750, now: now) == 0.25)
        #expect(LagMath.timeLag(recordTimestampMs: 1_005_000, now: now) == 0)
    }
}
