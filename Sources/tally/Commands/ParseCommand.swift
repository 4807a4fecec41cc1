import ArgumentParser
import Foundation
import MetricParser
import PageText

/// `tally parse FILE… [--format jsonl|table] [--html] [--charset C]`: runs the metric parser over
/// articles and prints what it finds. Reads standard input when no file (or "-") is given.
/// `.html`/`.htm` files (or any input with `--html`) are read as pages: their text, with table
/// cells as data (docs/html.md); offsets point into that text (`--text` prints it).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract metrics from report text files (or standard input).",
        discussion: """
            Each metric is printed as one JSON object per line (jsonl) with its code-point span, \
            text, subject, normalized value, unit, kind, qualifier, bounds, change, period and sentence; \
            or as an aligned table. With several files every line also carries "file". \
            HTML pages (.html/.htm, or --html) are read with libxml2's HTML parser: offsets are into \
            the page's extracted text (--text prints it), table metrics carry "location".
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, table
    }

    @Argument(help: "Text files (UTF-8). Omit or use '-' for standard input.")
    var files: [String] = []

    @Option(help: "Output format: jsonl or table.")
    var format: Format = .jsonl

    @Flag(help: "Read every input as an HTML page (default for .html and .htm files).")
    var html = false

    @Option(help: "Charset of HTML input when the page does not say (e.g. GBK, GB18030, Big5).")
    var charset: String?

    @Flag(help: "Print the text extracted from each HTML page instead of its metrics.")
    var text = false

    @Option(help: "Language tag of the articles (zh-TW, zh-HK, zh-MO): sets the currency of a bare 元.")
    var locale: String?

    @Option(help: "The articles' source url; a .tw/.hk/.mo host sets the currency of a bare 元 when --locale does not.")
    var url: String?

    func run() throws {
        let inputs = files.isEmpty ? ["-"] : files
        let extractor = MetricExtractor()
        let articleLocale = ArticleLocale(languageTag: locale) ?? ArticleLocale(url: url)
        var rows: [(article: String, metric: Metric)] = []
        var failed = false
        for name in inputs {
            let isPage = html || Self.isHTMLFile(name)
            let found: [PageMetric]
            do {
                if isPage {
                    let page = try PageReader().read(try Self.readBytes(name), charset: charset)
                    for note in page.notes {
                        FileHandle.standardError.write(Data("tally parse: \(name): \(note)\n".utf8))
                    }
                    if text {
                        print(page.text)
                        continue
                    }
                    found = try PageMetrics.extract(page, with: extractor, locale: articleLocale)
                } else {
                    found = try extractor.extract(try Self.read(name), locale: articleLocale).map {
                        PageMetric(metric: $0)
                    }
                }
            } catch let error as InputError {
                FileHandle.standardError.write(Data("tally parse: \(error.message)\n".utf8))
                failed = true
                continue
            } catch {
                FileHandle.standardError.write(Data("tally parse: \(name): \(error)\n".utf8))
                failed = true
                continue
            }
            for m in found {
                if format == .jsonl {
                    print(Self.jsonLine(m.metric, file: inputs.count > 1 ? name : nil, location: m.location))
                } else {
                    rows.append((name == "-" ? "stdin" : name, m.metric))
                }
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

    static func isHTMLFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml")
    }

    /// Reads a file or stdin as strict UTF-8.
    static func read(_ name: String) throws -> String {
        let data = try readBytes(name)
        guard let text = String(data: Data(data), encoding: .utf8) else {
            let label = name == "-" ? "standard input" : name
            throw InputError(message: "\(label): not valid UTF-8")
        }
        return text
    }

    /// Reads a file or stdin as bytes.
    static func readBytes(_ name: String) throws -> [UInt8] {
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
        return Array(data)
    }

    /// One JSON object with every output field (null where a field has no value).
    static func jsonLine(_ m: Metric, file: String?, location: TableLocation? = nil) -> String {
        var fields: [(String, String)] = []
        if let file { fields.append(("file", quote(file))) }
        fields += [
            ("start", String(m.start)), ("end", String(m.end)), ("text", quote(m.text)), ("subject", quote(m.subject)),
            ("value", number(m.value)), ("unit", quote(m.unit)), ("kind", quote(m.kind.rawValue)),
            ("qualifier", quote(m.qualifier.rawValue)), ("lower", m.lower.map(number) ?? "null"),
            ("upper", m.upper.map(number) ?? "null"), ("change", m.change ? "true" : "false"),
            ("direction", m.direction.map { quote($0.rawValue) } ?? "null"),
            ("basis", m.basis.map { quote($0.rawValue) } ?? "null"),
            ("basis_reference", m.basisReference.map(quote) ?? "null"),
            ("period", m.period.map(quote) ?? "null"),
            ("sentence", quote(m.sentence)),
        ]
        if let l = location {
            fields.append(("location", "{\"table\": \(l.table), \"row\": \(l.row), \"column\": \(l.column)}"))
        }
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
