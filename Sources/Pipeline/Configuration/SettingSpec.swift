import Foundation

/// One `tally run` setting, declared once: its key (also its config-file key), flag, environment
/// variable, default, validation and help. The CLI, the environment mapping, the config file,
/// `--print-config` and docs/settings.md all derive from these rows (`SettingsTable`).
public struct SettingSpec: Sendable, Hashable {
    /// How a value is validated (and, for `tally run`, which Swift type its flag has).
    public enum Kind: Sendable, Hashable {
        case string
        /// A string that must not be empty (topic names).
        case name
        case integer(ClosedRange<Int>)
        case boolean
        /// One of these words.
        case choice([String])
    }

    /// The canonical key: `max.in.flight`. The same key in the config file.
    public let key: String
    /// The long flag of `tally run` without dashes (`max-in-flight`); nil: environment/file only.
    public let flag: String?
    public let kind: Kind
    /// The default as text; nil when there is none or it is computed (see `defaultNote`).
    public let defaultValue: String?
    /// How a computed default is found, for help and docs (`the number of cores`).
    public let defaultNote: String?
    public let help: String
    /// Never printed (`--print-config`, logs): the value is shown as `[redacted]`.
    public let secret: Bool

    public init(
        _ key: String, flag: String?, _ kind: Kind, default defaultValue: String?, note defaultNote: String? = nil,
        secret: Bool = false, help: String
    ) {
        self.key = key
        self.flag = flag
        self.kind = kind
        self.defaultValue = defaultValue
        self.defaultNote = defaultNote
        self.secret = secret
        self.help = help
    }

    /// `max.in.flight` → `TALLY_MAX_IN_FLIGHT`.
    public var environmentName: String { Self.environmentName(key) }

    /// The file key (the canonical key itself).
    public var fileKey: String { key }

    /// `--max-in-flight`, when the setting has a flag.
    public var flagName: String? { flag.map { "--" + $0 } }

    /// One line for `--help`: the help, then the key, the environment variable and the default.
    public var helpLine: String {
        var parts = ["setting \(key)", "env \(environmentName)"]
        if let d = defaultValue ?? defaultNote { parts.append("default \(d.isEmpty ? "empty" : d)") }
        if case .choice(let words) = kind { parts.append(words.joined(separator: "|")) }
        return "\(help) (\(parts.joined(separator: "; ")))."
    }

    /// Checks `text` against the kind; the message names the key and the source.
    public func validate(_ text: String, source: String) throws(SettingsError) {
        let at = "\(key)=\(text) (from \(source))"
        switch kind {
        case .string:
            return
        case .name:
            if text.isEmpty { throw SettingsError(message: "\(key) must not be empty (from \(source))") }
        case .integer(let range):
            guard let i = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(i) else {
                throw SettingsError(message: "\(at): expected an integer in \(range.lowerBound)...\(range.upperBound)")
            }
        case .boolean:
            if Self.boolean(text) == nil { throw SettingsError(message: "\(at): expected true or false") }
        case .choice(let words):
            if !words.contains(text) {
                throw SettingsError(message: "\(at): expected one of \(words.joined(separator: ", "))")
            }
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }

    /// The one mapping from keys to environment names: `TALLY_` + the key, upper case, dots as underscores.
    public static func environmentName(_ key: String) -> String {
        Settings.environmentPrefix + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
