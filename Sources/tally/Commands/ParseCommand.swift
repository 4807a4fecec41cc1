import ArgumentParser
import Foundation
import Glibc
import MetricParser
import PageText
import Pipeline

/// `tally parse FILE… [--files-from LIST] [--format jsonl|table] [--html] [--charset C]`: runs the
/// metric parser over articles and prints what it finds. Reads standard input when no file (or "-") is given.
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

    // ArgumentParser stores each positional value by copying the array parsed so far, so
    // thousands of file arguments cost time growing with their square: a list file costs nothing.
    @Option(
        help: ArgumentHelp(
            "A file listing input files, one per line ('-': standard input); read after the FILE arguments.",
            valueName: "list"))
    var filesFrom: String?

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
        var inputs = files
        if let list = filesFrom {
            let names: String
            do { names = try Self.read(list) } catch let error as InputError {
                throw ValidationError("--files-from: \(error.message)")
            }
            // Split by bytes: a String's split compares Characters, grapheme by grapheme.
            inputs += names.utf8.split(separator: 0x0A, omittingEmptySubsequences: true).map {
                String(Substring($0.last == 0x0D ? $0.dropLast() : $0))
            }
        }
        if inputs.isEmpty { inputs = ["-"] }
        let extractor = MetricExtractor()
        let articleLocale = ArticleLocale(languageTag: locale) ?? ArticleLocale(url: url)
        var rows: [(article: String, metric: Metric)] = []
        var failed = false
        var lines = MetricLines()
        var out = StandardOutput()
        // Read once: an option's wrapped value costs a lookup each time, per metric in the loop.
        let jsonl = format == .jsonl
        let namesFiles = inputs.count > 1
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
                        out.write(page.text + "\n")
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
            // By index: iterating copies each PageMetric (its Strings retained and released).
            for i in found.indices {
                if jsonl {
                    lines.append(
                        found[i].metric, file: namesFiles ? name : nil, location: found[i].location, to: &out.buffer)
                    out.flushIfFull()
                } else {
                    rows.append((name == "-" ? "stdin" : name, found[i].metric))
                }
            }
        }
        if format == .table {
            out.write(MetricTable(showArticle: inputs.count > 1).render(rows))
        }
        out.flush()
        if failed { throw ExitCode(1) }
    }

    struct InputError: Error {
        var message: String
    }

    static func isHTMLFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml")
    }

    /// Reads a file or stdin as strict UTF-8 (validated once, copied once into the String).
    static func read(_ name: String) throws -> String {
        guard let text = String(validating: try readBytes(name), as: UTF8.self) else {
            let label = name == "-" ? "standard input" : name
            throw InputError(message: "\(label): not valid UTF-8")
        }
        return text
    }

    /// Reads a file or stdin as bytes, straight into one array.
    static func readBytes(_ name: String) throws -> [UInt8] {
        if name == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        let fd = open(name, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(message: errno == ENOENT ? "\(name): no such file" : "\(name): cannot read file")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError(message: "\(name): cannot read file") }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw InputError(message: "\(name): is a directory") }
        var bytes: [UInt8] = []
        var chunk = max(Int(info.st_size), 0) + 1  // one read for a regular file; +1 sees the end
        while true {
            let old = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let n = bytes.withUnsafeMutableBufferPointer { Glibc.read(fd, $0.baseAddress! + old, chunk) }
            guard n >= 0 else { throw InputError(message: "\(name): cannot read file") }
            bytes.removeLast(chunk - n)
            if n == 0 { return bytes }
            chunk = 64 * 1024
        }
    }
}

/// Standard output through one buffer written in large blocks (a line at a time costs a write
/// per metric).
struct StandardOutput {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(Self.blockSize + 64 * 1024) }

    static let blockSize = 1 << 20

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        flushIfFull()
    }

    mutating func flushIfFull() {
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { b in
            var done = 0
            while done < b.count {
                let n = Glibc.write(1, b.baseAddress! + done, b.count - done)
                if n <= 0 { break }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
