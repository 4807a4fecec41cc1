/// Title, publication date and source from a page's `<meta>` and `<title>`, for events that
/// lack them. Names are matched case-insensitively on `name`, `property` or `itemprop`; the first
/// name in each list that the page has wins (docs/html.md).
struct PageMeta {
    var titleTag: String?
    /// The value of each wanted name (`names`' order), nil until the page gives one.
    private var values = [String?](repeating: nil, count: PageMeta.names.count)

    static let titleNames = ["og:title", "articletitle", "twitter:title", "dc.title"]
    static let dateNames = [
        "article:published_time", "pubdate", "publishdate", "publish_date", "publishtime", "firstpublishedtime",
        "og:release_date", "dc.date", "dc.date.issued", "dcterms.created", "date", "datepublished",
    ]
    static let sourceNames = ["contentsource", "source", "og:site_name", "sitename", "dc.publisher", "publisher"]
    /// Only these are kept (keywords and descriptions are long and never read).
    private static let names = titleNames + dateNames + sourceNames
    private static let slots = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    private static let titleSlots = 0..<titleNames.count
    private static let dateSlots = titleSlots.upperBound..<(titleSlots.upperBound + dateNames.count)
    private static let sourceSlots = dateSlots.upperBound..<names.count

    mutating func add(_ n: Int32, of dom: DOM) {
        // The names are ASCII, so lower-casing the name's ASCII letters matches them exactly as
        // Unicode lower-casing would (no other character lower-cases to an ASCII letter of theirs).
        guard
            let r = dom.attributeRange(n, .name) ?? dom.attributeRange(n, .property)
                ?? dom.attributeRange(n, .itemprop),
            r.count <= 32
        else { return }
        let name = String(
            decoding: dom.attributeBytes.bytes(r).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        guard let slot = Self.slots[name], values[slot] == nil, let content = dom.attribute(n, .content) else { return }
        let v = Self.collapse(content)
        if !v.isEmpty { values[slot] = v }
    }

    var title: String? {
        for i in Self.titleSlots { if let v = values[i] { return v } }
        return titleTag.flatMap { $0.isEmpty ? nil : $0 }
    }
    var source: String? {
        for i in Self.sourceSlots { if let v = values[i] { return v } }
        return nil
    }
    var publishedAt: String? {
        for i in Self.dateSlots { if let v = values[i], let d = PublishedDate.rfc3339(v) { return d } }
        return nil
    }

    static func collapse(_ s: String) -> String {
        // Fast paths, same result: no byte that can start a whitespace character (ASCII ones,
        // U+0085, U+00A0, U+1680, U+2000…U+205F, U+3000), or all ASCII (split at its whitespace).
        let u = s.utf8
        let mayHaveSpace = u.contains { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE1 || $0 == 0xE2 || $0 == 0xE3 }
        if !mayHaveSpace { return s }
        if !u.contains(where: { $0 >= 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var gap = false
            for b in u {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    gap = true
                    continue
                }
                if gap, !out.isEmpty { out.append(0x20) }
                gap = false
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// Dates as Chinese sites write them → RFC 3339. `2025-03-12`, `2025/3/12 10:30`,
/// `2025年3月12日`, `2025-03-12T10:30:00+08:00`; without a zone the time is China Standard
/// Time (+08:00), without a time it is midnight.
enum PublishedDate {
    static func rfc3339(_ s: String) -> String? {
        let u = s.unicodeScalars.map(\.value)
        var i = 0
        func number(max: Int) -> Int? {
            var v = 0, k = 0
            while i < u.count, k < max, u[i] >= 0x30, u[i] <= 0x39 {
                v = v * 10 + Int(u[i] - 0x30)
                i += 1
                k += 1
            }
            return k > 0 ? v : nil
        }
        // One of up to four scalars (per call, without building a string to search).
        func skip(
            _ a: Unicode.Scalar, _ b: Unicode.Scalar? = nil, _ c: Unicode.Scalar? = nil, _ d: Unicode.Scalar? = nil
        )
            -> Bool
        {
            guard i < u.count else { return false }
            let x = u[i]
            guard x == a.value || x == b?.value || x == c?.value || x == d?.value else { return false }
            i += 1
            return true
        }
        guard let y = number(max: 4), (1970...2100).contains(y), skip("-", "/", ".", "年"), let mo = number(max: 2),
            (1...12).contains(mo),
            skip("-", "/", ".", "月"), let d = number(max: 2), (1...31).contains(d)
        else { return nil }
        _ = skip("日")
        var h = 0, mi = 0, se = 0
        var zone: (sign: UInt8, h: Int, m: Int)? = (0x2B, 8, 0)  // nil: Z
        if skip("T", " ") || skip("\u{3000}") {
            while skip(" ") {}
            if let hh = number(max: 2), hh < 24, skip(":"), let mm = number(max: 2), mm < 60 {
                h = hh
                mi = mm
                if skip(":"), let ss = number(max: 2), ss <= 60 { se = ss }
                if skip(".") { _ = number(max: 9) }
                if skip("Z", "z") {
                    zone = nil
                } else if i < u.count, u[i] == 0x2B || u[i] == 0x2D {
                    let sign = UInt8(u[i])
                    i += 1
                    if let zh = number(max: 2), zh < 24 {
                        _ = skip(":")
                        zone = (sign, zh, number(max: 2) ?? 0)
                    }
                }
            }
        }
        // yyyy-MM-ddTHH:mm:ss±hh:mm, digits written directly (the year is 1970…2100).
        var out: [UInt8] = []
        out.reserveCapacity(25)
        func put(_ v: Int, _ width: Int) {
            var div = width == 4 ? 1000 : 10
            while div > 0 {
                out.append(UInt8(0x30 + (v / div) % 10))
                div /= 10
            }
        }
        put(y, 4)
        out.append(0x2D)
        put(mo, 2)
        out.append(0x2D)
        put(d, 2)
        out.append(0x54)
        put(h, 2)
        out.append(0x3A)
        put(mi, 2)
        out.append(0x3A)
        put(se, 2)
        if let zone {
            out.append(zone.sign)
            put(zone.h, 2)
            out.append(0x3A)
            put(zone.m, 2)
        } else {
            out.append(0x5A)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
