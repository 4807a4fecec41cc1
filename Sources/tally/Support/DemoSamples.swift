import Foundation

/// The sample reports that ship with Tally (`Sources/tally/Samples/*.txt`, written for the demo).
enum DemoSamples {
    struct Sample {
        let id: String
        let title: String
        let body: String
    }

    static func load() throws -> [Sample] {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Samples") else {
            throw DemoError("the sample reports are missing from this build (Samples resource bundle)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw DemoError("no sample reports in \(dir.path)") }
        return try files.map { name in
            let body = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            // Line 3 is the title (line 1: the crawler's crumb, line 2: blank).
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            let title = lines.count > 2 ? String(lines[2]) : name
            return Sample(id: String(name.dropLast(4)), title: title, body: body)
        }
    }
}
