import Foundation
import Testing

/// Validates JSON documents against the project's schema files with a real JSON Schema
/// validator (Python `jsonschema`, Draft 2020-12 with format assertions), so the Swift code and
/// `schemas/` cannot drift apart unnoticed.
enum SchemaValidator {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Verdict: Decodable {
        let line: Int
        let valid: Bool
        let errors: [String]
    }

    /// One verdict per document, in order.
    static func validate(_ documents: [[UInt8]], schema: String) throws -> [Verdict] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tally-events-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        var data = Data()
        for d in documents {
            // One document a line: the validator reads JSON lines.
            #expect(!d.contains(0x0A), "events are single-line JSON")
            data.append(contentsOf: d)
            data.append(0x0A)
        }
        try data.write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", root.appendingPathComponent("scripts/validate_jsonl.py").path,
            root.appendingPathComponent("schemas/\(schema).json").path, file.path,
        ]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(
            p.terminationStatus == 0,
            "validator failed (is python3-jsonschema installed? `pip install jsonschema`): \(String(decoding: errors, as: UTF8.self))"
        )
        return try output.split(separator: 0x0A).map { try JSONDecoder().decode(Verdict.self, from: Data($0)) }
    }

    /// Expects every document to be valid, reporting the first errors otherwise.
    static func expectValid(_ documents: [[UInt8]], schema: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let verdicts = try validate(documents, schema: schema)
        #expect(verdicts.count == documents.count, sourceLocation: sourceLocation)
        for v in verdicts where !v.valid {
            Issue.record(
                "document \(v.line) is not a valid \(schema): \(v.errors.prefix(3))", sourceLocation: sourceLocation)
        }
    }
}
