import Foundation

extension ArticleEvent {
    /// An article from a raw record's value, or the reason it is not one.
    ///
    /// - Not UTF-8 → `invalid_utf8` with the offset; but a record cut inside a multi-byte character
    ///   is a truncation like any other cut: `invalid_json`, "truncated".
    /// - Broken JSON → `invalid_json` with the byte offset and cause of the first error (`JSONScan`).
    /// - Valid JSON that is not an object (`null`, `[…]`, `"…"`, `42`, `true`) → `schema_violation`:
    ///   it is JSON, just not an `article.raw.v1` event — as the schema (`"type": "object"`) says.
    /// - Duplicate keys: the last value wins (as in JavaScript, Python and most parsers).
    /// - Only the fields Tally reads are decoded (by `init(from:)`, `ArticleEvent+Decoding.swift`),
    ///   so their shape limits depth (one level: arrays of strings, `html`'s object); an unknown
    ///   field may nest as deep as it likes.
    static func decode(json bytes: [UInt8]) -> Result<ArticleEvent, DeadLetterReason> {
        if let bad = firstInvalidUTF8(bytes) {
            if isCutSequence(bytes, at: bad), case .failure(let f) = JSONScan.scan(Array(bytes[..<bad])),
                f.offset == bad
            {
                return .failure(DeadLetterReason(.invalidJSON, "\(f.description), inside a UTF-8 sequence"))
            }
            return .failure(DeadLetterReason(.invalidUTF8, "invalid UTF-8 at byte \(bad)"))
        }
        let scan: JSONScan
        switch JSONScan.scan(bytes) {
        case .failure(let f): return .failure(DeadLetterReason(.invalidJSON, f.description))
        case .success(let s): scan = s
        }
        guard scan.top == .object else {
            return .failure(
                DeadLetterReason(.schemaViolation, "not a JSON object: the top-level value is \(scan.top.described)"))
        }
        var known: [String: JSONScan.Member] = [:]
        for m in scan.members where readKeys.contains(m.key) { known[m.key] = m }
        for key in readKeys {
            guard let m = known[key] else { continue }
            if let rule = shapeViolation(key, m) {
                return .failure(DeadLetterReason(.schemaViolation, "\(key): \(rule)"))
            }
        }
        // The read fields alone, each once, for JSONDecoder (shallow by the checks above).
        var doc: [UInt8] = [UInt8(ascii: "{")]
        doc.reserveCapacity(known.values.reduce(2) { $0 + $1.value.count + $1.key.utf8.count + 4 })
        for key in readKeys {
            guard let m = known[key] else { continue }
            if doc.count > 1 { doc.append(UInt8(ascii: ",")) }
            doc += Array("\"\(key)\":".utf8)
            doc += bytes[m.value]
        }
        doc.append(UInt8(ascii: "}"))
        do {
            return .success(try JSONDecoder().decode(ArticleEvent.self, from: Data(doc)))
        } catch let error as DecodingError {
            return .failure(DeadLetterReason(.schemaViolation, describe(error)))
        } catch {
            return .failure(DeadLetterReason(.schemaViolation, "\(error)"))
        }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        // Slow path only for bad input: find the offset for the message.
        var i = 0
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): i += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return i
            }
        }
    }

    /// The bytes from `offset` to the end are the start of a multi-byte character, cut short.
    static func isCutSequence(_ bytes: [UInt8], at offset: Int) -> Bool {
        let lead = bytes[offset]
        let need =
            lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0
        let tail = bytes[(offset + 1)...]
        return need > 0 && bytes.count - offset < need && tail.allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// The keys `init(from:)` reads: the schema's fields and what Nutch-style crawlers send.
    static let readKeys = CodingKeys.allCases.map(\.stringValue) + CrawlerKeys.allCases.map(\.stringValue)

    /// The schema's type for a read field, checked on the scan (so no decoder type name reaches a
    /// reason). Text fields are a string or a flat array of strings; `html` a string or an object
    /// of strings; `id`, `url` and `body` may not be null.
    private static func shapeViolation(_ key: String, _ m: JSONScan.Member) -> String? {
        let text = "a string or an array of strings"
        switch (key, m.kind) {
        case ("id", .null), ("url", .null), ("body", .null): return "expected a string, got null"
        case (_, .null), (_, .string): return nil
        case ("html", .object):
            return m.depth > 1 ? "expected a string or an object of strings, got nested values" : nil
        case ("html", _): return "expected a string or an object, got \(m.kind.described)"
        case (_, .array): return m.depth > 1 ? "expected \(text), got nested arrays or objects" : nil
        default:
            return key == "tags"
                ? "expected \(text), got \(m.kind.described)" : "expected a string, got \(m.kind.described)"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let prefix = path(ctx)
            return "\(prefix.isEmpty ? "" : prefix + ".")\(key.stringValue): required field missing"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            // Items of arrays get here (every other shape is checked on the scan).
            return "\(path(ctx)): expected a string"
        case .dataCorrupted(let ctx):
            return "\(path(ctx)): not a valid value"
        @unknown default:
            return "not an article.raw.v1 event"
        }
    }
}
