import Foundation
import Kafka

/// What `tally run --print-config` shows: every setting's effective value and where it came
/// from, secrets redacted. Rows follow `SettingsTable`, then the `kafka.*` pass-through
/// properties that are set, then two entries that describe the patterns themselves (the
/// config file and the pass-through), so a reader of the JSON learns every name `tally run` reads.
public struct EffectiveSettings: Sendable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var flag: String?
        public var env: String
        public var value: String?
        public var source: Settings.Source
        public var defaultValue: String?
        public var secret: Bool
    }

    public let entries: [Entry]

    /// - Parameter configFile: the properties file that was read (`--config` / `TALLY_CONFIG`), if any.
    public init(
        settings s: Settings, configuration c: WorkerConfiguration, configFile: String?,
        configFileSource: Settings.Source?
    ) {
        var entries = SettingsTable.run.map { spec in
            let v = s.values[spec.key]
            return Entry(
                key: spec.key, flag: spec.flagName, env: spec.environmentName,
                value: spec.secret ? v.map { _ in "[redacted]" } : (v?.value ?? Self.computed(spec.key, c)),
                source: v?.source ?? .default, defaultValue: spec.defaultValue, secret: spec.secret)
        }
        let passthrough = s.values.filter { $0.key.hasPrefix(SettingsTable.kafkaPrefix) }.sorted { $0.key < $1.key }
        for (key, v) in passthrough {
            let property = String(key.dropFirst(SettingsTable.kafkaPrefix.count))
            let secret = KafkaConfig.isSecret(property)
            entries.append(
                Entry(
                    key: key, flag: "--" + SettingsTable.kafkaFlag, env: SettingSpec.environmentName(key),
                    value: secret ? "[redacted]" : v.value, source: v.source, defaultValue: nil, secret: secret))
        }
        entries.append(
            Entry(
                key: "config", flag: "--config", env: SettingsTable.configEnvironmentName, value: configFile,
                source: configFileSource ?? .default, defaultValue: nil, secret: false))
        entries.append(
            Entry(
                key: SettingsTable.kafkaPrefix + "*", flag: "--" + SettingsTable.kafkaFlag,
                env: SettingSpec.environmentName(SettingsTable.kafkaPrefix) + "*", value: nil, source: .default,
                defaultValue: nil,
                secret: false))
        self.entries = entries
    }

    /// Defaults the table can only describe (`defaultNote`): their value in this process.
    static func computed(_ key: String, _ c: WorkerConfiguration) -> String? {
        switch key {
        case "worker.threads": String(c.workerThreads)
        case "transactional.id": c.exactlyOnce ? c.effectiveTransactionalID : nil
        default: nil
        }
    }

    /// `[{"key":…,"flag":…,"env":…,"value":…,"source":…,"default":…,"secret":…}, …]`, nulls explicit.
    public func json() -> String {
        let objects = entries.map { e in
            var w = JSONWriter()
            w.beginObject()
            w.key("key"); w.string(e.key)
            w.key("flag"); w.string(e.flag)
            w.key("env"); w.string(e.env)
            w.key("value"); w.string(e.value)
            w.key("source"); w.string(e.source.rawValue)
            w.key("default"); w.string(e.defaultValue)
            w.key("secret"); w.bool(e.secret)
            w.endObject()
            return String(decoding: w.finish(), as: UTF8.self)
        }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]"
    }

    /// One line per setting: key, value, source, then the flag and the environment variable.
    public func text() -> String {
        let rows = entries.filter { !$0.key.hasSuffix("*") }.map { e in
            [e.key, e.value ?? "-", e.source.rawValue, e.flag ?? "-", e.env]
        }
        let header = ["key", "value", "source", "flag", "env"]
        let widths = (0..<header.count).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        return ([header] + rows).map { r in
            zip(r, widths).enumerated().map { i, cell in
                i == r.count - 1 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension SettingsTable {
    /// docs/settings.md: the table as Markdown (a test keeps the file equal to this).
    public static func markdown() -> String {
        var lines = [
            "# `tally run` settings",
            "",
            "Generated from `Sources/Pipeline/Configuration/SettingsTable.swift` (a test keeps this file in step).",
            "Precedence: flag, then environment, then the properties file (`--config` or `\(configEnvironmentName)`), then the default.",
            "Any librdkafka property passes through: `\(kafkaPrefix)<property>` in the file, "
                + "`\(SettingSpec.environmentName(kafkaPrefix))<PROPERTY>`, `--\(kafkaFlag) key=value`; secrets are redacted.",
            "`tally run --print-config [--format json]` shows the effective values and their sources without connecting.",
            "",
            "| Key (file) | Flag | Environment | Default | Values | Meaning |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for s in run {
            let values: String =
                switch s.kind {
                case .string: "text"
                case .name: "non-empty text"
                case .integer(let r): r.upperBound == Int.max ? "≥ \(r.lowerBound)" : "\(r.lowerBound)…\(r.upperBound)"
                case .boolean: "true/false"
                case .choice(let words): words.joined(separator: ", ")
                }
            let d = s.defaultNote ?? s.defaultValue ?? "none"
            lines.append(
                "| `\(s.key)` | \(s.flagName.map { "`\($0)`" } ?? "—") | `\(s.environmentName)` | \(d) | \(values) | \(s.help) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
