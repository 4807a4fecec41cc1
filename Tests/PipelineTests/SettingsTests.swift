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
        let env = [
            "TALLY_GROUP_ID": "env-group", "TALLY_MAX_IN_FLIGHT": "20", "TALLY_KAFKA_CLIENT_ID": "from-env",
            "HOME": "/root",
        ]
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
            "TALLY_EXACTLY_ONCE": "true", "TALLY_KAFKA_SASL_MECHANISMS": "PLAIN", "PATH": "/bin",
            "TALLY_CONFIG": "/etc/tally.properties",
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

@Suite("A pod's environment never stops the worker")
struct EnvironmentToleranceTests {
    /// What Kubernetes gives a pod for the Services `tally-worker-metrics` and `tally-lag-exporter`
    /// (service links), plus a sidecar's variable.
    static let podEnvironment = [
        "TALLY_WORKER_METRICS_SERVICE_HOST": "10.96.0.10",
        "TALLY_WORKER_METRICS_SERVICE_PORT": "9464",
        "TALLY_WORKER_METRICS_SERVICE_PORT_METRICS": "9464",
        "TALLY_WORKER_METRICS_PORT": "tcp://10.96.0.10:9464",
        "TALLY_WORKER_METRICS_PORT_9464_TCP": "tcp://10.96.0.10:9464",
        "TALLY_WORKER_METRICS_PORT_9464_TCP_PROTO": "tcp",
        "TALLY_WORKER_METRICS_PORT_9464_TCP_PORT": "9464",
        "TALLY_WORKER_METRICS_PORT_9464_TCP_ADDR": "10.96.0.10",
        "TALLY_LAG_EXPORTER_PORT": "tcp://10.96.0.11:9102",
        "TALLY_KAFKA_SERVICE_HOST": "10.96.0.12",
        "TALLY_KAFKA_PORT_9092_TCP": "tcp://10.96.0.12:9092",
        "TALLY_SIDECAR_INJECTED": "yes",
        "TALLY_GROUP_ID": "real-group",
    ]

    @Test("service links and unknown names are ignored with a warning; real settings still apply")
    func serviceLinks() throws {
        let s = Settings.resolve(flags: [:], environment: Self.podEnvironment, file: [:])
        let c = try WorkerConfiguration(settings: s)
        #expect(c.groupID == "real-group")
        #expect(c.kafka["service.host"] == nil, "a service link must not become a librdkafka property")
        #expect(c.warnings.contains { $0.contains("TALLY_WORKER_METRICS_PORT") })
        #expect(c.warnings.contains { $0.contains("sidecar.injected") })
    }

    @Test("a service link that collides with a real key is not taken as its value")
    func collidingLink() throws {
        // A Service named tally-http gives TALLY_HTTP_PORT=tcp://…, the name of the real http.port setting.
        let s = Settings.resolve(flags: [:], environment: ["TALLY_HTTP_PORT": "tcp://10.0.0.9:80"], file: [:])
        #expect(try WorkerConfiguration(settings: s).httpPort == 9464)
        let real = Settings.resolve(flags: [:], environment: ["TALLY_HTTP_PORT": "9100"], file: [:])
        #expect(try WorkerConfiguration(settings: real).httpPort == 9100)
    }

    @Test("a near miss of a known key still fails, naming the key it resembles")
    func nearMiss() {
        for name in ["TALLY_MAX_INFLIGHT", "TALLY_INPUT_TOPICS", "TALLY_GROUPID"] {
            let s = Settings.resolve(flags: [:], environment: [name: "x"], file: [:])
            #expect { _ = try WorkerConfiguration(settings: s) } throws: { "\($0)".contains("did you mean") }
        }
        #expect(EnvironmentNames.nearMiss("worker.metrics.port", known: WorkerConfiguration.keys) == nil)
    }

    @Test("service-link names are recognised by shape and value")
    func shapes() {
        #expect(EnvironmentNames.isServiceLink(name: "TALLY_X_SERVICE_HOST", value: "10.0.0.1"))
        #expect(EnvironmentNames.isServiceLink(name: "TALLY_X_PORT_53_UDP_ADDR", value: "10.0.0.1"))
        #expect(!EnvironmentNames.isServiceLink(name: "TALLY_HTTP_PORT", value: "9464"))
        #expect(!EnvironmentNames.isServiceLink(name: "TALLY_KAFKA_SASL_PASSWORD", value: "secret"))
    }
}
