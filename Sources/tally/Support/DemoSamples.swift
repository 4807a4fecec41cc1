import Foundation

/// The sample reports that ship with Tally (`Sources/tally/Samples/*.txt`, and one page with a
/// table, `*.html`; written for the demo).
enum DemoSamples {
    struct Sample {
        let id: String
        /// nil for a page: its title comes from its meta.
        let title: String?
        let body: String
        /// The page, for an HTML sample (published as `html`, without a body).
        var html: String? = nil
    }

    static func load() throws -> [Sample] {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Samples") else {
            throw DemoError("the sample reports are missing from this build (Samples resource bundle)")
        }
        let all = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let files = all.filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw DemoError("no sample reports in \(dir.path)") }
        let pages = try all.filter { $0.hasSuffix(".html") }.sorted().map { name in
            Sample(
                id: String(name.dropLast(5)), title: nil, body: "",
                html: try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
        }
        return try files.map { name in
            let body = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            // Line 3 is the title (line 1: the crawler's crumb, line 2: blank).
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            let title = lines.count > 2 ? String(lines[2]) : name
            return Sample(id: String(name.dropLast(4)), title: title, body: body)
        } + pages
    }
}
