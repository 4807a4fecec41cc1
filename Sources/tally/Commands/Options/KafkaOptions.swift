import ArgumentParser
import Foundation
import Kafka
import Pipeline

/// Connection options every Kafka-facing subcommand shares (and `tally run`).
///
/// Precedence: flag, then environment, then defaults — resolved by `Settings` with the same
/// environment mapping and service-link rules as `tally run` (`TALLY_BROKERS`,
/// `TALLY_KAFKA_<PROPERTY>` with dots as underscores, e.g. `TALLY_KAFKA_SECURITY_PROTOCOL=SASL_SSL`).
struct KafkaOptions: ParsableArguments {
    @Option(help: .setting("brokers")) var brokers: String?

    @Option(
        name: .customLong(SettingsTable.kafkaFlag),
        help: ArgumentHelp(
            "Any librdkafka property, key=value; repeatable (env \(SettingSpec.environmentName(SettingsTable.kafkaPrefix))<KEY>).",
            valueName: "key=value"))
    var kafkaProperties: [String] = []

    /// `--brokers` and `--kafka-property` as settings.
    func flagSettings() throws -> [String: String] {
        var f: [String: String]
        do { f = try Settings.kafkaPropertyFlags(kafkaProperties) } catch { throw ValidationError(error.message) }
        f["brokers"] = brokers
        return f
    }

    /// The resolved client configuration.
    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KafkaConfig {
        // Only the connection settings: other TALLY_* names are `tally run`'s, not this command's.
        let s = Settings.resolve(
            flags: try flagSettings(), environment: environment.filter { Self.isConnection($0.key) }, file: [:])
        do { return try s.kafkaConfig() } catch { throw ValidationError(error.message) }
    }

    static func isConnection(_ name: String) -> Bool {
        name == SettingSpec.environmentName("brokers")
            || name.hasPrefix(SettingSpec.environmentName(SettingsTable.kafkaPrefix))
    }
}
