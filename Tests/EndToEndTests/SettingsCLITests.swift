import Foundation
import Pipeline
import Testing

@Suite("tally run's flags are the settings table's")
struct SettingsCLITests {
    /// Options of `tally run` that are not settings rows.
    static let notSettings: Set<String> = ["config", "kafka-property", "print-config", "format", "help", "version"]

    @Test("--experimental-dump-help lists exactly the table's flags, with the table's help")
    func flagsMatchTable() throws {
        let r = try TallyProcess.run(["--experimental-dump-help"])
        #expect(r.status == 0)
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let root = try #require(dump["command"] as? [String: Any])
        let run = try #require(
            (root["subcommands"] as? [[String: Any]])?.first { $0["commandName"] as? String == "run" })
        var flags: [String: String] = [:]
        for arg in run["arguments"] as? [[String: Any]] ?? [] {
            let names = (arg["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap {
                $0["name"] as? String
            }
            for n in names where !Self.notSettings.contains(n) { flags[n] = arg["abstract"] as? String ?? "" }
        }
        let table = Dictionary(
            uniqueKeysWithValues: SettingsTable.run.compactMap { s in s.flag.map { ($0, s.helpLine) } })
        #expect(Set(flags.keys) == Set(table.keys))
        for (flag, help) in table { #expect(flags[flag] == help, "--\(flag)") }
    }

    @Test("--print-config shows sources and redacts secrets without connecting to Kafka")
    func printConfig() throws {
        let r = try TallyProcess.run(
            ["run", "--print-config", "--format", "json", "--max-in-flight", "7", "--brokers", "127.0.0.1:1"],
            environment: ["TALLY_GROUP_ID": "from-env", "TALLY_KAFKA_SASL_PASSWORD": "hunter2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("hunter2"))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as! String, $0) })
        #expect(byKey["max.in.flight"]?["value"] as? String == "7")
        #expect(byKey["max.in.flight"]?["source"] as? String == "flag")
        #expect(byKey["group.id"]?["source"] as? String == "environment")
        #expect(byKey["brokers"]?["value"] as? String == "127.0.0.1:1")
        #expect(byKey["kafka.sasl.password"]?["value"] as? String == "[redacted]")

        let bad = try TallyProcess.run(["run", "--print-config"], environment: ["TALLY_HTTP_PORT": "70000"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("http.port"))
    }
}
