/// What the reader drops from a page and what it treats as a block (docs/html.md lists the same).
enum Boilerplate {
    /// Never text: code, styling, embedded objects, forms, and the page chrome HTML5 names.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "frame",
        "frameset", "object", "embed", "applet", "svg", "math", "canvas", "select", "option", "button", "input",
        "textarea", "audio", "video", "map", "link", "base", "dialog", "menu",
    ]

    /// Elements whose boundaries are line breaks.
    static let blockTags: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "thead",
        "tbody", "tfoot", "caption", "td", "th", "section", "article", "main", "blockquote", "pre", "address",
        "figure", "figcaption", "hr", "center", "body", "html", "fieldset", "legend", "details", "summary",
    ]

    /// Containers whose text is judged for link density (a menu built from divs and lists).
    static let linkDensityTags: Set<String> = ["div", "ul", "ol", "dl", "section", "p", "table", "td", "li", "span"]

    /// Class or id words of site chrome on government and news sites: an element is dropped when
    /// a word of its class or id (split at non-letters, lower-cased) is one of these or starts
    /// with one of the prefixes. Pinyin ones are the usual Chinese CMS names (dqwz = 当前位置).
    static let chromeWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
        "footer", "foot", "sidebar", "side", "aside", "share", "sharing", "social", "copyright", "banner",
        "toolbar", "topbar", "pager", "pagination", "pagenav", "related", "comment", "comments", "login", "search",
        "searchbar", "friendlink", "friendlinks", "links", "header", "masthead", "bottom", "top", "dqwz", "weizhi",
        "position", "daohang", "banquan", "fenxiang", "advert", "ads", "qrcode", "ewm",
    ]
    static let chromePrefixes = [
        "nav", "menu", "breadcrumb", "footer", "sidebar", "share", "copyright", "friendlink", "topbar", "banquan",
        "daohang",
    ]

    /// Over an attribute value; words of up to 15 letters are small strings (no allocation),
    /// longer ones cannot be chrome words but may start with a prefix.
    static func isChrome(classOrID p: UnsafeBufferPointer<UInt8>) -> Bool {
        func check(_ from: Int, _ to: Int) -> Bool {
            guard to > from else { return false }
            var w = String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
            if w.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { w = w.lowercased() }
            return chromeWords.contains(w) || chromePrefixes.contains { w.hasPrefix($0) }
        }
        var start = 0
        for i in 0..<p.count {
            let b = p[i] | 0x20
            if !(b >= 0x61 && b <= 0x7A) {
                if check(start, i) { return true }
                start = i + 1
            }
        }
        return check(start, p.count)
    }

    /// Per-page memo of class/id values (the same few repeat on every element of a page), bounded.
    struct Memo {
        private var seen: [String: Bool] = [:]
        mutating func isChrome(_ bytes: ArraySlice<UInt8>) -> Bool {
            if bytes.isEmpty { return false }
            let value = String(decoding: bytes, as: UTF8.self)
            if let v = seen[value] { return v }
            let v = bytes.withUnsafeBufferPointer { Boilerplate.isChrome(classOrID: $0) }
            if seen.count < 1024 { seen[value] = v }
            return v
        }
    }

    /// More than half of the text inside links, and not long prose: a menu, a list of related
    /// articles, a footer of links.
    static func isLinkDense(text: Int, links: Int) -> Bool {
        text > 0 && links * 2 > text
    }
}

/// What the walker needs to know about a tag, worked out once per tag name and page. Only flags:
/// copying one costs no reference counting.
struct TagInfo {
    /// Tags the walker treats specially.
    enum Special { case head, title, meta, br, table, root, caption, tr, td, th, thead, tbody, tfoot }
    let special: Special?
    let dropped: Bool
    let block: Bool
    let judgedForLinks: Bool
    let isLink: Bool
}

/// Tag names → `TagInfo`. libxml2's HTML tag names are ASCII (htmlParseHTMLName), so every name
/// a rule mentions is looked up by its bytes, without making a string.
enum TagTable {
    /// Up to 16 bytes of a name, packed.
    private struct Packed: Hashable {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
    }

    private static let known: [Packed: TagInfo] = {
        let names =
            Boilerplate.droppedTags.union(Boilerplate.blockTags).union(Boilerplate.linkDensityTags)
            .union(["head", "title", "meta", "br", "a", "th", "td"])
        var table: [Packed: TagInfo] = [:]
        for name in names {
            let packed = Array(name.utf8).withUnsafeBufferPointer { pack($0) }
            table[packed!] = make(name)
        }
        return table
    }()
    private static let plain = make("")

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> Packed? {
        guard bytes.count <= 16 else { return nil }
        var p = Packed()
        for (i, b) in bytes.enumerated() {
            if i < 8 { p.lo |= UInt64(b) << (8 * UInt64(i)) } else { p.hi |= UInt64(b) << (8 * UInt64(i - 8)) }
        }
        return p
    }

    /// The info of a NUL-terminated tag name.
    static func info(_ name: UnsafePointer<UInt8>) -> TagInfo {
        var n = 0
        while n <= 16, name[n] != 0 { n += 1 }
        guard let packed = pack(UnsafeBufferPointer(start: name, count: n)) else { return plain }
        return known[packed] ?? plain
    }

    static func make(_ name: String) -> TagInfo {
        let special: TagInfo.Special? =
            switch name {
            case "head": .head
            case "title": .title
            case "meta": .meta
            case "br": .br
            case "table": .table
            case "html", "body": .root
            case "caption": .caption
            case "tr": .tr
            case "td": .td
            case "th": .th
            case "thead": .thead
            case "tbody": .tbody
            case "tfoot": .tfoot
            default: nil
            }
        return TagInfo(
            special: special, dropped: Boilerplate.droppedTags.contains(name),
            block: Boilerplate.blockTags.contains(name),
            judgedForLinks: Boilerplate.linkDensityTags.contains(name), isLink: name == "a")
    }
}
