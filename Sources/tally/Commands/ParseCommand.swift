import ArgumentParser
import Foundation
import MetricParser

/// `tally parse FILE… [--format jsonl|table]`: runs the metric parser over articles and prints
/// what it finds. Reads standard input when no file (or "-") is given.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract metrics from report text files (or standard input).",
        discussion: """
            Each metric is printed as one JSON object per line (jsonl) with its code-point span, \
            text, subject, normalized value, unit, kind, qualifier, bounds, change, period and sentence; \
            or as an aligned table. With several files every line also carries "file".
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, table
    }

    @Argument(help: "Text files (UTF-8). Omit or use '-' for standard input.")
    var files: [String] = []

    @Option(help: "Output format: jsonl or table.")
    var format: Format = .jsonl

    @Option(help: "Language tag of the articles (zh-TW, zh-HK, zh-MO): sets the currency of a bare 元.")
    var locale: String?

    @Option(help: "The articles' source url; a .tw/.hk/.mo host sets the currency of a bare 元 when --locale does not.")
    var url: String?

    func run() throws {
        let inputs = files.isEmpty ? ["-"] : files
        let extractor = MetricExtractor()
        var rows: [(article: String, metric: Metric)] = []
        var failed = false
        for name in inputs {
            let text: String
            do {
                text = try Self.read(name)
            } catch let error as InputError {
                FileHandle.standardError.write(Data("tally parse: \(error.message)\n".utf8))
                failed = true
                continue
            }
            do {
                let metrics = try extractor.extract(text, locale: ArticleLocale(languageTag: locale) ?? ArticleLocale(url: url))
                for m in metrics {
                    if format == .jsonl {
                        print(Self.jsonLine(m, file: inputs.count > 1 ? name : nil))
                    } else {
                        rows.append((name == "-" ? "stdin" : name, m))
                    }
                }
            } catch {
                FileHandle.standardError.write(Data("tally parse: \(name): \(error)\n".utf8))
                failed = true
            }
        }
        if format == .table {
            print(MetricTable(showArticle: inputs.count > 1).render(rows), terminator: "")
        }
        if failed { throw ExitCode(1) }
    }

    struct InputError: Error {
        var message: String
    }

    /// Reads a file or stdin as strict UTF-8.
    static func read(_ name: String) throws -> String {
        let data: Data
        if name == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDir) else {
                throw InputError(message: "\(name): no such file")
            }
            guard !isDir.boolValue else { throw InputError(message: "\(name): is a directory") }
            guard let d = FileManager.default.contents(atPath: name) else {
                throw InputError(message: "\(name): cannot read file")
            }
            data = d
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let label = name == "-" ? "standard input" : name
            throw InputError(message: "\(label): not valid UTF-8")
        }
        return text
    }

    /// One JSON object with every output field (null where a field has no value).
    static func jsonLine(_ m: Metric, file: String?) -> String {
        var fields: [(String, String)] = []
        if let file { fields.append(("file", quote(file))) }
        fields += [
            ("start", String(m.start)), ("end", String(m.end)), ("text", quote(m.text)), ("subject", quote(m.subject)),
            ("value", number(m.value)), ("unit", quote(m.unit)), ("kind", quote(m.kind.rawValue)),
            ("qualifier", quote(m.qualifier.rawValue)), ("lower", m.lower.map(number) ?? "null"),
            ("upper", m.upper.map(number) ?? "null"), ("change", m.change ? "true" : "false"),
            ("direction", m.direction.map { quote($0.rawValue) } ?? "null"),
            ("basis", m.basis.map { quote($0.rawValue) } ?? "null"), ("basis_reference", m.basisReference.map(quote) ?? "null"),
            ("period", m.period.map(quote) ?? "null"),
            ("sentence", quote(m.sentence)),
        ]
        return "{" + fields.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for sc in s.unicodeScalars {
            switch sc {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if sc.value < 0x20 { out += String(format: "\\u%04x", sc.value) } else { out.unicodeScalars.append(sc) }
            }
        }
        return out + "\""
    }
}
