import MetricParser

/// Reads a crawled HTML page into what the metric parser needs: the text a reader sees (block
/// structure as line breaks, inline tags joined, boilerplate dropped), the page's tables as data,
/// and the title, date and source from its meta. libxml2's HTML parser does the parsing (it
/// recovers from broken markup like a browser); see docs/html.md for every rule.
///
/// ```swift
/// let page = try PageReader().read(bytes, charset: "GBK")
/// page.text      // "2025年全市地区生产总值1234.5亿元，…"
/// page.tables    // [DataTable] for TableMetrics
/// ```
///
/// No C type appears in this API. `read` is safe to call from any number of threads at once
/// (each call has its own libxml2 document).
public struct PageReader: Sendable {
    /// Name and version of this extractor: they go into every event made from a page, so the text
    /// (and with it every offset) can be reproduced. Bump the version whenever the text produced
    /// for some page can change.
    public static let name = "tally-pagetext"
    public static let version = "1.0.0"

    public struct Options: Sendable, Hashable {
        /// Pages larger than this (bytes) are refused.
        public var maxBytes: Int
        public init(maxBytes: Int = 16 * 1024 * 1024) {
            self.maxBytes = maxBytes
        }
    }

    public let options: Options

    public init(options: Options = .init()) {
        self.options = options
        LibXML.initialize()
    }

    /// A page as raw bytes (an HTTP body, a file): the charset comes from `charset`, else the
    /// `charset=` of `contentType`, else the page's `<meta>`, else sniffing (UTF-8, else GB18030).
    public func read(_ bytes: [UInt8], charset: String? = nil, contentType: String? = nil) throws(PageError) -> Page {
        try check(bytes.count)
        let decoded = try Charset.decode(bytes, declared: charset, contentType: contentType)
        return try parse(decoded.utf8, charset: decoded.charset, note: decoded.note)
    }

    /// A page already decoded to Unicode (the `html` string of an event): any charset the page
    /// declares describes bytes it no longer has, so it is not applied again.
    public func read(html: String) throws(PageError) -> Page {
        let bytes = Array(html.utf8)
        try check(bytes.count)
        if let reason = Charset.binaryReason(bytes[...]) { throw PageError(.binary, reason) }
        return try parse(bytes, charset: "UTF-8", note: nil)
    }

    private func check(_ count: Int) throws(PageError) {
        if count == 0 { throw PageError(.empty, "the page is empty") }
        if count > options.maxBytes {
            throw PageError(.tooLarge, "the page is \(count) bytes, over the limit of \(options.maxBytes)")
        }
    }

    private func parse(_ utf8: [UInt8], charset: String, note: String?) throws(PageError) -> Page {
        guard let doc = LibXML.parse(utf8) else { throw PageError(.unparseable, "libxml2 could not read the page") }
        var walker = PageWalker(doc.dom, capacity: utf8.count / 2)
        walker.run()
        var page = walker.finish()
        page.charset = charset
        if let note { page.notes.insert(note, at: 0) }
        if doc.depthLimited {
            page.notes.append("nesting deeper than \(LibXML.maxDepth) elements: the rest of the page was not read")
        }
        return page
    }
}

/// What a page became.
public struct Page: Sendable, Hashable {
    /// The text the parser reads: one line per block, table rows as cells separated by tabs.
    public var text: String
    /// From the page's meta (`og:title`, `ArticleTitle`, `<title>`), nil when absent.
    public var title: String?
    /// RFC 3339 (a date without a zone is taken as China Standard Time, +08:00), from
    /// `article:published_time`, `PubDate`, `publishdate`, … ; nil when absent or unreadable.
    public var publishedAt: String?
    /// From `ContentSource`, `source`, `og:site_name`, …
    public var source: String?
    /// The charset the bytes were decoded from.
    public var charset: String
    /// The page's data tables, their cells' offsets into `text`.
    public var tables: [DataTable]
    /// What the reader had to guess or give up (a charset that lied, a depth limit), for logs.
    public var notes: [String]

    public init(
        text: String, title: String? = nil, publishedAt: String? = nil, source: String? = nil,
        charset: String = "UTF-8", tables: [DataTable] = [], notes: [String] = []
    ) {
        self.text = text
        self.title = title
        self.publishedAt = publishedAt
        self.source = source
        self.charset = charset
        self.tables = tables
        self.notes = notes
    }
}

/// A page that could not be read at all (a broken page is read as well as it can be instead).
public struct PageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case empty, tooLarge = "too_large", binary, unparseable
    }
    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "html: \(reason)" }
}
