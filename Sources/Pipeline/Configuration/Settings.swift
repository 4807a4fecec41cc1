import Foundation
import Kafka

/// Worker settings from several sources, merged by precedence: flags, then environment
/// (`TALLY_…`), then a config file, then defaults.
///
/// Every source is reduced to the same canonical keys (`input.topic`, `group.id`,
/// `kafka.security.protocol` …), so a key means the same thing wherever it is set, and an error
/// can say which source a bad value came from.
public struct Settings: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        case flag, environment, file, `default`
    }

    public struct Value: Sendable, Hashable {
        public var value: String
        public var source: Source
    }

    public private(set) var values: [String: Value] = [:]
    /// Environment variables that looked like settings but were left out (service links), for a warning.
    public private(set) var ignoredEnvironment: [String] = []

    public init() {}

    /// Layers `entries` from `source` under what is already set by a higher-precedence source.
    public mutating func layer(_ entries: [String: String], from source: Source) {
        for (k, v) in entries where values[k] == nil {
            values[k] = Value(value: v, source: source)
        }
    }

    /// Merges flags, environment, file and defaults, highest precedence first.
    public static func resolve(
        flags: [String: String], environment: [String: String], file: [String: String], defaults: [String: String] = [:]
    ) -> Settings {
        var s = Settings()
        s.layer(flags, from: .flag)
        let links = environment.filter {
            $0.key.hasPrefix(environmentPrefix) && EnvironmentNames.isServiceLink(name: $0.key, value: $0.value)
        }
        s.ignoredEnvironment = links.keys.sorted()
        s.layer(fromEnvironment(environment.filter { links[$0.key] == nil }), from: .environment)
        s.layer(file, from: .file)
        s.layer(defaults, from: .default)
        return s
    }

    public subscript(key: String) -> String? { values[key]?.value }

    /// The prefix of every Tally environment variable.
    public static let environmentPrefix = "TALLY_"

    /// `TALLY_INPUT_TOPIC` → `input.topic`, `TALLY_KAFKA_SASL_MECHANISMS` → `kafka.sasl.mechanisms`:
    /// the inverse of `SettingSpec.environmentName`, the one environment mapping (`tally run` and
    /// every Kafka-facing command). `TALLY_CONFIG` names the file, it is not a setting.
    public static func fromEnvironment(_ env: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in env where k.hasPrefix(environmentPrefix) && k != SettingsTable.configEnvironmentName {
            let key = k.dropFirst(environmentPrefix.count).lowercased().replacingOccurrences(of: "_", with: ".")
            if !key.isEmpty { out[key] = v }
        }
        return out
    }

    /// `--kafka-property key=value` pairs as `kafka.key` settings.
    public static func kafkaPropertyFlags(_ pairs: [String]) throws(SettingsError) -> [String: String] {
        var out: [String: String] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw SettingsError(message: "--\(SettingsTable.kafkaFlag) expects key=value, got '\(pair)'")
            }
            out[SettingsTable.kafkaPrefix + pair[..<eq]] = String(pair[pair.index(after: eq)...])
        }
        return out
    }

    /// Parses a Java-style properties file: `key=value` or `key: value` lines, `#`/`!` comments.
    public static func parseProperties(_ text: String, path: String = "config") throws(SettingsError) -> [String:
        String]
    {
        var out: [String: String] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
            guard let sep = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw SettingsError(message: "\(path):\(n + 1): expected key=value, got '\(line)'")
            }
            let key = line[..<sep].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: sep)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw SettingsError(message: "\(path):\(n + 1): empty key") }
            out[key] = value
        }
        return out
    }

    /// Reads and parses a properties file.
    public static func loadFile(_ path: String) throws(SettingsError) -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingsError(message: "cannot read config file \(path): \(error.localizedDescription)")
        }
        return try parseProperties(text, path: path)
    }

    // MARK: Typed access (validation, defaults and ranges from the row of `SettingsTable`)

    /// The value of a table setting, checked against its row; the row's default when unset.
    func checked(_ key: String) throws(SettingsError) -> String? {
        guard let spec = SettingsTable.spec(key: key) else {
            throw SettingsError(message: "no setting '\(key)' in SettingsTable")
        }
        guard let v = values[key] else { return spec.defaultValue }
        try spec.validate(v.value, source: v.source.rawValue)
        return v.value
    }

    public func string(_ key: String) throws(SettingsError) -> String { try checked(key) ?? "" }

    /// Nil when unset and without a default; an empty value counts as unset.
    public func optionalString(_ key: String) throws(SettingsError) -> String? {
        try checked(key).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func int(_ key: String) throws(SettingsError) -> Int? {
        try checked(key).flatMap { Int($0.replacingOccurrences(of: "_", with: "")) }
    }

    public func bool(_ key: String) throws(SettingsError) -> Bool {
        try checked(key).flatMap(SettingSpec.boolean) ?? false
    }

    public func milliseconds(_ key: String) throws(SettingsError) -> Duration {
        .milliseconds(try int(key) ?? 0)
    }

    /// `kafka.*` entries with the prefix removed: librdkafka properties passed through.
    public var kafkaProperties: [String: String] {
        values.reduce(into: [:]) { out, kv in
            if kv.key.hasPrefix(SettingsTable.kafkaPrefix) {
                out[String(kv.key.dropFirst(SettingsTable.kafkaPrefix.count))] = kv.value.value
            }
        }
    }

    /// The client configuration: `kafka.*` properties, with `brokers` (when set) winning over
    /// `kafka.bootstrap.servers`, which wins over the default of `brokers`.
    public func kafkaConfig() throws(SettingsError) -> KafkaConfig {
        var kafka = KafkaConfig(properties: kafkaProperties)
        let brokers = try string("brokers")
        if let v = values["brokers"], v.source != .default {
            kafka.bootstrapServers = brokers
        } else if kafka.bootstrapServers == nil {
            kafka.bootstrapServers = brokers
        }
        return kafka
    }

    /// Keys no consumer of these settings knows (reported so a typo does not pass silently).
    public func unknownKeys(known: Set<String>) -> [String] {
        values.keys.filter { !$0.hasPrefix(SettingsTable.kafkaPrefix) && !known.contains($0) }.sorted()
    }
}

public struct SettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
