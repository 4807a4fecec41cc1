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
    static let chromePrefixes = ["nav", "menu", "breadcrumb", "footer", "sidebar", "share", "copyright", "friendlink", "topbar", "banquan", "daohang"]

    static func isChrome(classOrID: String) -> Bool {
        var bytes = Array(classOrID.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { isChrome(classOrID: $0.baseAddress!) }
    }

    /// Over a NUL-terminated attribute value; words of up to 15 letters are small strings
    /// (no allocation), longer ones cannot be chrome words but may start with a prefix.
    static func isChrome(classOrID p: UnsafePointer<UInt8>) -> Bool {
        func check(_ from: Int, _ to: Int) -> Bool {
            guard to > from else { return false }
            var w = String(decoding: UnsafeBufferPointer(start: p + from, count: to - from), as: UTF8.self)
            if w.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { w = w.lowercased() }
            return chromeWords.contains(w) || chromePrefixes.contains { w.hasPrefix($0) }
        }
        var i = 0, start = 0
        while p[i] != 0 {
            let b = p[i] | 0x20
            if !(b >= 0x61 && b <= 0x7A) {
                if check(start, i) { return true }
                start = i + 1
            }
            i += 1
        }
        return check(start, i)
    }

    /// More than half of the text inside links, and not long prose: a menu, a list of related
    /// articles, a footer of links.
    static func isLinkDense(text: Int, links: Int) -> Bool {
        text > 0 && links * 2 > text
    }
}

/// What the walker needs to know about a tag, worked out once per tag name and page.
struct TagInfo {
    let name: String
    let dropped: Bool
    let block: Bool
    let judgedForLinks: Bool
    let isLink: Bool
}

/// Tag names → `TagInfo`, keyed by libxml2's interned name pointer (bounded: a page that does
/// not intern names, or has thousands of made-up tags, just recomputes).
struct TagTable {
    private var cache: [UInt: TagInfo] = [:]

    mutating func info(_ n: LibXML.Node) -> TagInfo {
        let key = n.namePointer
        if let i = cache[key] { return i }
        let name = n.name
        let i = TagInfo(
            name: name, dropped: Boilerplate.droppedTags.contains(name), block: Boilerplate.blockTags.contains(name),
            judgedForLinks: Boilerplate.linkDensityTags.contains(name), isLink: name == "a")
        if cache.count < 512 { cache[key] = i }
        return i
    }
}
