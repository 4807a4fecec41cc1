import Foundation
import Kafka
import Pipeline
import Testing

@Suite("One settings table: every name of a setting derives from its row")
struct SettingsTableTests {
    @Test("each row's environment name maps back to its key, and its default passes its own validation")
    func rowsAreConsistent() throws {
        for spec in SettingsTable.run {
            #expect(Settings.fromEnvironment([spec.environmentName: "x"]) == [spec.key: "x"], "\(spec.key)")
            if let d = spec.defaultValue { try spec.validate(d, source: "default") }
        }
        #expect(Set(SettingsTable.run.map(\.key)).count == SettingsTable.run.count, "keys are unique")
        #expect(
            Set(SettingsTable.run.compactMap(\.flag)).count == SettingsTable.run.compactMap(\.flag).count,
            "flags are unique")
    }

    @Test("defaults of WorkerConfiguration are the table's")
    func defaults() throws {
        let c = try WorkerConfiguration(settings: Settings.resolve(flags: [:], environment: [:], file: [:]))
        #expect(c.maxInFlight == 2000 && c.httpPort == 9464 && c.inputTopic == "articles.raw")
        #expect(c.kafka.bootstrapServers == "127.0.0.1:9092")
        #expect(c.maxDeadLetterPayloadBytes == 256 * 1024, "the limit that was fixed in code before it was a setting")
        let set = try WorkerConfiguration(
            settings: Settings.resolve(
                flags: [:], environment: ["TALLY_DEADLETTER_MAX_PAYLOAD_BYTES": "4096"], file: [:]))
        #expect(set.maxDeadLetterPayloadBytes == 4096)
        let tooSmall = Settings.resolve(
            flags: [:], environment: ["TALLY_DEADLETTER_MAX_PAYLOAD_BYTES": "10"], file: [:])
        #expect { _ = try WorkerConfiguration(settings: tooSmall) } throws: {
            "\($0)".contains("deadletter.max.payload.bytes")
        }
    }

    @Test("a choice setting rejects other words, naming the key and the source")
    func choices() {
        let s = Settings.resolve(flags: [:], environment: ["TALLY_LOG_FORMAT": "logfmt"], file: [:])
        #expect { _ = try WorkerConfiguration(settings: s) } throws: {
            "\($0)".contains("log.format") && "\($0)".contains("environment")
        }
    }

    @Test(
        "--print-config JSON: one object per setting with key, flag, env, value, source, default, secret; secrets redacted"
    )
    func printConfig() throws {
        let s = Settings.resolve(
            flags: ["max.in.flight": "30"],
            environment: ["TALLY_KAFKA_SASL_PASSWORD": "hunter2", "TALLY_GROUP_ID": "g"],
            file: ["input.topic": "in"], defaults: SettingsTable.defaults)
        let report = EffectiveSettings(
            settings: s, configuration: try WorkerConfiguration(settings: s), configFile: "/etc/t",
            configFileSource: .flag)
        let json = report.json()
        #expect(!json.contains("hunter2"))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        for o in objects {
            #expect(Set(o.keys) == ["key", "flag", "env", "value", "source", "default", "secret"], "\(o)")
        }
        let byKey = Dictionary(uniqueKeysWithValues: objects.map { ($0["key"] as! String, $0) })
        #expect(byKey["max.in.flight"]?["source"] as? String == "flag")
        #expect(byKey["max.in.flight"]?["flag"] as? String == "--max-in-flight")
        #expect(byKey["group.id"]?["source"] as? String == "environment")
        #expect(byKey["input.topic"]?["source"] as? String == "file")
        #expect(byKey["http.port"]?["source"] as? String == "default")
        #expect(byKey["http.port"]?["env"] as? String == "TALLY_HTTP_PORT")
        #expect(byKey["kafka.sasl.password"]?["value"] as? String == "[redacted]")
        #expect(byKey["kafka.sasl.password"]?["secret"] as? Bool == true)
        #expect(byKey["group.instance.id"]?["value"] is NSNull, "unset without default: an explicit null")
        #expect(report.text().contains("max.in.flight"))
    }

    @Test("docs/settings.md is the table (regenerate: tally run --print-config --format markdown)")
    func docs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/settings.md"), encoding: .utf8)
        #expect(text == SettingsTable.markdown())
    }
}
