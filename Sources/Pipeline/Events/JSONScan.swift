/// One pass over a raw record's JSON text (RFC 8259): validates all of it — syntax and UTF-8 —
/// and yields the values of the top-level members the caller reads, decoded (each string
/// unescaped once, straight into the `String` returned); every other member is validated and
/// skipped without building anything.
///
/// Why not Foundation: `JSONDecoder` reports neither the offset nor the cause of an error
/// ("The given data was not valid JSON."), refuses any document nested deeper than 512 levels
/// even inside a field nobody reads, keeps the first of duplicate keys, and wants its own copy of
/// the bytes, which it validates again. This scanner gives the byte offset and cause of the first
/// error, skips unknown values with an explicit stack (no recursion, no depth limit: memory grows
/// with the depth, which the record size bounds), and lets the caller keep the last of duplicates.
///
/// UTF-8 is validated where it may occur, inside strings (any other non-ASCII byte is a syntax
/// error); a failure with `invalidUTF8` set is one (`ArticleEvent.decode` reports it with the
/// offset of the first bad byte in the whole record). That check is the only one: the strings are
/// built from the checked bytes without the standard library validating them again.
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

    /// A scalar of a read member: a string's text, or the kind of anything else.
    enum Item: Equatable {
        case string(String)
        case other(Kind)
    }

    /// A read member of the top-level object: the place the caller gave its key (`slot`), its
    /// decoded key, what its value is, how deep it
    /// nests (0 for a scalar, 1 for a flat array or object, …) and its value: `string` for a
    /// string, `items` for a flat array, `fields` for a flat object (in document order,
    /// duplicates included); a container nested deeper has neither.
    struct Member {
        var slot: Int
        var key: String
        var kind: Kind
        var depth: Int
        var string: String? = nil
        var items: [Item]? = nil
        var fields: [(key: String, value: Item)]? = nil
    }

    /// The first error: its byte offset and what is wrong there.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var offset: Int
        var cause: String
        /// The bytes at `offset` are not UTF-8 (inside a string).
        var invalidUTF8 = false
        var description: String { "invalid JSON at byte \(offset): \(cause)" }
    }

    /// The top-level value's kind, and the members whose key `reading` gives a slot when it is an
    /// object (in document order, duplicates included).
    var top: Kind
    var members: [Member]

    static func scan(_ bytes: [UInt8], reading reads: (String) -> Int? = { _ in nil }) -> Result<JSONScan, Failure> {
        bytes.withUnsafeBufferPointer { buffer in
            var s = Scanner(buffer)
            do throws(Failure) {
                return .success(try s.document(reads))
            } catch {
                return .failure(error)
            }
        }
    }
}

private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Where an escaped string's text is gathered before its one copy into a `String`; its room
    /// is kept for the record's other escaped strings.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    typealias Failure = JSONScan.Failure
    typealias Item = JSONScan.Item

    mutating func document(_ reads: (String) -> Int?) throws(Failure) -> JSONScan {
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
                    let key = try string(decode: true) ?? ""
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw expected("':' after the key") }
                    i += 1
                    skipSpace()
                    let slot = reads(key)
                    let v = try value(collect: slot != nil)
                    if let slot {
                        members.append(
                            .init(
                                slot: slot, key: key, kind: v.kind, depth: v.depth, string: v.string, items: v.items,
                                fields: v.fields))
                    }
                    skipSpace()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    if peek == UInt8(ascii: "}") { i += 1; break }
                    throw expected("',' or '}' after an object member", inside: "an object")
                }
            }
        } else {
            i = start
            kind = try value(collect: false).kind
        }
        skipSpace()
        if i < b.count { throw Failure(offset: i, cause: "trailing data after the JSON value: \(found)") }
        return JSONScan(top: kind, members: members)
    }

    struct Value {
        var kind: JSONScan.Kind
        var depth: Int
        var string: String? = nil
        var items: [Item]? = nil
        var fields: [(key: String, value: Item)]? = nil
    }

    /// Any value, containers walked with an explicit stack: its kind and nesting depth and, with
    /// `collect`, its decoded string, or the scalars of a flat container.
    mutating func value(collect: Bool) throws(Failure) -> Value {
        guard i < b.count else { throw truncated("a value") }
        let first = b[i]
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            let (kind, text) = try scalar(decode: collect)
            return Value(kind: kind, depth: 0, string: text)
        }
        let isObject = first == UInt8(ascii: "{")
        // Collected while the container is flat; dropped when something nests inside it.
        var items: [Item]? = collect && !isObject ? [] : nil
        var fields: [(key: String, value: Item)]? = collect && isObject ? [] : nil
        var key = ""
        // true = inside an object, false = inside an array.
        var stack: [Bool] = [isObject]
        var maxDepth = 1
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
                let top = stack.count == 1
                if inObject {
                    guard b[i] == UInt8(ascii: "\"") else {
                        throw expected(justOpened ? "a string key or '}'" : "a string key")
                    }
                    let k = try string(decode: top && fields != nil)
                    if top, let k { key = k }
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
                    items = nil
                    fields = nil
                    i += 1
                    justOpened = true
                    continue
                }
                let (kind, text) = try scalar(decode: top && (items != nil || fields != nil))
                if top {
                    let item = text.map(Item.string) ?? .other(kind)
                    items?.append(item)
                    fields?.append((key, item))
                }
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
        return Value(kind: isObject ? .object : .array, depth: maxDepth, items: items, fields: fields)
    }

    /// A scalar's kind and, with `decode`, a string's text.
    mutating func scalar(decode: Bool) throws(Failure) -> (JSONScan.Kind, String?) {
        switch b[i] {
        case UInt8(ascii: "\""): return (.string, try string(decode: decode))
        case UInt8(ascii: "t"): try literal("true"); return (.boolean, nil)
        case UInt8(ascii: "f"): try literal("false"); return (.boolean, nil)
        case UInt8(ascii: "n"): try literal("null"); return (.null, nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(); return (.number, nil)
        default: throw expected("a value")
        }
    }

    /// A string starting at the opening quote; leaves `i` after the closing one. With `decode`,
    /// its text, copied once into the String's own storage: an escaped string's runs and resolved
    /// escapes are gathered in `scratch` as they are scanned (no second pass over it).
    mutating func string(decode: Bool) throws(Failure) -> String? {
        let open = i
        i += 1
        var escaped = false
        var ascii = true
        // Start of the bytes not yet copied to `scratch` (an escaped string being decoded).
        var run = i
        while true {
            // Fast path: ordinary bytes; a multi-byte character is validated as it is passed.
            while i < b.count {
                let c = b[i]
                if c >= 0x80 {
                    // Most of a Chinese text: three bytes led by E1–EC or EE–EF, which need no
                    // check of the second byte's range (Unicode Table 3-7).
                    if c >= 0xE1, c != 0xED, i + 2 < b.count, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80,
                        c <= 0xEF
                    {
                        ascii = false
                        i += 3
                        continue
                    }
                    let w = Self.utf8Width(b, at: i)
                    guard w > 0 else { throw Failure(offset: i, cause: "invalid UTF-8", invalidUTF8: true) }
                    ascii = false
                    i += w
                } else if c >= 0x20, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
                    i += 1
                } else {
                    break
                }
            }
            guard i < b.count else {
                throw Failure(
                    offset: b.count, cause: "input ends inside a string that opened at byte \(open) (truncated)")
            }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard decode else { return nil }
                guard escaped else { return Self.string(UnsafeBufferPointer(rebasing: b[run..<(i - 1)]), ascii: ascii) }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<(i - 1)]))
                return scratch.withUnsafeBufferPointer { Self.string($0, ascii: ascii) }
            }
            if c < 0x20 {
                throw Failure(
                    offset: i,
                    cause:
                        "raw control character \(Self.codePoint(UInt32(c)))\(c == 0 ? " (NUL)" : "") in a string; it must be escaped"
                )
            }
            // A backslash escape.
            if decode {
                if !escaped {
                    // Room for the rest of the record: the text is never longer than its escaped form.
                    scratch.removeAll(keepingCapacity: true)
                    scratch.reserveCapacity(b.count - run)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
            }
            escaped = true
            let esc = i
            i += 1
            guard i < b.count else {
                throw Failure(offset: b.count, cause: "input ends inside an escape sequence (truncated)")
            }
            let e = b[i]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                i += 1
                if decode { scratch.append(e) }
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 1
                if decode { scratch.append(Self.control(e)) }
            case UInt8(ascii: "u"):
                i += 1
                var unit = try hex4(escapeAt: esc)
                if unit >= 0x80 { ascii = false }
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
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
                }
                // Surrogates were paired or refused above: every unit here is a scalar.
                if decode, let scalar = Unicode.Scalar(unit) { UTF8.encode(scalar) { scratch.append($0) } }
            default:
                throw Failure(offset: esc, cause: "invalid escape \(Self.describe(b, at: esc, length: 2)) in a string")
            }
            run = i
        }
    }

    /// Length of the well-formed UTF-8 sequence at `at` (Unicode Table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), 0 when there is none.
    @inline(__always)
    static func utf8Width(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Int {
        let lead = b[at]
        let n = b.count - at
        @inline(__always) func cont(_ k: Int) -> Bool { b[at + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return n >= 2 && cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard n >= 3, cont(1), cont(2) else { return 0 }
            let second = b[at + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard n >= 4, cont(1), cont(2), cont(3) else { return 0 }
            let second = b[at + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// A `String` of UTF-8 the scan has validated, copied without a second check (which
    /// `String(decoding:as:)` and `String(unsafeUninitializedCapacity:…)` would make).
    static func string(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String {
        String(copying: UTF8Span(unchecked: utf8.span, isKnownASCII: ascii))
    }

    /// The control character a letter escape (`\b` `\f` `\n` `\r` `\t`) stands for.
    static func control(_ letter: UInt8) -> UInt8 {
        switch letter {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        default: 0x09
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
    static func describe(_ b: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> String {
        guard offset < b.count else { return "the end of input" }
        var end = offset
        var scalars = 0
        while end < b.count, scalars < length {
            end += 1
            while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
            scalars += 1
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[offset..<end]), as: UTF8.self)
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
}
