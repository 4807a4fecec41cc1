import Foundation
import Kafka
import KafkaTesting
import Operations
import Pipeline
import Testing

@Suite("Dead letters: show and redrive (noida-db)", .serialized)
struct DeadLetterRedriveTests {
    /// Articles 0–5 are dead-lettered as too_large by a too-small body limit (the "bug"), 6–7 are
    /// not JSON. After the fix, redriving too_large sends 0–5 back once; a second redrive and a
    /// dry run write nothing.
    @Test("fixed dead letters redriven produce their metrics once; a second redrive and the dry run write nothing")
    func redriveOnce() async throws {
        let f = try ReplayFixture(partitions: 2, count: 8, poison: [6, 7])
        let first = try f.outputTopics()
        let broken = try await offPool {
            try f.replay(ReplayRange(start: .offset(0)), into: first) { $0.maxBodyBytes = 20 }
        }
        #expect(broken.deadLetters == 8, "\(broken)")
        let rawBefore = try f.written(f.raw, partitions: 2)

        let select = DeadLetterSelection(classes: ["too_large"])
        let options = DeadLetterRedriver.Options(deadLetterTopic: first.dlq, targetTopic: f.raw)

        // show: counts by class and by reason shape, with samples.
        let report = try await offPool {
            try DeadLetterRedriver(config: f.config, options: options).report(DeadLetterSelection())
        }
        #expect(report.selected == 8 && report.unreadable == 0)
        #expect(report.byClass == ["too_large": 6, "invalid_json": 2])
        let large = try #require(report.groups.first { $0.errorClass == "too_large" })
        #expect(large.count == 6 && large.samples.count == 3 && large.reasonShape.contains("N"), "\(large.reasonShape)")

        // Dry run: the plan, nothing written (no ledger either).
        let plan = try await offPool { try DeadLetterRedriver(config: f.config, options: options).redrive(select) }
        #expect(plan.dryRun && plan.selected == 6 && plan.redriven == 6 && plan.alreadyRedriven == 0)
        #expect(try f.written(f.raw, partitions: 2) == rawBefore, "a dry run wrote to the raw topic")
        #expect((try? f.admin.partitions(of: options.effectiveLedgerTopic)) == nil, "a dry run created the ledger")

        let execute = DeadLetterRedriver.Options(deadLetterTopic: first.dlq, targetTopic: f.raw, execute: true)
        let done = try await offPool { try DeadLetterRedriver(config: f.config, options: execute).redrive(select) }
        #expect(!done.dryRun && done.redriven == 6 && done.skipped.isEmpty)
        #expect(try f.written(f.raw, partitions: 2) - rawBefore >= 6)

        // The redriven records carry the lineage; processing them (limit fixed) gives their metrics once.
        let fixed = try f.outputTopics()
        let rerun = try await offPool {
            try f.replay(ReplayRange(start: .offsets(Self.ends(f, rawBefore: rawBefore))), into: fixed)
        }
        #expect(rerun.deadLetters == 0)
        let expected = ReplayFixture.expectedMetrics(f.produced.filter { $0.index < 6 })
        let metrics = try ReplayFixture.outputs(try f.read(fixed.out, count: expected))
        #expect(metrics.count == expected, "metric events after redrive")
        #expect(Set(metrics.map(\.metricID)).count == expected, "a metric appeared twice")
        #expect(Set(metrics.map(\.articleID)) == Set((0..<6).map(ReplayFixture.id)))
        let redriven = try f.read(f.raw, count: Int(rawBefore) + 6).filter {
            $0.headers.value(forKey: "tally.redrive.of") != nil
        }
        #expect(redriven.count == 6)
        #expect(redriven.allSatisfy { $0.headers.value(forKey: "tally.original.topic") == f.raw })
        #expect(
            Set(redriven.compactMap(\.keyString)) == Set((0..<6).map(ReplayFixture.id)),
            "redriven with the original keys")

        // Again: the ledger says they are done; nothing is written.
        let rawAfter = try f.written(f.raw, partitions: 2)
        let again = try await offPool { try DeadLetterRedriver(config: f.config, options: execute).redrive(select) }
        #expect(again.redriven == 0 && again.alreadyRedriven == 6)
        #expect(try f.written(f.raw, partitions: 2) == rawAfter, "a second redrive wrote again")
        let shown = try await offPool { try DeadLetterRedriver(config: f.config, options: options).report(select) }
        #expect(shown.alreadyRedriven == 6)
    }

    /// Where each raw partition ended before the redrive: the redriven records come after.
    static func ends(_ f: ReplayFixture, rawBefore: Int64) throws -> [Int32: Int64] {
        var out: [Int32: Int64] = [:]
        for p in f.produced { out[p.partition] = max(out[p.partition] ?? 0, p.offset + 1) }
        return out
    }

    @Test("a truncated or empty original is listed as not redrivable, never half-sent; foreign records are counted")
    func notRedrivable() throws {
        let lineage = Lineage(topic: "raw", partition: 0, offset: 5, timestampMs: nil)
        let big = DeadLetterEvent(
            reason: .init(.tooLarge, "body is 900 bytes"), original: lineage, key: Array("k".utf8),
            payload: Array(repeating: 0x61, count: 900),
            parserVersion: "x", failedAt: "2026-12-01T00:00:00Z", maxPayloadBytes: 100)
        let r = ConsumerRecord(topic: "dlq", partition: 0, offset: 1, key: nil, value: big.json())
        let d = try StoredDeadLetter.decode(r).get()
        #expect(d.payloadTruncated && d.unredrivableReason?.contains("truncated") == true)
        #expect(d.id == "dlq/0/1" && d.original.offset == 5 && d.key == "k")
        let empty = DeadLetterEvent(
            reason: .init(.emptyValue, "record has no value"), original: lineage, key: nil, payload: nil,
            parserVersion: "x",
            failedAt: "2026-12-01T00:00:00Z")
        let e = try StoredDeadLetter.decode(
            ConsumerRecord(topic: "dlq", partition: 0, offset: 2, key: [0xFF, 0x00], value: empty.json())
        ).get()
        #expect(e.unredrivableReason?.contains("no original payload") == true)
        #expect(e.originalKey == [0xFF, 0x00], "a key that is not UTF-8 is kept byte for byte for the redrive")
        let binary = DeadLetterEvent(
            reason: .init(.invalidUTF8, "invalid UTF-8 at byte 0"), original: lineage, key: nil,
            payload: [0xFF, 0xFE, 0x00],
            parserVersion: "x", failedAt: "2026-12-01T00:00:00Z")
        let b = try StoredDeadLetter.decode(
            ConsumerRecord(topic: "dlq", partition: 0, offset: 3, key: nil, value: binary.json())
        ).get()
        #expect(b.payload == [0xFF, 0xFE, 0x00], "base64 payloads come back byte for byte")
        #expect(throws: StoredDeadLetter.DecodeFailure.self) {
            try StoredDeadLetter.decode(
                ConsumerRecord(topic: "dlq", partition: 0, offset: 4, key: nil, value: Array("{}".utf8))
            ).get()
        }
    }
}
