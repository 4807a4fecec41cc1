import Foundation
import Kafka
import KafkaTesting
import Synchronization
import Telemetry
import Testing

@testable import Operations

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `tally lag` against a real Kafka-protocol broker (noida-db): the numbers must be the truth,
/// statuses must follow the rules, and the exporter must serve valid Prometheus text with the
/// same numbers as the JSON output.
@Suite("Lag (noida-db)")
struct LagTests {
    static func nowMs() -> Int64 { Timestamps.milliseconds(Date()) }

    /// A topic with `partitions` partitions, on the shared integration broker.
    static func topic(_ prefix: String, partitions: Int32) throws -> (KafkaConfig, KafkaAdmin, String) {
        let config = try TestCluster.integrationConfig()
        let admin = try KafkaAdmin(config: config)
        let topic = TestCluster.uniqueName(prefix)
        try admin.createTopics([.init(name: topic, partitions: partitions)])
        return (config, admin, topic)
    }

    /// Produces records with the given create timestamps (ms) to one partition; checks delivery.
    static func produce(_ producer: KafkaProducer, _ topic: String, partition: Int32, timestamps: [Int64]) throws {
        let results = try producer.sendAll(
            timestamps.enumerated().map { i, ts in
                ProducerMessage(topic: topic, partition: partition, key: nil, value: "r\(i)", timestampMs: ts)
            })
        for r in results { _ = try r.get() }
    }

    static func partition(_ g: GroupLag, _ p: Int32) throws -> PartitionLag {
        try #require(g.partitions.first { $0.partition == p }, "partition \(p) missing from the report of \(g.group)")
    }

    @Test(
        "offset lag and time lag are the truth: stopped consumer, producer at a known rate, records read not interpolated"
    )
    func numbersMatchTruth() throws {
        let (config, admin, topic) = try Self.topic("lag-truth", partitions: 3)
        let producer = try KafkaProducer(config: config)
        // Partition 0: 20 records, one every 2 s, the last 22 s ago. Partition 1: 5 records. Partition 2: 3.
        let base = Self.nowMs() - 60_000
        let ts0 = (0..<20).map { base + Int64($0) * 2000 }
        try Self.produce(producer, topic, partition: 0, timestamps: ts0)
        try Self.produce(producer, topic, partition: 1, timestamps: (0..<5).map { _ in Self.nowMs() - 5000 })
        try Self.produce(producer, topic, partition: 2, timestamps: (0..<3).map { _ in Self.nowMs() - 5000 })

        // A real consumer of the group reads, commits p0@7 and p1@5 (nothing on p2), and stops.
        let group = TestCluster.uniqueName("lag-truth-g")
        var cc = config
        cc.groupID = group
        let consumer = try KafkaConsumer(config: cc)
        try consumer.subscribe([topic])
        let got = try consumer.records(count: 28, timeout: .seconds(60))
        try #require(got.count == 28, "the group's consumer read \(got.count) of 28 records")
        try consumer.commit([TopicPartitionOffset(topic, 0, offset: 7), TopicPartitionOffset(topic, 1, offset: 5)])
        consumer.close()
        try waitUntil(timeout: .seconds(30), "group \(group) becomes empty after its consumer closed") {
            try admin.describeConsumerGroups([group]).first?.isActive == false
        }

        let monitor = try LagMonitor(config: config)
        let before = Date()
        let g1 = try #require(try monitor.evaluate(.group(group)).first)
        let after = Date()
        #expect(g1.error == nil)
        #expect(g1.members.isEmpty)
        let p0 = try Self.partition(g1, 0)
        #expect(p0.committedOffset == 7)
        #expect(p0.logEndOffset == 20)
        #expect(p0.logStartOffset == 0)
        #expect(p0.offsetLag == 13)
        #expect(p0.oldestUnprocessedOffset == 7, "the record AT the committed offset is read")
        #expect(p0.oldestUnprocessedTimestampMs == ts0[7])
        let timeLag = try #require(p0.timeLagSeconds, "time lag of p0: \(p0.error ?? "")")
        // Exact against the evaluation's own instant, and within 1 s of the wall clock around it.
        #expect(abs(timeLag - (g1.evaluatedAt.timeIntervalSince1970 - Double(ts0[7]) / 1000)) < 0.002)
        let truthLow = before.timeIntervalSince1970 - Double(ts0[7]) / 1000
        let truthHigh = after.timeIntervalSince1970 - Double(ts0[7]) / 1000
        #expect(
            timeLag >= truthLow - 1 && timeLag <= truthHigh + 1, "time lag \(timeLag) vs truth \(truthLow)…\(truthHigh)"
        )
        #expect(p0.owner == nil && p0.status == .ok)

        let p1 = try Self.partition(g1, 1)
        #expect(p1.committedOffset == 5 && p1.offsetLag == 0 && p1.timeLagSeconds == 0, "caught up: both lags 0")
        let p2 = try Self.partition(g1, 2)
        #expect(
            p2.committedOffset == nil && p2.offsetLag == nil && p2.timeLagSeconds == nil,
            "no commit: no numbers, never -1")
        #expect(p2.logEndOffset == 3)
        #expect(p2.note == "no committed offset")
        #expect(g1.totalOffsetLag == 13)
        #expect(g1.maxTimeLagSeconds == timeLag)

        // The producer goes on: 10 more records at 1 per second, the newest now.
        let now = Self.nowMs()
        try Self.produce(producer, topic, partition: 0, timestamps: (0..<10).map { now - Int64(9 - $0) * 1000 })
        let before2 = Date()
        let g2 = try #require(try monitor.evaluate(.group(group)).first)
        let after2 = Date()
        let q0 = try Self.partition(g2, 0)
        #expect(q0.offsetLag == 23)
        #expect(q0.oldestUnprocessedOffset == 7, "still the same oldest unprocessed record")
        let lag2 = try #require(q0.timeLagSeconds)
        let low2 = before2.timeIntervalSince1970 - Double(ts0[7]) / 1000
        let high2 = after2.timeIntervalSince1970 - Double(ts0[7]) / 1000
        #expect(lag2 >= low2 - 1 && lag2 <= high2 + 1, "time lag \(lag2) vs truth \(low2)…\(high2)")
        #expect(lag2 > timeLag, "the same record, later: the time lag grew")

        // One assign-only consumer per evaluation that had to read, none left open.
        #expect(monitor.probeConsumersCreated == 2)
        #expect(monitor.probeConsumersOpen == 0)

        // JSON spells missing values as null, not -1 and not absent.
        let json = try JSONOutput.encode([g2])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let parts = try #require(parsed.first?["partitions"] as? [[String: Any]])
        let jp2 = try #require(parts.first { ($0["partition"] as? Int) == 2 })
        #expect(jp2["committedOffset"] is NSNull && jp2["offsetLag"] is NSNull && jp2["timeLagSeconds"] is NSNull)
        #expect((parts.first { ($0["partition"] as? Int) == 0 }?["offsetLag"] as? Int) == 23)
    }

    @Test("statuses from real numbers with injected sample times: STOP (no member), WARN (falling behind), REWIND")
    func stopWarnRewind() throws {
        let (config, admin, topic) = try Self.topic("lag-status", partitions: 1)
        let producer = try KafkaProducer(config: config)
        let tp = TopicPartition(topic, 0)
        try Self.produce(producer, topic, partition: 0, timestamps: (0..<10).map { _ in Self.nowMs() - 1000 })
        let monitor = try LagMonitor(
            config: config, configuration: .init(evaluator: .init(windowSize: 3, stopAfter: .seconds(60))))
        let t0 = Date()

        // STOP: committed fixed at 4 (the consumer is gone), producer keeps writing.
        let stopped = TestCluster.uniqueName("lag-stop")
        try admin.alterCommittedOffsets(group: stopped, offsets: [TopicPartitionOffset(tp, offset: 4)])
        var stopStatuses: [LagStatus] = []
        for (i, dt) in [0.0, 30, 59, 60].enumerated() {
            if i > 0 { try Self.produce(producer, topic, partition: 0, timestamps: [Self.nowMs()]) }
            let g = try #require(try monitor.evaluate(.group(stopped), sampleTime: t0.addingTimeInterval(dt)).first)
            let p = try Self.partition(g, 0)
            #expect(p.offsetLag == Int64(10 + i - 4), "offset lag is the broker's log end minus the commit")
            stopStatuses.append(p.status)
            #expect(g.status == p.status)
        }
        #expect(stopStatuses == [.ok, .ok, .ok, .stop])

        // WARN: commits advance by 1 while 3 records arrive per evaluation.
        let slow = TestCluster.uniqueName("lag-warn")
        var committed: Int64 = 0
        var warnStatuses: [LagStatus] = []
        var lags: [Int64] = []
        for i in 0..<4 {
            committed += 1
            try admin.alterCommittedOffsets(group: slow, offsets: [TopicPartitionOffset(tp, offset: committed)])
            try Self.produce(producer, topic, partition: 0, timestamps: (0..<3).map { _ in Self.nowMs() })
            let end = try admin.watermarks(tp).high
            let g = try #require(
                try monitor.evaluate(.group(slow), sampleTime: t0.addingTimeInterval(Double(i) * 10)).first)
            let p = try Self.partition(g, 0)
            #expect(p.offsetLag == end - committed)
            lags.append(p.offsetLag ?? -1)
            warnStatuses.append(p.status)
        }
        #expect(warnStatuses == [.ok, .ok, .warn, .warn], "lags \(lags)")

        // REWIND: the committed offset is moved back.
        try admin.alterCommittedOffsets(group: slow, offsets: [TopicPartitionOffset(tp, offset: 0)])
        let r = try #require(try monitor.evaluate(.group(slow), sampleTime: t0.addingTimeInterval(40)).first)
        #expect(try Self.partition(r, 0).status == .rewind)
        #expect(monitor.probeConsumersOpen == 0)
    }

    @Test("STALL while a live member owns the partition without committing; STOP once it is gone for stopAfter")
    func stallThenStop() throws {
        let (config, admin, topic) = try Self.topic("lag-stall", partitions: 1)
        let producer = try KafkaProducer(config: config)
        try Self.produce(producer, topic, partition: 0, timestamps: (0..<10).map { _ in Self.nowMs() - 2000 })
        let group = TestCluster.uniqueName("lag-stall-g")
        let tp = TopicPartition(topic, 0)
        try admin.alterCommittedOffsets(group: group, offsets: [TopicPartitionOffset(tp, offset: 2)])

        let member = try PollingMember(config: config, group: group, topic: topic, clientID: "stuck-worker")
        defer { member.stop() }
        try waitUntil(timeout: .seconds(60), "the member of \(group) is assigned \(tp)") {
            try admin.describeConsumerGroups([group]).first?.members.contains { $0.assignment.contains(tp) } == true
        }
        let monitor = try LagMonitor(
            config: config, configuration: .init(evaluator: .init(windowSize: 3, stopAfter: .seconds(60))))
        let t0 = Date()
        var statuses: [LagStatus] = []
        for dt in [0.0, 10, 20] {
            let g = try #require(try monitor.evaluate(.group(group), sampleTime: t0.addingTimeInterval(dt)).first)
            let p = try Self.partition(g, 0)
            #expect(p.offsetLag == 8 && p.committedOffset == 2)
            #expect(p.owner != nil, "owned by the live member")
            #expect(g.members.map(\.clientID) == ["stuck-worker"])
            #expect(g.members.first?.assignment == [tp])
            statuses.append(p.status)
        }
        #expect(statuses == [.ok, .ok, .stall])

        member.stop()
        try waitUntil(timeout: .seconds(30), "group \(group) becomes empty") {
            try admin.describeConsumerGroups([group]).first?.isActive == false
        }
        let g30 = try #require(try monitor.evaluate(.group(group), sampleTime: t0.addingTimeInterval(30)).first)
        #expect(
            try Self.partition(g30, 0).status == .ok, "unowned but stuck for 30 s < stopAfter: could be a rebalance")
        let g60 = try #require(try monitor.evaluate(.group(group), sampleTime: t0.addingTimeInterval(60)).first)
        #expect(try Self.partition(g60, 0).status == .stop)
        #expect(g60.members.isEmpty && g60.status == .stop)
    }

    @Test(
        "exporter: valid Prometheus text (reference parser), same numbers as the JSON report; vanished series are removed"
    )
    func exporter() async throws {
        let (config, admin, topic) = try Self.topic("lag-exp", partitions: 2)
        let producer = try KafkaProducer(config: config)
        let base = Self.nowMs() - 30_000
        try Self.produce(producer, topic, partition: 0, timestamps: (0..<6).map { base + Int64($0) * 1000 })
        try Self.produce(producer, topic, partition: 1, timestamps: [base])
        // A group name that needs escaping in label values.
        let group = TestCluster.uniqueName("lag-exp \"quoted\" \\ g")
        try admin.alterCommittedOffsets(group: group, offsets: [TopicPartitionOffset(topic, 0, offset: 2)])
        // A second group on a topic that will be deleted: its series must disappear.
        let (_, _, doomed) = try Self.topic("lag-exp-doomed", partitions: 1)
        try Self.produce(producer, doomed, partition: 0, timestamps: [Self.nowMs()])
        let doomedGroup = TestCluster.uniqueName("lag-exp-doomed-g")
        try admin.alterCommittedOffsets(group: doomedGroup, offsets: [TopicPartitionOffset(doomed, 0, offset: 0)])

        let monitor = try LagMonitor(config: config)
        let exporter = LagExporter(monitor: monitor, selection: GroupSelection(groups: .all), interval: .seconds(3600))
        let port = Mutex<Int?>(nil)
        let server = TelemetryServer(host: "127.0.0.1", port: 0, render: exporter.render, health: exporter) { p in
            port.withLock { $0 = p }
        }
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        try await waitUntil(timeout: .seconds(60), "the metrics server is listening") { port.withLock { $0 } != nil }
        let url = URL(string: "http://127.0.0.1:\(port.withLock { $0 }!)/metrics")!

        #expect(!exporter.isReady)
        let reports = await exporter.evaluateOnce()
        #expect(exporter.isReady)
        let mine = try #require(reports.first { $0.group == group }, "group listed with --all-groups")
        #expect(reports.contains { $0.group == doomedGroup })

        let text = try await Self.fetch(url)
        let prom = try PrometheusParse.parse(text)
        // Every family is a gauge, with HELP and TYPE (the parser checked the syntax).
        #expect(prom.families["tally_lag_partition_offset_lag"] == "gauge")
        #expect(prom.families["tally_lag_group_status"] == "gauge")

        // The same numbers as the JSON report, partition by partition.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(reports).utf8)) as? [[String: Any]])
        let jg = try #require(json.first { ($0["group"] as? String) == group })
        for jp in try #require(jg["partitions"] as? [[String: Any]]) {
            let labels = ["group": group, "topic": topic, "partition": String(jp["partition"] as! Int)]
            for (metric, field) in [
                ("tally_lag_partition_offset_lag", "offsetLag"),
                ("tally_lag_partition_time_lag_seconds", "timeLagSeconds"),
                ("tally_lag_partition_committed_offset", "committedOffset"),
                ("tally_lag_partition_log_end_offset", "logEndOffset"),
            ] {
                let served: Double? = prom.value(metric, labels)
                let shown = served.map { "\($0)" } ?? "absent"
                if let n = jp[field] as? NSNumber {
                    let want = n.doubleValue
                    #expect(served == want, "\(metric)\(labels) = \(shown), JSON \(field) = \(want)")
                } else {
                    #expect(served == nil, "\(metric)\(labels) must be absent when JSON \(field) is null")
                }
            }
            for s in LagStatus.allCases {
                let v = prom.value("tally_lag_partition_status", labels.merging(["status": s.rawValue]) { a, _ in a })
                #expect(v == (s.rawValue == jp["status"] as? String ? 1 : 0))
            }
        }
        #expect(prom.value("tally_lag_partition_offset_lag", ["group": group, "topic": topic, "partition": "0"]) == 4)
        #expect(
            prom.value("tally_lag_partition_committed_offset", ["group": group, "topic": topic, "partition": "1"])
                == nil)
        #expect(
            prom.value("tally_lag_group_offset_lag_sum", ["group": group])
                == (jg["totalOffsetLag"] as! NSNumber).doubleValue)
        #expect(
            prom.value("tally_lag_group_max_time_lag_seconds", ["group": group])
                == (jg["maxTimeLagSeconds"] as! NSNumber).doubleValue)
        #expect(prom.value("tally_lag_group_members", ["group": group]) == 0)
        #expect(prom.value("tally_lag_group_status_code", ["group": group]) == Double(mine.status.code))
        #expect(prom.value("tally_lag_group_status", ["group": group, "status": mine.status.rawValue]) == 1)
        #expect(prom.value("tally_lag_evaluation_success", [:]) == 1)
        let served = try #require(
            prom.value("tally_lag_partition_time_lag_seconds", ["group": group, "topic": topic, "partition": "0"]))
        // The record at the committed offset (2) has timestamp base + 2 s.
        #expect(abs(served - (mine.evaluatedAt.timeIntervalSince1970 - Double(base + 2000) / 1000)) < 0.002)
        #expect(prom.samples.contains { $0.labels["group"] == doomedGroup })

        // The doomed topic goes away: its group has nothing left to report and disappears.
        try admin.deleteTopics([doomed])
        try await waitUntil(timeout: .seconds(30), "topic \(doomed) is gone") {
            (try? admin.partitions(of: doomed)) == nil
        }
        await exporter.evaluateOnce()
        let after = try PrometheusParse.parse(try await Self.fetch(url))
        #expect(!after.samples.contains { $0.labels["group"] == doomedGroup }, "series of a vanished group are removed")
        #expect(!after.samples.contains { $0.labels["topic"] == doomed }, "series of vanished partitions are removed")
        #expect(after.value("tally_lag_partition_offset_lag", ["group": group, "topic": topic, "partition": "0"]) == 4)
        #expect(monitor.probeConsumersOpen == 0)
    }

    @Test(
        "exporter with allow/deny patterns exports exactly the matching groups; --no-partition-series keeps group series only"
    )
    func exporterFilters() async throws {
        let (config, admin, topic) = try Self.topic("lag-filter", partitions: 2)
        let producer = try KafkaProducer(config: config)
        try Self.produce(producer, topic, partition: 0, timestamps: [Self.nowMs()])
        let prefix = TestCluster.uniqueName("lagf")
        let groups = ["\(prefix)-keep-a", "\(prefix)-keep-b", "\(prefix)-drop", "other-\(prefix)"]
        for g in groups {
            try admin.alterCommittedOffsets(group: g, offsets: [TopicPartitionOffset(topic, 0, offset: 0)])
        }

        let filter = try GroupFilter(allow: ["\(prefix)-.*"], deny: [".*-drop"])
        let monitor = try LagMonitor(config: config)
        for partitionSeries in [true, false] {
            let exporter = LagExporter(
                monitor: monitor, selection: GroupSelection(groups: .all, filter: filter), interval: .seconds(3600),
                partitionSeries: partitionSeries)
            await exporter.evaluateOnce()
            let prom = try PrometheusParse.parse(exporter.render())
            let exported = Set(prom.samples.compactMap { $0.labels["group"] })
            #expect(exported == ["\(prefix)-keep-a", "\(prefix)-keep-b"], "exported groups: \(exported.sorted())")
            #expect(prom.value("tally_lag_group_offset_lag_sum", ["group": "\(prefix)-keep-a"]) == 1)
            let partitionSamples = prom.samples.filter { $0.name.hasPrefix("tally_lag_partition_") }
            #expect(
                partitionSamples.isEmpty == !partitionSeries, "partition series present: \(!partitionSamples.isEmpty)")
        }
        // Named groups are filtered the same way.
        let named = try monitor.evaluate(GroupSelection(groups: .named(groups), filter: filter))
        #expect(named.map(\.group) == ["\(prefix)-keep-a", "\(prefix)-keep-b"])
        #expect(monitor.probeConsumersOpen == 0)
    }

    @Test("group filters: whole-name match, deny wins, a bad pattern is a clear error")
    func groupFilterRules() throws {
        let f = try GroupFilter(allow: ["tally-.*", "etl"], deny: ["tally-test-.*"])
        #expect(f.admits("tally-workers"))
        #expect(f.admits("etl"))
        #expect(!f.admits("etl-2"), "whole name, not a substring")
        #expect(!f.admits("tally-test-1"), "deny wins over allow")
        #expect(!f.admits("billing"))
        #expect(GroupFilter.none.admits("anything"))
        #expect { _ = try GroupFilter(deny: ["(unclosed"]) } throws: {
            "\($0)".contains("--deny-groups") && "\($0)".contains("(unclosed")
        }
    }

    @Test(
        "a group that does not exist is ERR with a clear error when asked by name; listing skips nothing it should not")
    func unknownGroup() throws {
        let config = try TestCluster.integrationConfig()
        let monitor = try LagMonitor(config: config)
        let name = TestCluster.uniqueName("lag-nobody")
        let g = try #require(try monitor.evaluate(.group(name)).first)
        #expect(g.status == .err)
        #expect(g.error?.contains("not found") == true)
        #expect(g.partitions.isEmpty)
        // With --topic, the group is shown with every partition as "no committed offset".
        let (_, _, topic) = try Self.topic("lag-nobody-t", partitions: 2)
        let t = try #require(try monitor.evaluate(.group(name, topic: topic)).first)
        #expect(
            t.error == nil && t.partitions.count == 2
                && t.partitions.allSatisfy { $0.committedOffset == nil && $0.status == .ok })
        let missing = try #require(
            try monitor.evaluate(.group(name, topic: TestCluster.uniqueName("no-such-topic"))).first)
        #expect(missing.status == .err && missing.error?.contains("not found") == true)
    }

    @Test(
        "Prometheus text of hand-made reports: label escaping, omitted series, one-hot status — parsed by the reference parser"
    )
    func renderPure() throws {
        let p = PartitionLag(
            topic: "t", partition: 0, committedOffset: nil, logStartOffset: 0, logEndOffset: 5, offsetLag: nil,
            timeLagSeconds: nil,
            oldestUnprocessedOffset: nil, oldestUnprocessedTimestampMs: nil, committedBelowLogStart: false, owner: nil,
            status: .ok,
            note: "no committed offset", error: nil)
        var q = p
        q.partition = 1
        q.committedOffset = 1
        q.offsetLag = 4
        q.timeLagSeconds = 12.5
        q.status = .stall
        let g = GroupLag(
            group: "a\"b\\c\nd", state: "Stable", evaluatedAt: Date(), members: [], partitions: [p, q], status: .stall)
        let text = LagPrometheusText.render([g])
        let prom = try PrometheusParse.parse(text)
        let labels = ["group": "a\"b\\c\nd", "topic": "t"]
        #expect(prom.value("tally_lag_partition_offset_lag", labels.merging(["partition": "0"]) { a, _ in a }) == nil)
        #expect(prom.value("tally_lag_partition_log_end_offset", labels.merging(["partition": "0"]) { a, _ in a }) == 5)
        #expect(
            prom.value("tally_lag_partition_time_lag_seconds", labels.merging(["partition": "1"]) { a, _ in a }) == 12.5
        )
        #expect(prom.value("tally_lag_group_status", ["group": "a\"b\\c\nd", "status": "STALL"]) == 1)
        #expect(prom.value("tally_lag_group_status", ["group": "a\"b\\c\nd", "status": "OK"]) == 0)
        #expect(prom.value("tally_lag_group_status_code", ["group": "a\"b\\c\nd"]) == 3)
        #expect(prom.samples.filter { $0.name == "tally_lag_partition_status" }.count == 12)
        // With no groups, still valid text (families with no samples).
        _ = try PrometheusParse.parse(LagPrometheusText.render([]))
    }

    static func fetch(_ url: URL) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: url)
        let status = (response as? HTTPURLResponse)?.statusCode
        try #require(status == 200, "GET \(url) answered \(status.map(String.init) ?? "no status")")
        return String(decoding: data, as: UTF8.self)
    }
}

/// Parses Prometheus text with the reference parser (prometheus_client, via
/// Support/parse_prometheus.py) — an independent check that the exposition is valid.
struct PrometheusParse {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    private struct Output: Decodable {
        var families: [String: String]
        var samples: [Sample]
    }

    var families: [String: String]
    var samples: [Sample]

    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/parse_prometheus.py")

    static func parse(_ text: String) throws -> PrometheusParse {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = errors
        try p.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus == 3 {
            throw ParseError(description: "prometheus_client is missing: run `pip install prometheus-client` (\(err))")
        }
        guard p.terminationStatus == 0 else {
            throw ParseError(
                description: "the reference parser rejected the exposition (\(p.terminationStatus)): \(err)\n\(text)")
        }
        let o = try JSONDecoder().decode(Output.self, from: out)
        return PrometheusParse(families: o.families, samples: o.samples)
    }
}

/// A live group member: subscribed, polling on its own thread, never committing.
final class PollingMember: @unchecked Sendable {
    let consumer: KafkaConsumer
    private let running = Mutex(true)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    init(config: KafkaConfig, group: String, topic: String, clientID: String) throws {
        var c = config
        c.groupID = group
        c.clientID = clientID
        c["session.timeout.ms"] = "6000"
        c["heartbeat.interval.ms"] = "500"
        consumer = try KafkaConsumer(config: c)
        try consumer.subscribe([topic])
        let thread = Thread { [self] in
            while running.withLock({ $0 }) { _ = try? consumer.poll(timeout: .milliseconds(50)) }
            finished.signal()
        }
        thread.start()
    }

    /// Stops polling and leaves the group (idempotent).
    func stop() {
        guard
            !stopped.withLock({
                let was = $0; $0 = true; return was
            })
        else { return }
        running.withLock { $0 = false }
        finished.wait()
        consumer.close()
    }
}
