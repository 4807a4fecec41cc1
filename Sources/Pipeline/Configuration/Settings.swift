import Foundation

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
        let links = environment.filter { $0.key.hasPrefix("TALLY_") && EnvironmentNames.isServiceLink(name: $0.key, value: $0.value) }
        s.ignoredEnvironment = links.keys.sorted()
        s.layer(fromEnvironment(environment.filter { links[$0.key] == nil }), from: .environment)
        s.layer(file, from: .file)
        s.layer(defaults, from: .default)
        return s
    }

    public subscript(key: String) -> String? { values[key]?.value }

    /// `TALLY_INPUT_TOPIC` → `input.topic`, `TALLY_KAFKA_SASL_MECHANISMS` → `kafka.sasl.mechanisms`.
    public static func fromEnvironment(_ env: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in env where k.hasPrefix("TALLY_") && k != "TALLY_CONFIG" {
            let key = k.dropFirst("TALLY_".count).lowercased().replacingOccurrences(of: "_", with: ".")
            if !key.isEmpty { out[key] = v }
        }
        return out
    }

    /// Parses a Java-style properties file: `key=value` or `key: value` lines, `#`/`!` comments.
    public static func parseProperties(_ text: String, path: String = "config") throws(SettingsError) -> [String: String] {
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

    // MARK: Typed access

    public func string(_ key: String, default d: String) -> String { self[key] ?? d }

    public func int(_ key: String, default d: Int, range: ClosedRange<Int> = 0...Int.max) throws(SettingsError) -> Int {
        guard let v = values[key] else { return d }
        guard let i = Int(v.value.replacingOccurrences(of: "_", with: "")), range.contains(i) else {
            throw SettingsError(message: "\(key)=\(v.value) (from \(v.source.rawValue)): expected an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return i
    }

    public func bool(_ key: String, default d: Bool) throws(SettingsError) -> Bool {
        guard let v = values[key] else { return d }
        switch v.value.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw SettingsError(message: "\(key)=\(v.value) (from \(v.source.rawValue)): expected true or false")
        }
    }

    /// `kafka.*` entries with the prefix removed: librdkafka properties passed through.
    public var kafkaProperties: [String: String] {
        values.reduce(into: [:]) { out, kv in
            if kv.key.hasPrefix("kafka.") { out[String(kv.key.dropFirst("kafka.".count))] = kv.value.value }
        }
    }

    /// Keys no consumer of these settings knows (reported so a typo does not pass silently).
    public func unknownKeys(known: Set<String>) -> [String] {
        values.keys.filter { !$0.hasPrefix("kafka.") && !known.contains($0) }.sorted()
    }
}

public struct SettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
