import ArgumentParser
import Pipeline

extension ArgumentHelp {
    /// The `--help` line of the `SettingsTable` row with this flag.
    static func setting(_ flag: String) -> ArgumentHelp {
        ArgumentHelp(SettingsTable.spec(flag: flag)?.helpLine ?? "(no SettingsTable row for --\(flag))")
    }
}

/// Reads a command's thin setting options generically: every `@Option`/`@Flag` property whose
/// flag (swift-argument-parser's name for the property) is a `SettingsTable` row becomes that
/// row's key, so a row needs no mapping code of its own.
enum SettingFlags {
    /// Options of a command that are not settings (files, pass-through, output).
    static let notSettings: Set<String> = ["config", "kafka", "print-config", "format"]

    /// The settings given on the command line, keyed like the table.
    static func given(in command: some ParsableArguments) throws -> [String: String] {
        var out: [String: String] = [:]
        for child in Mirror(reflecting: command).children {
            guard let label = child.label, label.hasPrefix("_") else { continue }
            let flag = kebab(String(label.dropFirst()))
            if notSettings.contains(flag) { continue }
            guard let spec = SettingsTable.spec(flag: flag) else {
                throw ValidationError("option --\(flag) has no row in SettingsTable")
            }
            let value: String? =
                switch child.value {
                case let o as Option<String?>: o.wrappedValue
                case let o as Option<Int?>: o.wrappedValue.map(String.init)
                case let f as Flag<Bool>: f.wrappedValue ? "true" : nil
                default: throw ValidationError("option --\(flag): unsupported type \(type(of: child.value))")
                }
            out[spec.key] = value
        }
        return out
    }

    /// swift-argument-parser's default long name of a property: `maxInFlight` → `max-in-flight`.
    static func kebab(_ name: String) -> String {
        name.reduce(into: "") { out, c in
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
    }
}
