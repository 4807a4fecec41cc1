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
        var word: [UInt8] = []
        func check() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            guard !word.isEmpty else { return false }
            let w = String(decoding: word, as: UTF8.self)
            return chromeWords.contains(w) || chromePrefixes.contains { w.hasPrefix($0) }
        }
        for b in classOrID.utf8 {
            if (b >= 0x61 && b <= 0x7A) { word.append(b) }
            else if b >= 0x41 && b <= 0x5A { word.append(b + 32) }
            else if check() { return true }
        }
        return check()
    }

    /// More than half of the text inside links, and not long prose: a menu, a list of related
    /// articles, a footer of links.
    static func isLinkDense(text: Int, links: Int) -> Bool {
        text > 0 && links * 2 > text
    }
}
