import Foundation
import Kafka
import KafkaTesting
import Testing

@testable import Operations

/// `tally offsets reset` / `show` against noida-db, plus the pure parsing of their arguments.
@Suite("Offsets reset (noida-db)")
struct OffsetsResetTests {
    /// A topic with `partitions` partitions of `records` records each, and a group with the
    /// given committed offsets (set while it is empty).
    static func setUp(
        partitions: Int32 = 2, records: Int = 10, committed: [Int32: Int64], timestamps: ((Int) -> Int64)? = nil
    ) throws -> (config: KafkaConfig, admin: KafkaAdmin, topic: String, group: String) {
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let topic = TestCluster.uniqueName("reset")
        try admin.createTopics([.init(name: topic, partitions: partitions)])
        let producer = try KafkaProducer(config: config)
        let now = Timestamps.milliseconds(Date())
        var messages: [ProducerMessage] = []
        for p in 0..<partitions {
            for i in 0..<records {
                messages.append(
                    ProducerMessage(
                        topic: topic, partition: p, key: nil, value: "r\(i)", timestampMs: timestamps?(i) ?? now - 1000)
                )
            }
        }
        for r in try producer.sendAll(messages) { _ = try r.get() }
        let group = TestCluster.uniqueName("reset-g")
        if !committed.isEmpty {
            try admin.alterCommittedOffsets(
                group: group, offsets: committed.map { TopicPartitionOffset(topic, $0.key, offset: $0.value) })
        }
        return (config, admin, topic, group)
    }

    static func committed(_ admin: KafkaAdmin, _ group: String, _ topic: String, _ n: Int32 = 2) throws -> [Int64?] {
        try admin.committedOffsets(group: group, partitions: (0..<n).map { TopicPartition(topic, $0) })
            .sorted { $0.partition < $1.partition }.map { $0.offset >= 0 ? $0.offset : nil }
    }

    @Test(
        "dry run changes nothing; it shows current → new, the retained range, and 'none' for partitions without a commit"
    )
    func dryRun() throws {
        let (config, admin, topic, group) = try Self.setUp(committed: [0: 5])
        let tool = try ConsumerGroupOffsets(config: config)
        let plan = try tool.planReset(group: group, topic: topic, to: .earliest)
        #expect(!plan.executed)
        #expect(plan.rows.map(\.partition) == [0, 1])
        #expect(
            plan.rows[0].current == 5 && plan.rows[0].new == 0 && plan.rows[0].logStart == 0
                && plan.rows[0].logEnd == 10)
        #expect(plan.rows[1].current == nil && plan.rows[1].new == 0)
        #expect(try Self.committed(admin, group, topic) == [5, nil], "a dry run must not change anything")
        let text = OffsetsTextFormat.render(plan)
        #expect(text.contains("DRY RUN") && text.contains("none") && text.contains("--execute"))
        let json = try JSONOutput.encode(plan)
        #expect(json.contains("\"current\" : null") && json.contains("\"dryRun\" : true"))
    }

    @Test("--execute moves the group (read back with committedOffsets); --partitions limits it")
    func execute() throws {
        let (config, admin, topic, group) = try Self.setUp(committed: [0: 5, 1: 6])
        let tool = try ConsumerGroupOffsets(config: config)
        let done = try tool.execute(try tool.planReset(group: group, topic: topic, to: .earliest))
        #expect(done.executed)
        #expect(try Self.committed(admin, group, topic) == [0, 0])
        try tool.execute(try tool.planReset(group: group, topic: topic, partitions: [1], to: .latest))
        #expect(try Self.committed(admin, group, topic) == [0, 10])
        try tool.execute(try tool.planReset(group: group, topic: topic, to: .offset(3)))
        #expect(try Self.committed(admin, group, topic) == [3, 3])
        try tool.execute(try tool.planReset(group: group, topic: topic, partitions: [0], to: .shift(4)))
        #expect(try Self.committed(admin, group, topic) == [7, 3])
    }

    @Test("refused while the group has an active member: the error names it and says to stop it; nothing changes")
    func refusedWhileActive() throws {
        let (config, admin, topic, group) = try Self.setUp(committed: [0: 5, 1: 5])
        let member = try PollingMember(config: config, group: group, topic: topic, clientID: "busy-worker")
        defer { member.stop() }
        try waitUntil(timeout: .seconds(60), "group \(group) has an active member") {
            try admin.describeConsumerGroups([group]).first?.isActive == true
        }
        let tool = try ConsumerGroupOffsets(config: config)
        let plan = try tool.planReset(group: group, topic: topic, to: .earliest)
        #expect(plan.activeMembers.map(\.clientID) == ["busy-worker"], "the dry run warns about the member")
        #expect(OffsetsTextFormat.render(plan).contains("will refuse"))
        let refusal = Result { try tool.execute(plan) }
        let error = try #require(
            refusal.failureValue as? OperationsError, "execute must refuse while the group is active")
        let refused = try #require(error.activeGroup, "expected groupActive, got \(error)")
        #expect(refused.group == group)
        #expect(refused.members.map(\.clientID) == ["busy-worker"])
        #expect(error.description.contains("busy-worker") && error.description.contains("Stop these consumers"))
        #expect(error.description.contains(member.consumer.memberID))
        #expect(try Self.committed(admin, group, topic) == [5, 5])
    }

    @Test("every new offset is clamped into [log start, log end], and the plan says so")
    func clamping() throws {
        let (config, admin, topic, group) = try Self.setUp(committed: [0: 5, 1: 8])
        let tool = try ConsumerGroupOffsets(config: config)
        let back = try tool.planReset(group: group, topic: topic, to: .shift(-1000))
        #expect(back.rows.map(\.requested) == [-995, -992])
        #expect(back.rows.map(\.new) == [0, 0])
        #expect(back.rows.allSatisfy { $0.clamped == .toLogStart && $0.note?.contains("clamped") == true })
        try tool.execute(back)
        #expect(try Self.committed(admin, group, topic) == [0, 0])

        let far = try tool.planReset(group: group, topic: topic, to: .offset(99_999))
        #expect(far.rows.map(\.new) == [10, 10])
        #expect(far.rows.allSatisfy { $0.clamped == .toLogEnd })
        #expect(OffsetsTextFormat.render(far).contains("2 partition(s) clamped"))
        try tool.execute(far)
        #expect(try Self.committed(admin, group, topic) == [10, 10])

        // In range: not clamped.
        let inRange = try tool.planReset(group: group, topic: topic, to: .shift(-3))
        #expect(inRange.rows.map(\.new) == [7, 7] && inRange.clampedRows.isEmpty)
    }

    @Test("--to-datetime picks the first record at or after the time (records 1 s apart); END → log end")
    func toDatetime() throws {
        let t0 = Timestamps.milliseconds(Date()) - 100_000
        let (config, admin, topic, group) = try Self.setUp(partitions: 1, committed: [0: 9]) { t0 + Int64($0) * 1000 }
        let tool = try ConsumerGroupOffsets(config: config)
        func plan(_ ms: Int64) throws -> OffsetResetPlan {
            try tool.planReset(group: group, topic: topic, to: .datetime(Timestamps.date(milliseconds: ms)))
        }
        #expect(try plan(t0 + 3500).rows[0].new == 4)
        #expect(try plan(t0 + 3000).rows[0].new == 3)
        #expect(try plan(t0).rows[0].new == 0)
        #expect(try plan(t0 - 60_000).rows[0].new == 0)
        let future = try plan(t0 + 60_000)
        #expect(future.rows[0].new == 10 && future.rows[0].note?.contains("log end") == true)
        try tool.execute(try plan(t0 + 3500))
        #expect(try Self.committed(admin, group, topic, 1) == [4])

        // --by-duration is now − duration, with an injected clock: now = t0 + 100 s.
        let clocked = try ConsumerGroupOffsets(config: config, clock: { Timestamps.date(milliseconds: t0 + 100_000) })
        let byDuration = try clocked.planReset(
            group: group, topic: topic, to: .duration(seconds: try ISO8601Duration.seconds("PT1M34.5S")))
        #expect(byDuration.resolvedTime == Timestamps.date(milliseconds: t0 + 5500))
        #expect(byDuration.rows[0].new == 6)
    }

    @Test(
        "--shift-by leaves partitions without a committed offset unchanged; unknown partitions and topics are clear errors"
    )
    func shiftNoneAndErrors() throws {
        let (config, admin, topic, group) = try Self.setUp(committed: [1: 4])
        let tool = try ConsumerGroupOffsets(config: config)
        let plan = try tool.planReset(group: group, topic: topic, to: .shift(2))
        #expect(
            plan.rows[0].current == nil && plan.rows[0].new == nil
                && plan.rows[0].note?.contains("no committed offset") == true)
        #expect(plan.rows[1].new == 6)
        #expect(plan.changes == [TopicPartitionOffset(topic, 1, offset: 6)])
        try tool.execute(plan)
        #expect(try Self.committed(admin, group, topic) == [nil, 6])

        #expect {
            try tool.planReset(group: group, topic: topic, partitions: [0, 7], to: .earliest)
        } throws: { e in
            guard case .invalidArgument(let m)? = e as? OperationsError else { return false }
            return m.contains("no partition 7")
        }
        #expect {
            try tool.planReset(group: group, topic: TestCluster.uniqueName("missing"), to: .earliest)
        } throws: { e in
            guard case .notFound(let m)? = e as? OperationsError else { return false }
            return m.contains("not found")
        }
    }

    @Test("offsets show: committed per partition with 'none', retained range and lag")
    func show() throws {
        let (config, _, topic, group) = try Self.setUp(committed: [0: 3])
        let tool = try ConsumerGroupOffsets(config: config)
        let shown = try tool.show(group: group)
        #expect(shown.rows.map(\.committed) == [3, nil])
        #expect(shown.rows.map(\.lag) == [7, nil])
        #expect(shown.rows.allSatisfy { $0.topic == topic && $0.logEnd == 10 && $0.logStart == 0 })
        let text = OffsetsTextFormat.render(shown)
        #expect(text.contains("none"))
        #expect(try tool.show(group: group, topic: topic).rows.count == 2)
        #expect(throws: OperationsError.self) { try tool.show(group: TestCluster.uniqueName("nobody")) }
    }

    // MARK: Argument parsing (pure)

    @Test("ISO 8601 durations: PnDTnHnMnS and PnW; years, months and malformed ones are refused")
    func isoDurations() throws {
        #expect(try ISO8601Duration.seconds("PT2H") == 7200)
        #expect(try ISO8601Duration.seconds("PT30M") == 1800)
        #expect(try ISO8601Duration.seconds("P1DT12H") == 129_600)
        #expect(try ISO8601Duration.seconds("PT1.5S") == 1.5)
        #expect(try ISO8601Duration.seconds("P1W") == 604_800)
        #expect(try ISO8601Duration.seconds("pt90s") == 90)
        #expect(try ISO8601Duration.seconds("P2D") == 172_800)
        for bad in ["", "2H", "P", "PT", "P1Y", "P1M", "PT1H2H", "PT1S1M", "P1H", "PT-1H", "P1DT", "PTH"] {
            #expect(throws: OperationsError.self, "\(bad) must be refused") { try ISO8601Duration.seconds(bad) }
        }
    }

    @Test("date-times need a zone; fractional seconds and offsets work")
    func datetimes() throws {
        #expect(try Timestamps.parse("2026-11-01T00:00:00Z") == Date(timeIntervalSince1970: 1_793_491_200))
        #expect(try Timestamps.parse("2026-11-01T08:00:00+08:00") == Date(timeIntervalSince1970: 1_793_491_200))
        #expect(try Timestamps.parse("2026-11-01T00:00:00.250Z") == Date(timeIntervalSince1970: 1_793_491_200.25))
        #expect(throws: OperationsError.self) { try Timestamps.parse("2026-11-01T00:00:00") }
        #expect(throws: OperationsError.self) { try Timestamps.parse("yesterday") }
    }

    @Test("intervals: 500ms, 5s, 2m, 1h, 1.5s, PT5S; zero and junk refused")
    func intervals() throws {
        #expect(try IntervalText.parse("500ms") == .milliseconds(500))
        #expect(try IntervalText.parse("5s") == .seconds(5))
        #expect(try IntervalText.parse("2m") == .seconds(120))
        #expect(try IntervalText.parse("1h") == .seconds(3600))
        #expect(try IntervalText.parse("1.5s") == .milliseconds(1500))
        #expect(try IntervalText.parse("10") == .seconds(10))
        #expect(try IntervalText.parse("PT5S") == .seconds(5))
        for bad in ["0s", "-5s", "abc", "5x", ""] {
            #expect(throws: OperationsError.self, "\(bad) must be refused") { try IntervalText.parse(bad) }
        }
        #expect(IntervalText.format(.seconds(150)) == "2m30s")
        #expect(IntervalText.format(.milliseconds(250)) == "250ms")
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

extension OperationsError {
    /// The payload of `.groupActive`, nil for other cases.
    var activeGroup: (group: String, members: [GroupMember])? {
        if case .groupActive(let g, let m) = self { return (g, m) }
        return nil
    }
}
