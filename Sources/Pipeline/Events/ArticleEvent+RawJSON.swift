extension ArticleEvent {
    /// An article from a raw record's value, or the reason it is not one.
    ///
    /// - Not UTF-8 → `invalid_utf8` with the offset; but a record cut inside a multi-byte character
    ///   is a truncation like any other cut: `invalid_json`, "truncated".
    /// - Broken JSON → `invalid_json` with the byte offset and cause of the first error (`JSONScan`).
    /// - Valid JSON that is not an object (`null`, `[…]`, `"…"`, `42`, `true`) → `schema_violation`:
    ///   it is JSON, just not an `article.raw.v1` event — as the schema (`"type": "object"`) says.
    /// - Duplicate keys: the last value wins (as in JavaScript, Python and most parsers).
    /// - One pass (`JSONScan`) validates the record — syntax and UTF-8 — and decodes the fields
    ///   Tally reads, each string unescaped once into its `String` (`init(members:)`,
    ///   `ArticleEvent+Decoding.swift`); their shape limits depth (one level: arrays of strings,
    ///   `html`'s object); an unknown field may nest as deep as it likes and is not decoded.
    static func decode(json bytes: [UInt8]) -> Result<ArticleEvent, DeadLetterReason> {
        let scan: JSONScan
        switch JSONScan.scan(bytes, reading: { readSlots[$0] }) {
        case .failure(let f): return .failure(reason(for: f, in: bytes))
        case .success(let s): scan = s
        }
        guard scan.top == .object else {
            return .failure(
                DeadLetterReason(.schemaViolation, "not a JSON object: the top-level value is \(scan.top.described)"))
        }
        // By slot, the last of duplicate keys: each key is hashed once, in the scan.
        var known = [JSONScan.Member?](repeating: nil, count: readKeyOrder.count)
        for m in scan.members { known[m.slot] = m }
        for (slot, key) in readKeyOrder.enumerated() {
            guard let m = known[slot] else { continue }
            if let rule = shapeViolation(key, m) {
                return .failure(DeadLetterReason(.schemaViolation, "\(key): \(rule)"))
            }
        }
        do throws(FieldError) {
            return .success(try ArticleEvent(members: known))
        } catch {
            return .failure(DeadLetterReason(.schemaViolation, error.message))
        }
    }

    /// The reason for a record the scan refused. Bytes that are not UTF-8 anywhere in the record
    /// come first (such a record is not JSON text at all), whatever the scan met before them.
    static func reason(for failure: JSONScan.Failure, in bytes: [UInt8]) -> DeadLetterReason {
        guard let bad = firstInvalidUTF8(bytes) ?? (failure.invalidUTF8 ? failure.offset : nil) else {
            return DeadLetterReason(.invalidJSON, failure.description)
        }
        if isCutSequence(bytes, at: bad), case .failure(let f) = JSONScan.scan(Array(bytes[..<bad])), f.offset == bad {
            return DeadLetterReason(.invalidJSON, "\(f.description), inside a UTF-8 sequence")
        }
        return DeadLetterReason(.invalidUTF8, "invalid UTF-8 at byte \(bad)")
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

    /// The keys `init(members:)` reads, in the order their shapes are checked: the schema's
    /// fields and what Nutch-style crawlers send.
    static let readKeyOrder = Field.allCases.map(\.rawValue) + CrawlerField.allCases.map(\.rawValue)
    /// A read key's place in `readKeyOrder`: its slot in the members `init(members:)` reads.
    static let readSlots = Dictionary(uniqueKeysWithValues: readKeyOrder.enumerated().map { ($1, $0) })

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
}
