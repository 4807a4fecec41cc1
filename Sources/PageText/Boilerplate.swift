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

    private static let chromeWordKeys = PackedNameTable(chromeWords.map { ($0, ()) })
    /// Each prefix packed, with the mask of its bytes (all are at most 16 bytes).
    private static let chromePrefixKeys = chromePrefixes.map { p in
        (PackedName(Array(p.utf8))!, PackedName(Array(repeating: 0xFF, count: p.utf8.count))!)
    }

    /// Over an attribute value, word by word (runs of ASCII letters, lower-cased), without
    /// making strings: it runs for every element with a class or id.
    static func isChrome(classOrID p: UnsafeBufferPointer<UInt8>) -> Bool {
        let words = chromeWordKeys, prefixes = chromePrefixKeys
        func check(_ from: Int, _ to: Int) -> Bool {
            guard to > from else { return false }
            let word = UnsafeBufferPointer(rebasing: p[from..<min(to, from + 16)])
            let head = PackedName(word, lowercased: true)!
            if to - from <= 16, words[head] != nil { return true }
            return prefixes.contains { prefix, mask in prefix.count <= to - from && head.masked(mask) == prefix }
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

    /// More than half of the text inside links, and not long prose: a menu, a list of related
    /// articles, a footer of links.
    static func isLinkDense(text: Int, links: Int) -> Bool {
        text > 0 && links * 2 > text
    }
}

/// What the walker needs to know about a tag, worked out once per tag name and page. Only flags:
/// copying one costs no reference counting.
struct TagInfo: Sendable {
    /// Tags the walker treats specially.
    enum Special { case head, title, meta, br, table, root, caption, tr, td, th, thead, tbody, tfoot }
    let special: Special?
    let dropped: Bool
    let block: Bool
    let judgedForLinks: Bool
    let isLink: Bool
}

/// Up to 16 bytes of an ASCII name, packed: a set of names looked up without making strings.
struct PackedName: Hashable, Comparable {
    private var lo: UInt64 = 0
    private var hi: UInt64 = 0
    /// Bytes packed.
    private(set) var count = 0

    /// nil when longer than 16 bytes. `lowercased`: ASCII letters' case bit set (letters only).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, lowercased: Bool = false) {
        guard bytes.count <= 16 else { return nil }
        count = bytes.count
        for (i, b) in bytes.enumerated() {
            let v = UInt64(lowercased ? b | 0x20 : b)
            if i < 8 { lo |= v << (8 * UInt64(i)) } else { hi |= v << (8 * UInt64(i - 8)) }
        }
    }

    init?(_ bytes: [UInt8]) {
        guard let p = bytes.withUnsafeBufferPointer({ PackedName($0) }) else { return nil }
        self = p
    }

    /// The bytes under `mask`'s, with `mask`'s count.
    func masked(_ mask: PackedName) -> PackedName {
        var m = self
        m.lo &= mask.lo
        m.hi &= mask.hi
        m.count = mask.count
        return m
    }

    static func < (a: PackedName, b: PackedName) -> Bool { (a.lo, a.hi, a.count) < (b.lo, b.hi, b.count) }
}

/// A fixed table of names, sorted, searched by halves: no hashing (Set's and Dictionary's
/// SipHash cost more than the half-dozen comparisons here), for lookups made per element.
struct PackedNameTable<Value: Sendable>: Sendable {
    private let keys: [PackedName]
    private let values: [Value]

    init(_ entries: [(String, Value)]) {
        let sorted = entries.map { (PackedName(Array($0.0.utf8))!, $0.1) }.sorted { $0.0 < $1.0 }
        keys = sorted.map(\.0)
        values = sorted.map(\.1)
    }

    subscript(_ key: PackedName) -> Value? {
        let i = keys.withUnsafeBufferPointer { k in
            var lo = 0, hi = k.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if k[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return lo < k.count && k[lo] == key ? lo : nil
        }
        return i.map { values[$0] }
    }
}

/// Tag names → `TagInfo`. libxml2's HTML tag names are ASCII (htmlParseHTMLName), so every name
/// a rule mentions is looked up by its bytes, without making a string.
enum TagTable {

    private static let known: PackedNameTable<TagInfo> = {
        let names =
            Boilerplate.droppedTags.union(Boilerplate.blockTags).union(Boilerplate.linkDensityTags)
            .union(["head", "title", "meta", "br", "a", "th", "td"])
        return PackedNameTable(names.map { ($0, make($0)) })
    }()
    private static let plain = make("")

    /// The info of a NUL-terminated tag name.
    static func info(_ name: UnsafePointer<UInt8>) -> TagInfo {
        var n = 0
        while n <= 16, name[n] != 0 { n += 1 }
        guard let packed = PackedName(UnsafeBufferPointer(start: name, count: n)) else { return plain }
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
