import Foundation
import KafkaTesting
import Testing

/// SIGTERM from the first instant: a pod can be deleted while tally is still starting. The
/// commands that shut down gracefully hold the signal from the first instruction and drain;
/// the others keep the default action (so a blocked signal never leaves them unkillable).
@Suite("SIGTERM right after start (noida-db)", .serialized)
struct EarlySignalTests {
    static let delaysMs = [0, 1, 3, 5, 10, 20, 35, 50, 80, 150]

    @Test("tally run: SIGTERM 0–150 ms after exec exits 0 (graceful), never by the signal")
    func run() throws {
        let t = try E2ETopics(partitions: 1)
        for ms in Self.delaysMs {
            let p = try TallyProcess(["run"], environment: t.environment())
            if ms > 0 { Thread.sleep(forTimeInterval: Double(ms) / 1000) }
            p.signal(SIGTERM)
            let status = p.wait(timeout: .seconds(40))
            #expect(
                p.process.terminationReason == .exit,
                "SIGTERM at \(ms) ms killed it by the default action (status \(String(describing: status)))")
            #expect(
                status == 0, "SIGTERM at \(ms) ms: exit \(String(describing: status)); stderr: \(p.stderr.suffix(800))")
        }
    }

    @Test("tally lag --serve: SIGTERM 0–150 ms after exec exits 0")
    func lagServe() throws {
        let brokers = try TestCluster.integration()
        for ms in Self.delaysMs {
            let p = try TallyProcess(["lag", "--serve", "127.0.0.1:0", "--group", "g", "--brokers", brokers])
            if ms > 0 { Thread.sleep(forTimeInterval: Double(ms) / 1000) }
            p.signal(SIGTERM)
            let status = p.wait(timeout: .seconds(30))
            #expect(
                p.process.terminationReason == .exit && status == 0,
                "SIGTERM at \(ms) ms: \(String(describing: status)); \(p.stderr.suffix(800))")
        }
    }

    @Test("a one-shot command keeps the default action: SIGTERM ends `tally lag --watch` at once")
    func oneShotDefault() throws {
        let brokers = try TestCluster.integration()
        let p = try TallyProcess(["lag", "--watch", "--group", "g", "--brokers", brokers, "--interval", "1s"])
        Thread.sleep(forTimeInterval: 0.5)
        p.signal(SIGTERM)
        #expect(p.wait(timeout: .seconds(10)) == SIGTERM, "ended by the signal")
        #expect(p.process.terminationReason == .uncaughtSignal)
    }
}
