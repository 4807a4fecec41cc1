import Foundation

/// A crawled article as it arrives on the raw topic (`schemas/article.raw.v1.json`): its text
/// (`body`), its page (`html`), or both. Decoding also takes what Nutch-style crawlers send
/// (array-valued fields, `content` for the body): see `ArticleEvent+Decoding.swift`.
///
/// Unknown fields are tolerated (crawlers add their own); the fields below are checked against
/// the same rules the schema states, so an article accepted here is valid for the schema and a
/// rejected one names the field and the rule it broke.
public struct ArticleEvent: Sendable, Hashable {
    public var id: String
    public var url: String
    /// The article text; empty when the event carries only `html`.
    public var body: String
    /// The crawled page; when present, the text is read from it (docs/html.md).
    public var html: ArticleHTML?
    public var source: String?
    public var title: String?
    public var language: String?
    /// RFC 3339 date-times, kept as written.
    public var publishedAt: String?
    public var crawledAt: String?
    public var section: String?
    public var author: String?
    public var tags: [String]?

    public init(
        id: String, url: String, body: String, source: String? = nil, title: String? = nil, language: String? = nil,
        publishedAt: String? = nil, crawledAt: String? = nil, section: String? = nil, author: String? = nil,
        tags: [String]? = nil, html: ArticleHTML? = nil
    ) {
        self.id = id
        self.url = url
        self.body = body
        self.html = html
        self.source = source
        self.title = title
        self.language = language
        self.publishedAt = publishedAt
        self.crawledAt = crawledAt
        self.section = section
        self.author = author
        self.tags = tags
    }

    /// The schema's limits, shared with validation. Lengths are counted in Unicode code points,
    /// as JSON Schema's `maxLength` counts them (not Swift Characters, not UTF-8 bytes).
    public enum Limits {
        public static let maxIDLength = 512
        public static let maxURLLength = 4096
    }

    /// Checks the rules JSON decoding cannot: lengths, URL shape, date-time format.
    /// Returns the first violation as "field: rule".
    public func violation() -> String? {
        if id.isEmpty { return "id: must not be empty" }
        if id.unicodeScalars.count > Limits.maxIDLength {
            return "id: \(id.unicodeScalars.count) code points, longer than \(Limits.maxIDLength)"
        }
        if url.unicodeScalars.count > Limits.maxURLLength {
            return "url: \(url.unicodeScalars.count) code points, longer than \(Limits.maxURLLength)"
        }
        if !Self.isAbsoluteURL(url) { return "url: not an absolute URL (scheme://…)" }
        if let h = html, h.content.isEmpty { return "html.content: must not be empty" }
        if let p = publishedAt, !RFC3339.isValid(p) { return "published_at: not an RFC 3339 date-time" }
        if let c = crawledAt, !RFC3339.isValid(c) { return "crawled_at: not an RFC 3339 date-time" }
        return nil
    }

    /// `scheme://` followed by at least one non-space character, no whitespace anywhere —
    /// the schema's `^[A-Za-z][A-Za-z0-9+.-]*://\S+$`.
    static func isAbsoluteURL(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, isAlpha(first) else { return false }
        var i = 1
        while i < u.count,
            isAlpha(u[i]) || (u[i] >= 0x30 && u[i] <= 0x39) || u[i] == 0x2B || u[i] == 0x2E || u[i] == 0x2D
        {
            i += 1
        }
        guard i + 3 < u.count + 0, u[i] == 0x3A, u[i + 1] == 0x2F, u[i + 2] == 0x2F, i + 3 < u.count else {
            return false
        }
        return !hasWhitespace(s)
    }

    /// Whether `s` has a Unicode White_Space scalar. ASCII text (the usual URL) is checked by its
    /// bytes (its white space is U+0009–U+000D and U+0020); other text by the scalars' properties.
    static func hasWhitespace(_ s: String) -> Bool {
        var s = s
        let ascii = s.withUTF8 { u -> Bool? in
            var any = false
            for b in u {
                if b >= 0x80 { return nil }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { any = true }
            }
            return any
        }
        return ascii ?? s.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    private static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}

/// RFC 3339 date-time (`2026-11-01T08:30:00Z`, `2026-11-01T08:30:00.123+08:00`), as JSON
/// Schema's `date-time` format defines it (a `T` separator: RFC 3339's space variant is not allowed).
enum RFC3339 {
    static func isValid(_ s: String) -> Bool {
        let c = Array(s.utf8)
        func digits(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= c.count else { return nil }
            var v = 0
            for i in from..<from + n {
                guard c[i] >= 0x30, c[i] <= 0x39 else { return nil }
                v = v * 10 + Int(c[i] - 0x30)
            }
            return v
        }
        guard c.count >= 20, digits(0, 4) != nil, c[4] == 0x2D, let mo = digits(5, 2), c[7] == 0x2D,
            let d = digits(8, 2),
            c[10] == 0x54 || c[10] == 0x74, let h = digits(11, 2), c[13] == 0x3A, let mi = digits(14, 2),
            c[16] == 0x3A, let se = digits(17, 2)
        else { return false }
        guard (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se <= 60 else { return false }
        var i = 19
        if i < c.count, c[i] == 0x2E {
            i += 1
            let start = i
            while i < c.count, c[i] >= 0x30, c[i] <= 0x39 { i += 1 }
            if i == start { return false }
        }
        guard i < c.count else { return false }
        if c[i] == 0x5A || c[i] == 0x7A { return i + 1 == c.count }
        guard c[i] == 0x2B || c[i] == 0x2D, let oh = digits(i + 1, 2), i + 3 < c.count, c[i + 3] == 0x3A,
            let om = digits(i + 4, 2)
        else { return false }
        return oh < 24 && om < 60 && i + 6 == c.count
    }
}
