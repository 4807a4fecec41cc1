import Foundation
import Testing

@Suite("CLI first contact")
struct CLITests {
    @Test("tally demo: embedded broker, sample reports, a table of metrics, lag 0, exit 0, under a minute")
    func demo() throws {
        let start = ContinuousClock.now
        let r = try TallyProcess.run(["demo"], timeout: .seconds(60))
        #expect(r.status == 0, "stderr: \(r.stderr.suffix(1500))")
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(r.stdout.contains("Consumer lag for group tally-demo: 0"), "\(r.stdout.suffix(800))")
        #expect(r.stdout.contains("1 dead letter"))
        // Every bundled sample shows up with metrics.
        for sample in [
            "01-city-statistical-bulletin", "02-county-rural-revitalization", "03-ecology-environment",
            "04-summer-culture-tourism", "05-province-foreign-trade", "06-district-industry-page",
        ] {
            #expect(r.stdout.contains(sample.prefix(20)), "\(sample) in the table")
        }
        let summary = try #require(r.stdout.split(separator: "\n").last { $0.contains("reports →") })
        let metrics = Int(summary.split(separator: "→")[1].split(separator: " ")[0]) ?? 0
        #expect(metrics > 100, "\(summary)")
    }

    @Test("tally parse: JSON lines on stdout; a missing file is a clear error, not a crash")
    func parse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let corpus = root.deletingLastPathComponent().appendingPathComponent(
            "shared/corpus/fuzhou-2019-two-new-orgs.txt")
        let ok = try TallyProcess.run(["parse", corpus.path])
        #expect(ok.status == 0)
        let lines = ok.stdout.split(separator: "\n")
        #expect(lines.count > 40)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
        let missing = try TallyProcess.run(["parse", "/no/such/file.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/no/such/file.txt"))
        #expect(!missing.stderr.contains("Fatal error"))
    }

    @Test(
        "tally parse --files-from: the listed files (after any FILE arguments) give the output of the same files as arguments"
    )
    func parseFilesFrom() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let samples = [
            "01-city-statistical-bulletin.txt", "06-district-industry-page.html", "03-ecology-environment.txt",
        ]
        .map { root.appendingPathComponent("Sources/tally/Samples/\($0)").path }
        let direct = try TallyProcess.run(["parse"] + samples)
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(direct.stdout.contains("\"file\":"))
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("tally-files-from-\(getpid()).txt")
        try Data((samples[1...].joined(separator: "\r\n") + "\n\n").utf8).write(to: list)
        defer { try? FileManager.default.removeItem(at: list) }
        let listed = try TallyProcess.run(["parse", samples[0], "--files-from", list.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout == direct.stdout)
        let fromStdin = try TallyProcess.run(
            ["parse", "--files-from", "-"], stdin: Array(samples.joined(separator: "\n").utf8))
        #expect(fromStdin.stdout == direct.stdout)
        let missing = try TallyProcess.run(["parse", "--files-from", "/no/such/list.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/no/such/list.txt"))
    }

    @Test("tally parse on an .html page: text from the page, table metrics with their cell; --text prints the text")
    func parseHTML() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = root.appendingPathComponent("Sources/tally/Samples/06-district-industry-page.html")
        let r = try TallyProcess.run(["parse", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 16)
        let cell = try #require(objects.first { $0["text"] as? String == "118.4" })
        #expect(cell["subject"] as? String == "装备制造工业总产值")
        #expect(cell["value"] as? Double == 11_840_000_000)
        #expect((cell["location"] as? [String: Int]) == ["table": 0, "row": 2, "column": 1])
        #expect(!r.stdout.contains("1234567"), "the footer's counter is not a metric")
        let text = try TallyProcess.run(["parse", "--text", page.path])
        #expect(text.stdout.contains("全区126家规模以上工业企业完成工业总产值385.6亿元，同比增长7.4%"))
        #expect(!text.stdout.contains("fontZoom") && !text.stdout.contains("当前位置"))
        let gbk = root.appendingPathComponent("Tests/PageTextTests/Pages/gbk.html")
        let fromStdin = try TallyProcess.run(
            ["parse", "--html", "--format", "table"], stdin: Array(try Data(contentsOf: gbk)))
        #expect(fromStdin.stdout.contains("8.6亿元"), "\(fromStdin.stdout) \(fromStdin.stderr)")
    }

    @Test("--help lists every subcommand")
    func help() throws {
        let r = try TallyProcess.run(["--help"])
        #expect(r.status == 0)
        for cmd in ["run", "parse", "replay", "lag", "offsets", "demo"] { #expect(r.stdout.contains(cmd), "\(cmd)") }
    }
}
