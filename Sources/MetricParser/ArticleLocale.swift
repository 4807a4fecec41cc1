/// Where an article was written, as far as the parser needs it: the currency of a bare 元.
///
/// A Taiwan report's 元 is New Taiwan dollars, a Hong Kong one's Hong Kong dollars, a Macau
/// one's patacas; everywhere else 元 is renminbi. The locale decides that and nothing else.
/// It comes from what the article says about itself, in this order (see docs/parser.md):
/// 1. the event's language tag (zh-TW, zh-Hant-HK, zh_MO …);
/// 2. the host of its url (.tw, .hk, .mo; gov.hk, gov.mo …);
/// 3. the text, when it is written in traditional characters: the currency it names
///    (新台幣, 港幣/港元, 澳門元/澳門幣/葡幣), else the government bodies only one region has
///    (行政院, 立法院 … for Taiwan; 港府, 香港特區, 財政司 for Hong Kong; 澳門特區, 經濟財政司
///    for Macau), else the places only one region has (its counties, districts, parishes).
/// Simplified text with no tag and no regional host is mainland (CNY).
public struct ArticleLocale: Sendable, Hashable {
    public enum Region: String, Sendable, Hashable, CaseIterable {
        case mainland, taiwan, hongKong = "hong_kong", macau

        /// Position in `allCases`.
        var index: Int {
            switch self {
            case .mainland: return 0
            case .taiwan: return 1
            case .hongKong: return 2
            case .macau: return 3
            }
        }
    }

    public var region: Region

    public init(_ region: Region) { self.region = region }

    public static let mainland = ArticleLocale(.mainland)

    /// ISO 4217 code of a bare 元/圆/块 (and 角/毛 counted in it).
    public var localCurrency: String {
        switch region {
        case .mainland: return "CNY"
        case .taiwan: return "TWD"
        case .hongKong: return "HKD"
        case .macau: return "MOP"
        }
    }

    /// From a BCP 47 tag: zh-TW / zh-Hant-TW → Taiwan, zh-HK → Hong Kong, zh-MO → Macau,
    /// zh-CN / zh-Hans / zh-SG → mainland conventions. Nil when the tag names no region
    /// (zh, zh-Hant, en).
    public init?(languageTag tag: String?) {
        guard let tag else { return nil }
        let parts = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard parts.first == "zh" || parts.first == "yue" else { return nil }
        for p in parts.dropFirst() {
            switch p {
            case "tw": self.init(.taiwan); return
            case "hk": self.init(.hongKong); return
            case "mo": self.init(.macau); return
            case "cn", "sg", "my", "hans": self.init(.mainland); return
            default: continue
            }
        }
        return nil
    }

    /// From the host of an absolute url: a .tw / .hk / .mo country domain (gov.hk, ltn.com.tw).
    /// Nil for any other host (a .com paper says nothing by its host).
    public init?(url: String?) {
        guard let url else { return nil }
        let u = Array(url.utf8)
        var i = 0
        while i + 2 < u.count, !(u[i] == 0x3A && u[i + 1] == 0x2F && u[i + 2] == 0x2F) { i += 1 }  // "://"
        guard i + 2 < u.count else { return nil }
        var host: [UInt8] = []
        for c in u[(i + 3)...] {
            if c == 0x2F || c == 0x3F || c == 0x23 { break }  // / ? #
            if c == 0x40 { host.removeAll(); continue }  // user@
            host.append(c | (c >= 0x41 && c <= 0x5A ? 0x20 : 0))
        }
        if let colon = host.lastIndex(of: 0x3A) { host.removeSubrange(colon...) }  // :port
        if host.last == 0x2E { host.removeLast() }
        let tld = host.split(separator: 0x2E).last.map { String(decoding: $0, as: UTF8.self) }
        switch tld {
        case "tw": self.init(.taiwan)
        case "hk": self.init(.hongKong)
        case "mo": self.init(.macau)
        default: return nil
        }
    }

    /// From the text alone (rule 3 above); nil when the text does not tell.
    public init?(text: String) {
        guard let r = Self.region(inText: Array(text.unicodeScalars.lazy.map(\.value))) else { return nil }
        self.init(r)
    }

    /// The first of tag, url, text that tells; else mainland.
    public static func resolve(languageTag: String?, url: String?, text: String) -> ArticleLocale {
        ArticleLocale(languageTag: languageTag) ?? ArticleLocale(url: url) ?? ArticleLocale(text: text) ?? .mainland
    }

    // MARK: text evidence

    static let currencyWords: [(String, Region)] = [
        ("新台币 台币 新台圆", .taiwan), ("港币 港元 港圆", .hongKong), ("澳门元 澳门币 澳门圆 葡币", .macau),
    ]
    static let bodyWords: [(String, Region)] = [
        ("行政院 立法院 监察院 考试院 司法院 主计总处 国发会 内政部 卫福部 劳动部 经济部 金管会", .taiwan),
        // With the special administrative regions' own departments (司), the complete lists from
        // their governments' structure: Hong Kong's three, Macau's five.
        ("港府 香港特区 香港特别行政区 香港政府 港澳办 政务司 财政司 律政司", .hongKong),
        ("澳门特区 澳门特别行政区 澳门政府 澳府 行政法务司 经济财政司 保安司 社会文化司 运输工务司", .macau),
    ]
    /// The weakest evidence, read only when neither currency nor body tells: the region's own places,
    /// complete from each government's list of its divisions, less the names another region also
    /// uses. Taiwan's 22 counties and cities (內政部): 台中 only as 台中市 (平台中), 連江 left out (a
    /// Fujian county too). Hong Kong's 18 districts and 九龍/新界, less 中西區/東區/南區/北區 (Tainan's and
    /// Hsinchu's districts too), 大埔 (Guangdong, Chiayi), 西貢 (Saigon), 沙田 (a common noun) and 離島
    /// (Taiwan's outlying islands). Macau's seven parishes (堂區) and its islands.
    static let placeWords: [(String, Region)] = [
        (
            "台北 新北 桃园 台中市 台南 高雄 基隆 新竹 嘉义 苗栗 彰化 南投 云林 屏东 宜兰 花莲 台东 澎湖 金门",
            .taiwan
        ),
        ("湾仔 油尖旺 深水埗 九龙城 九龙 黄大仙 观塘 荃湾 屯门 元朗 葵青 新界", .hongKong),
        ("花地玛堂区 圣安多尼堂区 望德堂区 风顺堂区 大堂区 嘉模堂区 圣方济各堂区 氹仔 路环 路氹", .macau),
    ]
    static let currencyNames: [(WordList, Region)] = currencyWords.map { (WordList($0.0), $0.1) }
    static let bodies: [(WordList, Region)] = bodyWords.map { (WordList($0.0), $0.1) }
    static let places: [(WordList, Region)] = placeWords.map { (WordList($0.0), $0.1) }

    /// Every currency name, body and place above in one list: its first-character bitset skips, in
    /// one test, the characters that begin none of them.
    static let evidence = WordList((currencyWords + bodyWords + placeWords).map(\.0).joined(separator: " "))

    /// Scans once: counts traditional-only characters against their simplified twins, then, in one
    /// pass, the currency names (stronger) and the regional bodies of each region. Words are read
    /// leftmost-longest and do not overlap: 經濟財政司 (Macau) is one word, not also Hong Kong's
    /// 財政司, and 新台幣 counts once, not again as 台幣.
    static func region(inText s: [UInt32]) -> Region? {
        guard isMostlyTraditional(s) else { return nil }
        let currencyNames = currencyNames, bodies = bodies, places = places, evidence = evidence
        // Hits per region (`Region.allCases` order), of currency names, of bodies and of places.
        var currencyHits = [0, 0, 0, 0], bodyHits = [0, 0, 0, 0], placeHits = [0, 0, 0, 0]
        var i = 0
        while i < s.count {
            let limit = min(s.count, i + 8)
            // The union first: its first-character bitset fails most characters in one test, and one
            // look-up fails most that begin some word, where the six lists would each be probed.
            guard let length = evidence.prefix(s, at: i, limit: limit) else {
                i += 1
                continue
            }
            // The list the longest word came from (lists share no word).
            for (list, region) in currencyNames where list.prefix(s, at: i, limit: limit) == length {
                currencyHits[region.index] += 1
            }
            for (list, region) in bodies where list.prefix(s, at: i, limit: limit) == length {
                bodyHits[region.index] += 1
            }
            for (list, region) in places where list.prefix(s, at: i, limit: limit) == length {
                placeHits[region.index] += 1
            }
            i += length
        }
        return uniqueBest(currencyHits) ?? uniqueBest(bodyHits) ?? uniqueBest(placeHits)
    }

    /// The region with the most hits when no other has as many; nil when none has any.
    private static func uniqueBest(_ hits: [Int]) -> Region? {
        guard let best = hits.max(), best > 0, hits.filter({ $0 == best }).count == 1 else { return nil }
        return Region.allCases[hits.firstIndex(of: best)!]
    }

    /// More than twice as many traditional-only characters as simplified ones with a twin, and at
    /// least 3. Counted a block at a time: once the rest of the text could not tip the balance even
    /// if every character left were traditional, the answer is no (a simplified article stops early).
    static func isMostlyTraditional(_ s: [UInt32]) -> Bool {
        var traditional = 0, simplified = 0, k = 0
        while k < s.count {
            let end = min(s.count, k + 64)
            let block = scriptCounts(s[k..<end])
            traditional += block.traditional; simplified += block.simplified
            k = end
            if traditional + (s.count - k) <= 2 * simplified { return false }
        }
        return traditional > 2 * simplified && traditional >= 3
    }

    /// Traditional-only characters and simplified characters that have a traditional twin in
    /// `scalars` (the article's script test; also a sentence's, see `IntervalFrame`).
    static func scriptCounts(_ scalars: ArraySlice<UInt32>) -> (traditional: Int, simplified: Int) {
        var traditional = 0, simplified = 0
        let script = scriptOfIdeograph
        // Branch-free over every scalar, through a pointer (no index checks): this pass reads the whole
        // article. Both counts go into one sum, the simplified one in the high 32 bits, split at the end.
        scalars.withUnsafeBufferPointer { p in
            var sum: UInt64 = 0
            for c in p {
                let k = c &- 0x4E00
                if k < 0x5200 { sum &+= script[Int(k)] }
            }
            traditional = Int(sum & 0xFFFF_FFFF)
            simplified = Int(sum >> 32)
        }
        return (traditional, simplified)
    }

    /// Over U+4E00..<U+A000: 1 for a traditional-only character (it folds to another), 1 << 32 for
    /// a simplified character that is the fold target of some traditional one (们, 这, 国 …), else 0:
    /// added up, the low 32 bits count the one, the high 32 bits the other.
    nonisolated(unsafe) static let scriptOfIdeograph: UnsafePointer<UInt64> = {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x5200)
        p.initialize(repeating: 0, count: 0x5200)
        for c in 0x4E00..<0xA000 {
            let f = ScriptFold.simplified(UInt32(c))
            if f != UInt32(c) {
                p[c - 0x4E00] = 1
                if f >= 0x4E00, f < 0xA000, p[Int(f) - 0x4E00] == 0 { p[Int(f) - 0x4E00] = 1 << 32 }
            }
        }
        return UnsafePointer(p)
    }()
}
