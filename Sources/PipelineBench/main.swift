// Pipeline benchmark: the real worker against a pass-through worker (same consume and produce,
// no parsing) on the same broker. Driven by bench/pipeline_bench.py, one mode per process so
// each reports its own peak RSS.
//
//   PipelineBench prepare --brokers B --prefix P --articles N [--partitions K]
//   PipelineBench run     --brokers B --prefix P --mode tally|noparse|copy
//   PipelineBench latency --brokers B --prefix P --rate R --seconds S
//   PipelineBench cpu     [--mode tally|noparse] [--articles N]   (no broker: the processing path alone)
//   PipelineBench dump    --out FILE [--mode tally|noparse] [--articles N]   (every produced record, fixed inputs and time)
import Foundation
import Kafka
import Logging
import MetricParser
import Pipeline

struct Args {
    var values: [String: String] = [:]
    let command: String
    init() {
        let a = CommandLine.arguments
        command = a.count > 1 ? a[1] : ""
        var i = 2
        while i + 1 < a.count {
            values[String(a[i].drop { $0 == "-" })] = a[i + 1]
            i += 2
        }
    }
    func string(_ k: String) -> String {
        guard let v = values[k] else { fail("missing --\(k)") }
        return v
    }
    func int(_ k: String, _ d: Int? = nil) -> Int {
        if let v = values[k], let i = Int(v) { return i }
        if let d { return d }
        fail("missing or bad --\(k)")
    }
}

func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data("PipelineBench: \(s)\n".utf8))
    exit(1)
}

func emit(_ obj: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

/// CPU-seconds (user + system) this process has used: the worker's cost, whatever the broker on
/// the same cores does to wall-clock time.
func processCPUSeconds() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(u.ru_utime) + s(u.ru_stime)
}

/// CPU-seconds of the calling thread (the processing path runs on one).
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func peakRSSMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kb / 1024
}

/// Article bodies: the shared corpus and the bundled samples, rotated with generated reports.
func bodies() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var texts: [String] = []
    for dir in [
        root.appendingPathComponent("Sources/tally/Samples"),
        root.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
    ] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            $0.hasSuffix(".txt")
        }.sorted()
        for f in files {
            if let t = try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8) { texts.append(t) }
        }
    }
    for i in 0..<10 {
        texts.append(
            "\(2020 + i)年，全区新增市场主体\(1000 + i * 77)家，完成固定资产投资\(i + 3).\(i)亿元，同比增长\(i + 1).5%，"
                + "新建道路\(10 + i)公里，建成便民服务站\(3 + i)个，惠及群众约\(i + 2)万人，森林覆盖率达\(60 + i).2%。")
    }
    return texts
}

func article(_ i: Int, _ texts: [String]) -> ProducerMessage {
    let id = "bench-\(i)"
    let obj: [String: Any] = [
        "id": id, "url": "https://bench.tally.invalid/\(id)", "body": texts[i % texts.count], "source": "bench",
        "published_at": "2026-11-01T08:00:00Z",
    ]
    return ProducerMessage(
        topic: "", key: Array(id.utf8), value: Array(try! JSONSerialization.data(withJSONObject: obj)))
}

func produce(_ kafka: KafkaConfig, topic: String, range: Range<Int>, ratePerSecond: Int? = nil) -> Int {
    let producer = try! KafkaProducer(config: kafka)
    let texts = bodies()
    var bytes = 0
    let start = ContinuousClock.now
    for i in range {
        if let rate = ratePerSecond {
            let due = start + .nanoseconds(Int64(i - range.lowerBound) * 1_000_000_000 / Int64(rate))
            let now = ContinuousClock.now
            if due > now { Thread.sleep(forTimeInterval: (due - now).inSeconds) }
        }
        var m = article(i, texts)
        m.topic = topic
        bytes += m.value?.count ?? 0
        try! producer.send(m) { if case .failure(let e) = $0 { fail("produce: \(e)") } }
    }
    try! producer.flush(timeout: .seconds(120))
    producer.close()
    return bytes
}

func committedToEnd(_ kafka: KafkaConfig, group: String, topic: String, partitions: [TopicPartition]) -> Bool {
    guard let admin = try? KafkaAdmin(config: kafka),
        let committed = try? admin.committedOffsets(group: group, partitions: partitions)
    else { return false }
    return zip(committed, partitions).allSatisfy { (try? admin.watermarks($1).high) == $0.offset }
}

/// The baselines:
/// - `copy`: each input record copied to the output topic (same consume, one produce per article);
/// - `noparse`: the worker's full path — decode, events, JSON, one record per metric — with the
///   parser replaced by a lookup of metrics computed before the timed run: same consume and
///   same produce, no parsing.
enum Mode: String { case tally, copy, noparse }

/// The parser's metrics for every body, computed before the timed run, found by the text's bytes:
/// a `[String: …]` lookup hashes the String's normalized form, which costs more than the
/// decode + encode path it stands beside.
struct PrecomputedMetrics: Sendable {
    private let byLength: [Int: [(text: String, metrics: [Metric])]]

    init() {
        let extractor = MetricExtractor()
        var table: [Int: [(text: String, metrics: [Metric])]] = [:]
        for t in bodies() { table[t.utf8.count, default: []].append((t, try! extractor.extract(t))) }
        byLength = table
    }

    func metrics(_ text: String) -> [Metric] {
        var text = text
        return text.withUTF8 { u in
            byLength[u.count]?.first { entry in
                var t = entry.text
                return t.withUTF8 { memcmp($0.baseAddress!, u.baseAddress!, u.count) == 0 }
            }?.metrics ?? []
        }
    }
}

func runWorker(_ kafka: KafkaConfig, input: String, output: String, dlq: String, group: String, mode: Mode)
    -> (worker: Worker, done: DispatchSemaphore)
{
    var c = WorkerConfiguration(kafka: kafka)
    c.inputTopic = input
    c.outputTopic = output
    c.deadLetterTopic = dlq
    c.groupID = group
    c.httpPort = 0
    c.commitInterval = .milliseconds(100)
    var transform: (@Sendable (ConsumerRecord) -> [ProducerMessage])?
    var processor: ArticleProcessor?
    switch mode {
    case .copy:
        transform = { (r: ConsumerRecord) -> [ProducerMessage] in
            [ProducerMessage(topic: output, key: r.key, value: r.value, headers: [])]
        }
    case .noparse:
        let table = PrecomputedMetrics()
        processor = ArticleProcessor(
            options: .init(outputTopic: output, deadLetterTopic: dlq),
            extract: { (text: String) throws(ParseError) -> [Metric] in table.metrics(text) })
    case .tally:
        break
    }
    let worker = Worker(configuration: c, processor: processor, logger: Logger(label: "bench"), transform: transform)
    let done = DispatchSemaphore(value: 0)
    Thread {
        do { try worker.runBlocking() } catch { fail("worker: \(error)") }
        done.signal()
    }.start()
    return (worker, done)
}

/// `cpu`: the processing path alone (decode, parse, encode events), no Kafka: where a worker core's
/// time goes. Timed on this thread's CPU clock, best of five rounds; `--mode noparse` takes the parser
/// out (a table of metrics computed before), leaving decode + encode.
func runCPU(_ args: Args) {
    let texts = bodies()
    let n = args.int("articles", 2000)
    let records = (0..<n).map { i in
        let m = article(i, texts)
        return ConsumerRecord(
            topic: "raw", partition: 0, offset: Int64(i), key: m.key, value: m.value, timestampMs: nowMs())
    }
    let inputBytes = records.reduce(0) { $0 + ($1.value?.count ?? 0) }
    let cpuMode = Mode(rawValue: args.values["mode"] ?? "tally") ?? .tally
    let processor: ArticleProcessor
    if cpuMode == .noparse {
        let table = PrecomputedMetrics()
        processor = ArticleProcessor(
            options: .init(), extract: { (text: String) throws(ParseError) -> [Metric] in table.metrics(text) })
    } else {
        processor = ArticleProcessor()
    }
    var outputs = 0
    var bytesOut = 0
    var best = Double.infinity
    for _ in 0..<5 {
        outputs = 0
        bytesOut = 0
        let start = threadCPUSeconds()
        for r in records {
            let msgs = processor.messages(for: processor.process(r), of: r)
            outputs += msgs.count
            for m in msgs { bytesOut += m.value?.count ?? 0 }
        }
        best = min(best, threadCPUSeconds() - start)
    }
    emit([
        "mode": cpuMode.rawValue, "articles": n, "input_bytes": inputBytes, "cpu_seconds": best,
        "articles_per_s": Double(n) / best, "mb_per_s": Double(inputBytes) / 1e6 / best,
        "outputs_per_article": Double(outputs) / Double(n), "bytes_out_per_article": Double(bytesOut) / Double(n),
    ])
}

LoggingSystem.bootstrap { label in
    var h = StreamLogHandler.standardError(label: label)
    h.logLevel = .error
    return h
}
let args = Args()
if args.command == "cpu" {
    runCPU(args)
    exit(0)
}
if args.command == "dump" {
    runDump(args)
    exit(0)
}
var kafka = KafkaConfig(bootstrapServers: args.string("brokers"))
kafka["receive.message.max.bytes"] = "200000000"
let prefix = args.string("prefix")

switch args.command {
case "prepare":
    let n = args.int("articles")
    let partitions = Int32(args.int("partitions", 8))
    let admin = try! KafkaAdmin(config: kafka)
    try! admin.createTopics(
        ["\(prefix).raw", "\(prefix).out.tally", "\(prefix).out.copy", "\(prefix).out.noparse"].map {
            .init(name: $0, partitions: partitions)
        }
            + [.init(name: "\(prefix).dlq", partitions: 1)], ifNotExists: true)
    let bytes = produce(kafka, topic: "\(prefix).raw", range: 0..<n)
    emit(["articles": n, "bytes": bytes])

case "run":
    guard let mode = Mode(rawValue: args.string("mode")) else { fail("--mode tally|copy|noparse") }
    let input = "\(prefix).raw"
    let admin = try! KafkaAdmin(config: kafka)
    let parts = try! admin.partitions(of: input)
    let total = parts.reduce(Int64(0)) { $0 + (try! admin.watermarks($1).high) }
    var bytes = 0.0
    let group = "\(prefix)-\(mode)-\(args.values["group-suffix"] ?? "0")"
    let (worker, done) = runWorker(
        kafka, input: input, output: "\(prefix).out.\(mode)", dlq: "\(prefix).dlq", group: group, mode: mode)
    // Time from the assignment (group joined) to every input offset committed.
    while !worker.state.isReady { Thread.sleep(forTimeInterval: 0.01) }
    let start = ContinuousClock.now
    let cpuStart = processCPUSeconds()
    while !committedToEnd(kafka, group: group, topic: input, partitions: parts) { Thread.sleep(forTimeInterval: 0.02) }
    let elapsed = ContinuousClock.now - start
    // Includes the bench's own polling of committed offsets (one admin call per 20 ms), the same in every mode.
    let cpu = processCPUSeconds() - cpuStart
    worker.stop()
    done.wait()
    let seconds = elapsed.inSeconds
    bytes = Double(args.int("bytes", 0))
    let outputs = try! admin.partitions(of: "\(prefix).out.\(mode.rawValue)").reduce(Int64(0)) {
        $0 + (try! admin.watermarks($1).high)
    }
    emit([
        "mode": mode.rawValue, "articles": total, "seconds": seconds, "articles_per_s": Double(total) / seconds,
        "mb_per_s": bytes / 1e6 / seconds, "outputs": outputs, "peak_rss_mb": peakRSSMegabytes(),
        "cpu_seconds": cpu, "cpu_seconds_per_1000_articles": cpu / Double(total) * 1000,
    ])

case "latency":
    let rate = args.int("rate")
    let seconds = args.int("seconds")
    let input = "\(prefix).lat.raw"
    let output = "\(prefix).lat.out"
    let admin = try! KafkaAdmin(config: kafka)
    try! admin.createTopics(
        [
            .init(name: input, partitions: 8), .init(name: output, partitions: 8),
            .init(name: "\(prefix).lat.dlq", partitions: 1),
        ],
        ifNotExists: true)
    let group = "\(prefix)-latency"
    let (worker, done) = runWorker(
        kafka, input: input, output: output, dlq: "\(prefix).lat.dlq", group: group, mode: .tally)
    while !worker.state.isReady { Thread.sleep(forTimeInterval: 0.01) }
    let n = rate * seconds
    _ = produce(kafka, topic: input, range: 0..<n, ratePerSecond: rate)
    let parts = try! admin.partitions(of: input)
    while !committedToEnd(kafka, group: group, topic: input, partitions: parts) { Thread.sleep(forTimeInterval: 0.05) }
    worker.stop()
    done.wait()
    // Latency of each metric: its event's create time (sent by the worker) − the article's create time.
    let outParts = try! admin.partitions(of: output)
    let expected = outParts.reduce(0) { $0 + Int(try! admin.watermarks($1).high) }
    let consumer = try! KafkaConsumer(config: kafka)
    try! consumer.assign(outParts.map { TopicPartitionOffset($0, offset: KafkaOffset.beginning) })
    var latencies: [Int64] = []
    let deadline = ContinuousClock.now + .seconds(120)
    while latencies.count < expected && ContinuousClock.now < deadline {
        guard case .record(let r) = try! consumer.poll(timeout: .milliseconds(100)) else { continue }
        let obj = try! JSONSerialization.jsonObject(with: Data(r.value!)) as! [String: Any]
        let inTs = ((obj["lineage"] as! [String: Any])["timestamp_ms"] as! NSNumber).int64Value
        latencies.append(r.timestampMs! - inTs)
    }
    latencies.sort()
    func pct(_ p: Double) -> Int64 {
        latencies.isEmpty ? -1 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
    emit([
        "rate": rate, "articles": n, "metrics": latencies.count, "p50_ms": pct(0.5), "p99_ms": pct(0.99),
        "max_ms": latencies.last ?? -1,
        "peak_rss_mb": peakRSSMegabytes(),
    ])

default:
    fail("usage: PipelineBench prepare|run|latency|cpu …")
}
