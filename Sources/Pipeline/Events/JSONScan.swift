/// One pass over a raw record's JSON text (RFC 8259): validates all of it and locates the
/// members of the top-level object, without building values.
///
/// Why not Foundation alone: `JSONDecoder` reports neither the offset nor the cause of an error
/// ("The given data was not valid JSON."), refuses any document nested deeper than 512 levels
/// even inside a field nobody reads, and keeps the first of duplicate keys. This scanner gives
/// the byte offset and cause of the first error, skips unknown values with an explicit stack
/// (no recursion, no depth limit: memory grows with the depth, which the record size bounds),
/// and lets the caller keep the last of duplicate keys. `ArticleEvent.decode` then hands the
/// members Tally reads — shallow by the schema — to `JSONDecoder`, which decodes the values.
///
/// The input must already be valid UTF-8 (`ArticleProcessor` checks that first, with its own offset).
struct JSONScan {
    enum Kind: String {
        case object, array, string, number, boolean, null

        /// "an object", "a string" … for reasons a human reads.
        var described: String {
            switch self {
            case .object, .array: "an \(rawValue)"
            case .null: "null"
            default: "a \(rawValue)"
            }
        }
    }

    /// A member of the top-level object: its decoded key, where its value lies, what it is and
    /// how deep it nests (0 for a scalar, 1 for a flat array or object, …).
    struct Member {
        var key: String
        var value: Range<Int>
        var kind: Kind
        var depth: Int
    }

    /// The first error: its byte offset and what is wrong there.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var offset: Int
        var cause: String
        var description: String { "invalid JSON at byte \(offset): \(cause)" }
    }

    /// The top-level value's kind, and the members when it is an object (in document order, duplicates included).
    var top: Kind
    var members: [Member]

    static func scan(_ bytes: [UInt8]) -> Result<JSONScan, Failure> {
        var s = Scanner(bytes)
        do {
            let result = try s.document()
            return .success(result)
        } catch {
            return .failure(error)
        }
    }
}

private struct Scanner {
    let b: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { b = bytes }

    typealias Failure = JSONScan.Failure

    mutating func document() throws(Failure) -> JSONScan {
        skipSpace()
        guard i < b.count else { throw Failure(offset: i, cause: i == 0 ? "empty input" : "no value, only whitespace") }
        let start = i
        var members: [JSONScan.Member] = []
        let kind: JSONScan.Kind
        if b[i] == UInt8(ascii: "{") {
            kind = .object
            i += 1
            skipSpace()
            if peek == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw expected("a string key") }
                    let keyStart = i
                    try string()
                    let key = Self.unescape(b[(keyStart + 1)..<(i - 1)])
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw expected("':' after the key") }
                    i += 1
                    skipSpace()
                    let valueStart = i
                    let (k, depth) = try value()
                    members.append(.init(key: key, value: valueStart..<i, kind: k, depth: depth))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    if peek == UInt8(ascii: "}") { i += 1; break }
                    throw expected("',' or '}' after an object member", inside: "an object")
                }
            }
        } else {
            i = start
            (kind, _) = try value()
        }
        skipSpace()
        if i < b.count { throw Failure(offset: i, cause: "trailing data after the JSON value: \(found)") }
        return JSONScan(top: kind, members: members)
    }

    /// Any value, containers walked with an explicit stack. Returns its kind and nesting depth.
    mutating func value() throws(Failure) -> (JSONScan.Kind, Int) {
        guard i < b.count else { throw truncated("a value") }
        let first = b[i]
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return (try scalar(), 0) }
        // true = inside an object, false = inside an array.
        var stack: [Bool] = []
        var maxDepth = 0
        stack.append(first == UInt8(ascii: "{"))
        maxDepth = 1
        i += 1
        var expectingValue = true  // right after '[' / '{' (may also close) or after ','
        var justOpened = true
        while !stack.isEmpty {
            skipSpace()
            let inObject = stack[stack.count - 1]
            let container = inObject ? "an object" : "an array"
            guard i < b.count else { throw truncated(container) }
            if expectingValue {
                if justOpened && b[i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    stack.removeLast()
                    expectingValue = false
                    justOpened = false
                    continue
                }
                if inObject {
                    guard b[i] == UInt8(ascii: "\"") else {
                        throw expected(justOpened ? "a string key or '}'" : "a string key")
                    }
                    try string()
                    skipSpace()
                    guard i < b.count else { throw truncated(container) }
                    guard b[i] == UInt8(ascii: ":") else { throw expected("':' after the key") }
                    i += 1
                    skipSpace()
                    guard i < b.count else { throw truncated(container) }
                }
                if b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[") {
                    stack.append(b[i] == UInt8(ascii: "{"))
                    maxDepth = max(maxDepth, stack.count)
                    i += 1
                    justOpened = true
                    continue
                }
                _ = try scalar()
                expectingValue = false
                justOpened = false
            } else {
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    expectingValue = true
                } else if b[i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    stack.removeLast()
                } else {
                    throw expected(inObject ? "',' or '}'" : "',' or ']'", inside: container)
                }
            }
        }
        return (first == UInt8(ascii: "{") ? .object : .array, maxDepth)
    }

    mutating func scalar() throws(Failure) -> JSONScan.Kind {
        switch b[i] {
        case UInt8(ascii: "\""): try string(); return .string
        case UInt8(ascii: "t"): try literal("true"); return .boolean
        case UInt8(ascii: "f"): try literal("false"); return .boolean
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(); return .number
        default: throw expected("a value")
        }
    }

    /// A string starting at the opening quote; leaves `i` after the closing one.
    mutating func string() throws(Failure) {
        let open = i
        i += 1
        while true {
            // Fast path: ordinary bytes (UTF-8 is already valid).
            while i < b.count, b[i] >= 0x20, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < b.count else {
                throw Failure(
                    offset: b.count, cause: "input ends inside a string that opened at byte \(open) (truncated)")
            }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return }
            if c < 0x20 {
                throw Failure(
                    offset: i,
                    cause:
                        "raw control character \(Self.codePoint(UInt32(c)))\(c == 0 ? " (NUL)" : "") in a string; it must be escaped"
                )
            }
            // A backslash escape.
            let esc = i
            i += 1
            guard i < b.count else {
                throw Failure(offset: b.count, cause: "input ends inside an escape sequence (truncated)")
            }
            switch b[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 1
            case UInt8(ascii: "u"):
                i += 1
                let unit = try hex4(escapeAt: esc)
                if (0xDC00...0xDFFF).contains(unit) {
                    throw Failure(
                        offset: esc,
                        cause:
                            "lone surrogate escape \\u\(Self.hex(unit)): a low surrogate without a high one before it is not a character"
                    )
                }
                if (0xD800...0xDBFF).contains(unit) {
                    let low = i
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        if i >= b.count {
                            throw Failure(
                                offset: b.count, cause: "input ends after a high surrogate escape (truncated)")
                        }
                        throw Failure(
                            offset: esc,
                            cause:
                                "lone surrogate escape \\u\(Self.hex(unit)): a high surrogate must be followed by a low one (\\uDC00–\\uDFFF)"
                        )
                    }
                    i += 2
                    let second = try hex4(escapeAt: low)
                    guard (0xDC00...0xDFFF).contains(second) else {
                        throw Failure(
                            offset: esc,
                            cause:
                                "lone surrogate escape \\u\(Self.hex(unit)): a high surrogate must be followed by a low one (\\uDC00–\\uDFFF)"
                        )
                    }
                }
            default:
                throw Failure(offset: esc, cause: "invalid escape \(Self.describe(b, at: esc, length: 2)) in a string")
            }
        }
    }

    mutating func hex4(escapeAt esc: Int) throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < b.count else {
                throw Failure(offset: b.count, cause: "input ends inside a \\u escape (truncated)")
            }
            guard let d = Self.hexValue(b[i]) else {
                throw Failure(offset: esc, cause: "invalid \\u escape: \\u must be followed by 4 hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func number() throws(Failure) {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { throw Failure(offset: b.count, cause: "input ends inside a number (truncated)") }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                throw Failure(offset: start, cause: "invalid number: leading zero")
            }
        } else if digits() == 0 {
            throw Failure(offset: i, cause: "invalid number: a digit must follow '-'")
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 {
                if i >= b.count { throw Failure(offset: b.count, cause: "input ends inside a number (truncated)") }
                throw Failure(offset: i, cause: "invalid number: a digit must follow '.'")
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 {
                if i >= b.count { throw Failure(offset: b.count, cause: "input ends inside a number (truncated)") }
                throw Failure(offset: i, cause: "invalid number: a digit must follow the exponent")
            }
        }
    }

    mutating func digits() -> Int {
        let from = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        return i - from
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let start = i
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for c in w {
            guard i < b.count else {
                throw Failure(offset: b.count, cause: "input ends inside the literal '\(word)' (truncated)")
            }
            guard b[i] == c else {
                throw Failure(
                    offset: start,
                    cause:
                        "invalid literal: expected true, false or null, found \(Self.describe(b, at: start, length: 6))"
                )
            }
            i += 1
        }
    }

    mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    var peek: UInt8? { i < b.count ? b[i] : nil }

    var found: String { Self.describe(b, at: i, length: 1) }

    func truncated(_ what: String) -> Failure {
        Failure(offset: b.count, cause: "input ends inside \(what) (truncated)")
    }

    func expected(_ what: String, inside: String? = nil) -> Failure {
        if i >= b.count { return truncated(inside ?? "an object") }
        return Failure(offset: i, cause: "expected \(what), found \(found)")
    }

    // MARK: Text for reasons

    /// `'x'`, or `U+0000` for what does not print.
    static func describe(_ b: [UInt8], at offset: Int, length: Int) -> String {
        guard offset < b.count else { return "the end of input" }
        var end = offset
        var scalars = 0
        while end < b.count, scalars < length {
            end += 1
            while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
            scalars += 1
        }
        let text = String(decoding: b[offset..<end], as: UTF8.self)
        if text.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7F || $0.properties.isWhitespace || $0.value == 0xFEFF
        }) {
            return text.unicodeScalars.map { codePoint($0.value) }.joined(separator: " ")
        }
        return "'\(text)'"
    }

    static func codePoint(_ v: UInt32) -> String { "U+\(hex(v))" }

    static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    /// The text of an already validated string's contents (keys are short; values go to JSONDecoder).
    static func unescape(_ s: ArraySlice<UInt8>) -> String {
        guard s.contains(UInt8(ascii: "\\")) else { return String(decoding: s, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var i = s.startIndex
        func flush() {
            out.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        func hex4(_ at: Int) -> UInt32 { s[at..<(at + 4)].reduce(0) { $0 << 4 | (hexValue($1) ?? 0) } }
        while i < s.endIndex {
            guard s[i] == UInt8(ascii: "\\") else { bytes.append(s[i]); i += 1; continue }
            flush()
            let e = s[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append("\u{08}")
            case UInt8(ascii: "f"): out.append("\u{0C}")
            case UInt8(ascii: "n"): out.append("\n")
            case UInt8(ascii: "r"): out.append("\r")
            case UInt8(ascii: "t"): out.append("\t")
            case UInt8(ascii: "u"):
                var v = hex4(i)
                i += 4
                if (0xD800...0xDBFF).contains(v) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (hex4(i + 2) - 0xDC00)
                    i += 6
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: out.append(Unicode.Scalar(e))
            }
        }
        flush()
        return String(out)
    }
}
