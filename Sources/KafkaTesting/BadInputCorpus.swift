/// Every kind of bad raw record Tally must dead-letter, with the class and the words its reason
/// must contain — and the near misses it must accept. One list for the processor's unit tests
/// and the live-worker run of the proof suite.
///
/// Records are built byte by byte (raw NULs, lone surrogates, broken UTF-8 cannot come from a
/// JSON encoder). Bodies stay under `maxBodyBytes`, except the one that tests that limit.
public enum BadInputCorpus {
    /// The body limit the corpus assumes (`max.body.bytes` of the worker under test).
    public static let maxBodyBytes = 4096

    public struct Case: Sendable, CustomStringConvertible {
        public let name: String
        public let value: [UInt8]?
        /// `deadletter.v1` error_class.
        public let errorClass: String
        /// Each must appear in the reason (the offset, the cause, the field).
        public let reasonContains: [String]
        public var description: String { name }
    }

    /// A record that must be processed normally (metrics out), with the id and body it must decode to.
    public struct Accepted: Sendable, CustomStringConvertible {
        public let name: String
        public let value: [UInt8]
        public let id: String
        public let body: String
        public var description: String { name }
    }

    static let body = "今年投入资金3.5亿元，新建学校12所。"

    /// `{"id":…,"url":…,"body":…` + `extra` + `}` as raw bytes.
    static func article(
        _ id: String, extra: String = "", body: String = body, url: String = "https://news.example.cn/a"
    ) -> [UInt8] {
        Array(#"{"id":"\#(id)","url":"\#(url)","body":"\#(body)""#.utf8) + Array(extra.utf8) + [UInt8(ascii: "}")]
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let deep = 10_000

    public static let cases: [Case] = {
        let prefix = bytes(#"{"id":"b","url":"https://x.cn/1","body":""#)  // 41 bytes: offsets below count from here
        var c: [Case] = [
            // No value.
            .init(name: "tombstone", value: nil, errorClass: "empty_value", reasonContains: ["no value"]),
            .init(name: "empty-bytes", value: [], errorClass: "empty_value", reasonContains: ["no value"]),
            // Not UTF-8 (checked before JSON, with its own offset).
            .init(
                name: "utf8-invalid-byte", value: prefix + [0xFF] + bytes(#""}"#), errorClass: "invalid_utf8",
                reasonContains: ["byte 41"]),
            .init(
                name: "utf8-overlong", value: prefix + [0xC0, 0xAF] + bytes(#""}"#), errorClass: "invalid_utf8",
                reasonContains: ["byte 41"]),
            .init(
                name: "utf8-encoded-surrogate", value: prefix + [0xED, 0xA0, 0x80] + bytes(#""}"#),
                errorClass: "invalid_utf8", reasonContains: ["byte 41"]),
            .init(
                name: "utf8-cut-sequence", value: prefix + [0xE6, 0x95] + bytes(#""}"#), errorClass: "invalid_utf8",
                reasonContains: ["byte 41"]),
            // Broken JSON: the byte offset and the cause.
            .init(
                name: "truncated-in-string", value: prefix + bytes("今年投入"), errorClass: "invalid_json",
                reasonContains: ["byte 53", "ends inside a string", "truncated"]),
            .init(
                name: "truncated-after-member", value: bytes(#"{"id":"b""#), errorClass: "invalid_json",
                reasonContains: ["byte 9", "ends inside an object", "truncated"]),
            .init(
                name: "truncated-in-number", value: bytes(#"{"n":-"#), errorClass: "invalid_json",
                reasonContains: ["byte 6", "number", "truncated"]),
            .init(
                name: "truncated-in-escape", value: bytes(#"{"id":"\u00"#), errorClass: "invalid_json",
                reasonContains: ["byte 11", "escape", "truncated"]),
            .init(
                name: "nesting-10k-unclosed", value: bytes(#"{"x":"# + String(repeating: "[", count: deep)),
                errorClass: "invalid_json",
                reasonContains: ["byte \(5 + deep)", "ends inside an array", "truncated"]),
            .init(
                name: "not-json-text", value: bytes("统计公报全文"), errorClass: "invalid_json",
                reasonContains: ["byte 0", "expected a value"]),
            .init(
                name: "only-whitespace", value: bytes(" \n\t "), errorClass: "invalid_json",
                reasonContains: ["byte 4", "only whitespace"]),
            .init(
                name: "lone-high-surrogate-escape", value: prefix + bytes(#"\ud800"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 41", "lone surrogate", "\\uD800"]),
            .init(
                name: "lone-high-surrogate-then-text", value: prefix + bytes(#"\ud800x"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 41", "lone surrogate"]),
            .init(
                name: "lone-low-surrogate-escape", value: prefix + bytes(#"\udc00"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 41", "lone surrogate", "\\uDC00"]),
            .init(
                name: "raw-nul-in-string", value: prefix + [0x61, 0x00, 0x62] + bytes(#""}"#),
                errorClass: "invalid_json",
                reasonContains: ["byte 42", "U+0000", "NUL", "must be escaped"]),
            .init(
                name: "raw-newline-in-string", value: prefix + bytes("a\nb\"}"), errorClass: "invalid_json",
                reasonContains: ["byte 42", "U+000A", "must be escaped"]),
            .init(
                name: "raw-control-in-key", value: bytes("{\"i\u{1F}d\":1}"), errorClass: "invalid_json",
                reasonContains: ["byte 3", "U+001F"]),
            .init(
                name: "trailing-garbage", value: article("b") + bytes(" x"), errorClass: "invalid_json",
                reasonContains: ["byte \(article("b").count + 1)", "trailing data", "'x'"]),
            .init(
                name: "two-objects", value: article("b") + article("c"), errorClass: "invalid_json",
                reasonContains: ["byte \(article("b").count)", "trailing data"]),
            .init(
                name: "invalid-escape", value: prefix + bytes(#"a\qb"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 42", "invalid escape", "\\q"]),
            .init(
                name: "invalid-unicode-escape", value: prefix + bytes(#"\u12G4"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 41", "4 hex digits"]),
            .init(
                name: "trailing-comma", value: bytes(#"{"id":"b","url":"https://x.cn/1","body":"x",}"#),
                errorClass: "invalid_json",
                reasonContains: ["byte 44", "expected a string key", "'}'"]),
            .init(
                name: "trailing-comma-array", value: article("b", extra: #","tags":["a",]"#),
                errorClass: "invalid_json",
                reasonContains: ["expected a value", "']'"]),
            .init(
                name: "single-quotes", value: bytes("{'id':'b'}"), errorClass: "invalid_json",
                reasonContains: ["byte 1", "expected a string key"]),
            .init(
                name: "missing-colon", value: bytes(#"{"id" "b"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 6", "expected ':'"]),
            .init(
                name: "missing-comma", value: bytes(#"{"id":"b" "url":"x"}"#), errorClass: "invalid_json",
                reasonContains: ["byte 10", "expected ','"]),
            .init(
                name: "leading-zero", value: article("b", extra: #","n":012"#), errorClass: "invalid_json",
                reasonContains: ["leading zero"]),
            .init(
                name: "nan-literal", value: article("b", extra: #","n":NaN"#), errorClass: "invalid_json",
                reasonContains: ["expected a value", "'N'"]),
            .init(
                name: "bad-literal", value: article("b", extra: #","n":tru}"#), errorClass: "invalid_json",
                reasonContains: ["invalid literal"]),
            .init(
                name: "bad-exponent", value: article("b", extra: #","n":1e}"#), errorClass: "invalid_json",
                reasonContains: ["exponent"]),
            .init(
                name: "byte-order-mark", value: [0xEF, 0xBB, 0xBF] + article("b"), errorClass: "invalid_json",
                reasonContains: ["byte 0", "U+FEFF"]),
            .init(
                name: "comment", value: bytes("// crawler v2\n") + article("b"), errorClass: "invalid_json",
                reasonContains: ["byte 0", "'/'"]),
            // Valid JSON that is not an article.raw.v1 event: the top level must be an object.
            .init(
                name: "top-level-null", value: bytes("null"), errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "null"]),
            .init(
                name: "top-level-array", value: bytes("[1,2,3]"), errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "an array"]),
            .init(
                name: "top-level-array-of-articles", value: [UInt8(ascii: "[")] + article("b") + [UInt8(ascii: "]")],
                errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "an array"]),
            .init(
                name: "top-level-string", value: bytes(#""统计公报""#), errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "a string"]),
            .init(
                name: "top-level-number", value: bytes("42"), errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "a number"]),
            .init(
                name: "top-level-boolean", value: bytes("true"), errorClass: "schema_violation",
                reasonContains: ["not a JSON object", "a boolean"]),
            .init(
                name: "nesting-10k-top-level",
                value: bytes(String(repeating: "[", count: deep) + String(repeating: "]", count: deep)),
                errorClass: "schema_violation", reasonContains: ["not a JSON object", "an array"]),
            // Fields: missing, wrong type, broken rules.
            .init(
                name: "missing-id", value: bytes(#"{"url":"https://x.cn/1","body":"x"}"#),
                errorClass: "schema_violation", reasonContains: ["id: required field missing"]),
            .init(
                name: "missing-url", value: bytes(#"{"id":"b","body":"x"}"#), errorClass: "schema_violation",
                reasonContains: ["url: required field missing"]),
            .init(
                name: "missing-body", value: bytes(#"{"id":"b","url":"https://x.cn/1"}"#),
                errorClass: "schema_violation", reasonContains: ["body: required field missing"]),
            .init(
                name: "id-number", value: bytes(#"{"id":7,"url":"https://x.cn/1","body":"x"}"#),
                errorClass: "schema_violation",
                reasonContains: ["id: expected a string, got a number"]),
            .init(
                name: "id-null", value: bytes(#"{"id":null,"url":"https://x.cn/1","body":"x"}"#),
                errorClass: "schema_violation",
                reasonContains: ["id: expected a string, got null"]),
            .init(
                name: "body-object", value: bytes(#"{"id":"b","url":"https://x.cn/1","body":{"text":"x"}}"#),
                errorClass: "schema_violation",
                reasonContains: ["body: expected a string, got an object"]),
            .init(
                name: "title-number", value: article("b", extra: #","title":3"#), errorClass: "schema_violation",
                reasonContains: ["title: expected a string, got a number"]),
            .init(
                name: "tags-object", value: article("b", extra: #","tags":{"a":1}"#), errorClass: "schema_violation",
                reasonContains: ["tags: expected a string or an array of strings, got an object"]),
            .init(
                name: "tags-item-number", value: article("b", extra: #","tags":["a",1]"#),
                errorClass: "schema_violation",
                reasonContains: ["tags: expected a string"]),
            .init(
                name: "tags-nested-10k",
                value: article(
                    "b", extra: #","tags":"# + String(repeating: "[", count: deep) + String(repeating: "]", count: deep)
                ),
                errorClass: "schema_violation",
                reasonContains: ["tags: expected a string or an array of strings, got nested arrays or objects"]),
            .init(
                name: "id-empty", value: article(""), errorClass: "schema_violation",
                reasonContains: ["id: must not be empty"]),
            // 300 × (e + combining acute): 300 Characters, 600 code points — the schema counts code points.
            .init(
                name: "id-600-code-points", value: article(String(repeating: "e\u{301}", count: 300)),
                errorClass: "schema_violation",
                reasonContains: ["id: 600 code points", "longer than 512"]),
            .init(
                name: "url-4097-code-points",
                value: article("b", url: "https://x.cn/" + String(repeating: "a", count: 4097 - 13)),
                errorClass: "schema_violation", reasonContains: ["url: 4097 code points", "longer than 4096"]),
            .init(
                name: "url-relative", value: article("b", url: "/news/1.html"), errorClass: "schema_violation",
                reasonContains: ["url: not an absolute URL"]),
            .init(
                name: "url-with-space", value: article("b", url: "https://x.cn/a b"), errorClass: "schema_violation",
                reasonContains: ["url: not an absolute URL"]),
            .init(
                name: "published-at-not-a-date", value: article("b", extra: #","published_at":"yesterday""#),
                errorClass: "schema_violation",
                reasonContains: ["published_at: not an RFC 3339 date-time"]),
            .init(
                name: "crawled-at-space-separator",
                value: article("b", extra: #","crawled_at":"2026-11-01 08:00:00Z""#), errorClass: "schema_violation",
                reasonContains: ["crawled_at: not an RFC 3339 date-time"]),
            .init(
                name: "duplicate-key-last-invalid", value: article("b", extra: #","id":"""#),
                errorClass: "schema_violation",
                reasonContains: ["id: must not be empty"]),
            // Size.
            .init(
                name: "body-over-limit", value: article("b", body: String(repeating: "大", count: maxBodyBytes / 3 + 1)),
                errorClass: "too_large",
                reasonContains: ["body is \(3 * (maxBodyBytes / 3 + 1)) bytes", "over the limit of \(maxBodyBytes)"]),
        ]
        c.sort { $0.errorClass < $1.errorClass }
        return c
    }()

    /// Near misses: valid articles a strict or naive reader would refuse.
    public static let accepted: [Accepted] = [
        .init(
            name: "unknown-field-nested-10k",
            value: article(
                "ok-deep",
                extra: #","crawler":"# + String(repeating: #"{"a":["#, count: deep / 2)
                    + "1" + String(repeating: "]}", count: deep / 2)), id: "ok-deep", body: body),
        .init(
            name: "duplicate-keys-last-wins", value: article("ok-first", extra: #","id":"ok-dup","body":"新建道路30公里""#),
            id: "ok-dup", body: "新建道路30公里"),
        .init(
            name: "escaped-key-and-surrogate-pair",
            value: bytes(#"{"\u0069d":"ok-esc","url":"https://x.cn/1","body":"\ud83d\ude00 投入资金3.5亿元\n"}"#),
            id: "ok-esc", body: "😀 投入资金3.5亿元\n"),
        .init(
            name: "id-512-code-points", value: article(String(repeating: "编", count: 512)),
            id: String(repeating: "编", count: 512), body: body),
        .init(
            name: "null-optional-fields",
            value: article("ok-null", extra: #","title":null,"tags":null,"published_at":null"#), id: "ok-null",
            body: body),
        .init(
            name: "nutch-array-body",
            value: bytes(#"{"id":"ok-arr","url":"https://x.cn/1","body":["投入资金3.5亿元","新建学校12所"]}"#),
            id: "ok-arr", body: "投入资金3.5亿元\n新建学校12所"),
        .init(
            name: "whitespace-around", value: bytes(" \n") + article("ok-ws") + bytes("\r\n\t"), id: "ok-ws", body: body
        ),
    ]
}
