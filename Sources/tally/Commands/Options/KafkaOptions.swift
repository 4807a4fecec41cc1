import ArgumentParser
import Foundation
import Kafka
import Pipeline

/// Connection options every Kafka-facing subcommand shares.
///
/// Precedence: flag, then environment (`TALLY_BROKERS`, `TALLY_KAFKA_<PROPERTY>` with dots as
/// underscores, e.g. `TALLY_KAFKA_SECURITY_PROTOCOL=SASL_SSL`), then defaults.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka bootstrap servers, host:port[,host:port…] (env TALLY_BROKERS; default 127.0.0.1:9092).")
    var brokers: String?

    @Option(
        name: .customLong("kafka-property"),
        help: ArgumentHelp("Any librdkafka property, key=value; repeatable (env TALLY_KAFKA_<KEY>).", valueName: "key=value"))
    var kafkaProperties: [String] = []

    /// The resolved client configuration.
    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KafkaConfig {
        var config = KafkaConfig(properties: Self.environmentProperties(environment))
        config.bootstrapServers = brokers ?? environment["TALLY_BROKERS"] ?? "127.0.0.1:9092"
        for pair in kafkaProperties {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("--kafka-property expects key=value, got '\(pair)'")
            }
            config[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return config
    }

    /// `TALLY_KAFKA_SASL_MECHANISMS=PLAIN` → `sasl.mechanisms=PLAIN`.
    static func environmentProperties(_ environment: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        // Service links of a Service named tally-kafka… are the platform's, not librdkafka properties.
        for (k, v) in environment where k.hasPrefix("TALLY_KAFKA_") && !EnvironmentNames.isServiceLink(name: k, value: v) {
            let key = k.dropFirst("TALLY_KAFKA_".count).lowercased().replacingOccurrences(of: "_", with: ".")
            if !key.isEmpty { out[key] = v }
        }
        return out
    }
}
