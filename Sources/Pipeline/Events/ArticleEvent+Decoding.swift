import Foundation

/// The page of an `article.raw` event (`html`): the page as text, or its raw bytes in base64
/// (then `charset`, else the `charset=` of `content_type`, else the page's meta says how to
/// decode them). A string `html` is shorthand for `{"content": …}`.
public struct ArticleHTML: Sendable, Hashable, Codable {
    public enum Encoding: String, Sendable, Hashable, Codable {
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

    enum CodingKeys: String, CodingKey {
        case content, encoding, charset
        case contentType = "content_type"
    }

    public init(content: String, encoding: Encoding = .text, contentType: String? = nil, charset: String? = nil) {
        self.content = content
        self.encoding = encoding
        self.contentType = contentType
        self.charset = charset
    }

    public init(from decoder: any Decoder) throws {
        if let page = try? decoder.singleValueContainer().decode(String.self) {
            self.init(content: page)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            content: try c.decode(String.self, forKey: .content),
            encoding: try c.decodeIfPresent(Encoding.self, forKey: .encoding) ?? .text,
            contentType: try c.decodeIfPresent(String.self, forKey: .contentType),
            charset: try c.decodeIfPresent(String.self, forKey: .charset))
    }

    /// Size of the page (bytes of `content`).
    public var byteCount: Int { content.utf8.count }
}

extension ArticleEvent {
    /// Keys beyond the schema's own that crawlers send: Nutch's `content` (the parsed text), and
    /// a flat `content_type`/`charset` beside a string `html`.
    enum CrawlerKeys: String, CodingKey, CaseIterable {
        case content, charset
        case contentType = "content_type"
    }

    /// Decodes `article.raw.v1`: every string field may also be an array of strings (Nutch sends
    /// multi-valued fields: `"title": ["…"]`; the first non-empty one is taken, a body's parts
    /// are joined by line breaks), `content` stands for a missing `body`, and either `body` or
    /// `html` must be there.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let crawler = try decoder.container(keyedBy: CrawlerKeys.self)
        func one<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> String? {
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
            if let s = try? c.decode(String.self, forKey: key) { return s }
            let parts = try strings(c, key)
            return parts.first { !$0.isEmpty } ?? parts.first
        }
        func text<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K, nullable: Bool) throws -> String? {
            guard c.contains(key) else { return nil }
            if nullable, try c.decodeNil(forKey: key) { return nil }
            if let s = try? c.decode(String.self, forKey: key) { return s }
            return try strings(c, key).joined(separator: "\n")
        }
        /// An array of strings, else the mismatch reported as "expected a string" (the usual form).
        func strings<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> [String] {
            if let parts = try? c.decode([String].self, forKey: key) { return parts }
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: c.codingPath + [key], debugDescription: "a string or an array of strings"))
        }
        var html = try c.decodeIfPresent(ArticleHTML.self, forKey: .html)
        if var h = html {
            h.contentType = try h.contentType ?? one(crawler, .contentType)
            h.charset = try h.charset ?? one(crawler, .charset)
            html = h
        }
        // `body` may not be null (v1 never allowed it); Nutch's `content` may.
        let body = try text(c, .body, nullable: false) ?? text(crawler, .content, nullable: true)
        guard body != nil || html != nil else {
            throw DecodingError.keyNotFound(
                CodingKeys.body, .init(codingPath: [], debugDescription: "either body or html is required"))
        }
        guard let id = try one(c, .id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: [], debugDescription: "id is required"))
        }
        guard let url = try one(c, .url) else {
            throw DecodingError.keyNotFound(CodingKeys.url, .init(codingPath: [], debugDescription: "url is required"))
        }
        var tags: [String]? = nil
        if c.contains(.tags), try !c.decodeNil(forKey: .tags) {
            tags = try (try? c.decode(String.self, forKey: .tags)).map { [$0] } ?? strings(c, .tags)
        }
        self.init(
            id: id, url: url, body: body ?? "", source: try one(c, .source), title: try one(c, .title),
            language: try one(c, .language), publishedAt: try one(c, .publishedAt), crawledAt: try one(c, .crawledAt),
            section: try one(c, .section), author: try one(c, .author), tags: tags, html: html)
    }
}
