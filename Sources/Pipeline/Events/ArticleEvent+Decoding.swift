/// The page of an `article.raw` event (`html`): the page as text, or its raw bytes in base64
/// (then `charset`, else the `charset=` of `content_type`, else the page's meta says how to
/// decode them). A string `html` is shorthand for `{"content": …}`.
public struct ArticleHTML: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable {
        /// `content` is the page as Unicode text (JSON strings are): a charset names the bytes
        /// it came from and is not applied again.
        case text
        /// `content` is the HTTP body's bytes, base64: the charset applies.
        case base64
    }
    public var content: String
    public var encoding: Encoding
    public var contentType: String?
    public var charset: String?

    public init(content: String, encoding: Encoding = .text, contentType: String? = nil, charset: String? = nil) {
        self.content = content
        self.encoding = encoding
        self.contentType = contentType
        self.charset = charset
    }

    /// Size of the page (bytes of `content`).
    public var byteCount: Int { content.utf8.count }
}

extension ArticleEvent {
    /// The fields of `article.raw.v1` Tally reads.
    enum Field: String, CaseIterable {
        case id, url, body, html, source, title, language, section, author, tags
        case publishedAt = "published_at"
        case crawledAt = "crawled_at"

        static let order = allCases
        /// Its member's place in `init(members:)`'s slots (`readKeyOrder`).
        var slot: Int { Self.order.firstIndex(of: self)! }
    }

    /// Keys beyond the schema's own that crawlers send: Nutch's `content` (the parsed text), and
    /// a flat `content_type`/`charset` beside a string `html`.
    enum CrawlerField: String, CaseIterable {
        case content, charset
        case contentType = "content_type"

        static let order = allCases
        /// Its member's place in `init(members:)`'s slots, after the schema's fields.
        var slot: Int { Field.order.count + Self.order.firstIndex(of: self)! }
    }

    /// A read field's value breaks a rule: "field: rule".
    struct FieldError: Error {
        var message: String
    }

    /// Builds `article.raw.v1` from the scanned members by slot (`readSlots`; the last of
    /// duplicate keys), whose shapes `shapeViolation` has checked: every string field may also be
    /// an array of strings (Nutch sends multi-valued fields: `"title": ["…"]`; the first non-empty
    /// one is taken, a body's parts are joined by line breaks), `content` stands for a missing
    /// `body`, and either `body` or `html` must be there. Checks run in a fixed order, so a
    /// record's reason does not depend on its key order.
    init(members m: [JSONScan.Member?]) throws(FieldError) {
        /// An array's items, all strings, else "expected a string" (the usual form).
        func strings(_ key: String, _ items: [JSONScan.Item]) throws(FieldError) -> [String] {
            var out: [String] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else { throw FieldError(message: "\(key): expected a string") }
                out.append(s)
            }
            return out
        }
        func one(_ slot: Int) throws(FieldError) -> String? {
            let key = Self.readKeyOrder[slot]
            guard let v = m[slot], v.kind != .null else { return nil }
            if let s = v.string { return s }
            let parts = try strings(key, v.items ?? [])
            return parts.first { !$0.isEmpty } ?? parts.first
        }
        func text(_ slot: Int) throws(FieldError) -> String? {
            let key = Self.readKeyOrder[slot]
            guard let v = m[slot], v.kind != .null else { return nil }
            if let s = v.string { return s }
            return try strings(key, v.items ?? []).joined(separator: "\n")
        }
        var html = try Self.html(m[Field.html.slot])
        if var h = html {
            if h.contentType == nil { h.contentType = try one(CrawlerField.contentType.slot) }
            if h.charset == nil { h.charset = try one(CrawlerField.charset.slot) }
            html = h
        }
        // `body` may not be null (v1 never allowed it: `shapeViolation`); Nutch's `content` may.
        var body = try text(Field.body.slot)
        if body == nil { body = try text(CrawlerField.content.slot) }
        guard body != nil || html != nil else { throw FieldError(message: "body: required field missing") }
        guard let id = try one(Field.id.slot) else { throw FieldError(message: "id: required field missing") }
        guard let url = try one(Field.url.slot) else { throw FieldError(message: "url: required field missing") }
        var tags: [String]? = nil
        if let t = m[Field.tags.slot], t.kind != .null {
            if let one = t.string { tags = [one] } else { tags = try strings(Field.tags.rawValue, t.items ?? []) }
        }
        self.init(
            id: id, url: url, body: body ?? "", source: try one(Field.source.slot),
            title: try one(Field.title.slot), language: try one(Field.language.slot),
            publishedAt: try one(Field.publishedAt.slot), crawledAt: try one(Field.crawledAt.slot),
            section: try one(Field.section.slot), author: try one(Field.author.slot), tags: tags, html: html)
    }

    /// `html`: a string (the page), or a flat object with `content` and optional `encoding`,
    /// `content_type`, `charset` (the last of duplicate keys); null is absent.
    private static func html(_ v: JSONScan.Member?) throws(FieldError) -> ArticleHTML? {
        guard let v, v.kind != .null else { return nil }
        if let page = v.string { return ArticleHTML(content: page) }
        var fields: [String: JSONScan.Item] = [:]
        for f in v.fields ?? [] { fields[f.key] = f.value }
        func string(_ key: String) throws(FieldError) -> String? {
            switch fields[key] {
            case nil, .other(.null): return nil
            case .string(let s): return s
            case .other: throw FieldError(message: "html.\(key): expected a string")
            }
        }
        guard fields["content"] != nil else { throw FieldError(message: "html.content: required field missing") }
        guard case .string(let content) = fields["content"] else {
            throw FieldError(message: "html.content: expected a string")
        }
        var encoding = ArticleHTML.Encoding.text
        if let e = try string("encoding") {
            guard let known = ArticleHTML.Encoding(rawValue: e) else {
                throw FieldError(message: "html.encoding: not a valid value")
            }
            encoding = known
        }
        return ArticleHTML(
            content: content, encoding: encoding, contentType: try string("content_type"),
            charset: try string("charset"))
    }
}
