import Kafka
import Pipeline
import Testing

@Suite("Configuration precedence: flags > environment > file > defaults")
struct SettingsTests {
    @Test("each source overrides the ones below it")
    func precedence() throws {
        let file = try Settings.parseProperties(
            """
            # worker settings
            input.topic = file-in
            group.id: file-group
            max.in.flight=10
            kafka.client.id=from-file
            """)
        let env = ["TALLY_GROUP_ID": "env-group", "TALLY_MAX_IN_FLIGHT": "20", "TALLY_KAFKA_CLIENT_ID": "from-env", "HOME": "/root"]
        let flags = ["max.in.flight": "30"]
        let s = Settings.resolve(flags: flags, environment: env, file: file)
        let c = try WorkerConfiguration(settings: s)
        #expect(c.inputTopic == "file-in", "file beats default")
        #expect(c.groupID == "env-group", "environment beats file")
        #expect(c.maxInFlight == 30, "flag beats environment")
        #expect(c.kafka.clientID == "from-env", "kafka.* pass-through follows the same precedence")
        #expect(c.outputTopic == "metrics.normalized", "default when nobody sets it")
        #expect(s.values["max.in.flight"]?.source == .flag)
    }

    @Test("bad values name the key and the source")
    func badValues() {
        let s = Settings.resolve(flags: [:], environment: ["TALLY_MAX_IN_FLIGHT": "lots"], file: [:])
        #expect {
            _ = try WorkerConfiguration(settings: s)
        } throws: { "\($0)".contains("max.in.flight") && "\($0)".contains("environment") }

        let typo = Settings.resolve(flags: [:], environment: [:], file: ["inptu.topic": "x"])
        #expect { _ = try WorkerConfiguration(settings: typo) } throws: { "\($0)".contains("inptu.topic") }

        let loop = Settings.resolve(flags: ["input.topic": "a", "output.topic": "a"], environment: [:], file: [:])
        #expect(throws: SettingsError.self) { _ = try WorkerConfiguration(settings: loop) }

        #expect(throws: SettingsError.self) { _ = try Settings.parseProperties("just words") }
    }

    @Test("environment names map to setting keys")
    func environmentNames() {
        let m = Settings.fromEnvironment([
            "TALLY_EXACTLY_ONCE": "true", "TALLY_KAFKA_SASL_MECHANISMS": "PLAIN", "PATH": "/bin", "TALLY_CONFIG": "/etc/tally.properties",
        ])
        #expect(m == ["exactly.once": "true", "kafka.sasl.mechanisms": "PLAIN"])
    }

    @Test("a missing config file is a clear error")
    func missingFile() {
        #expect { _ = try Settings.loadFile("/nonexistent/tally.properties") } throws: {
            "\($0)".contains("/nonexistent/tally.properties")
        }
    }
}
