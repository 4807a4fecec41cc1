/// A unit the scanner recognizes after a numeral.
struct UnitInfo: Sendable {
    enum Special: Sendable { case none, cheng, zhe, yuan, jiao, tenths }
    var kind: MetricKind
    /// Canonical unit (`CNY`, `m2`, `percent`) or, for `.other`, the unit as written.
    var unit: String
    /// Multiplier into the canonical unit (亩 → 2000/3 m2, 万元 is 万 × 元 so 元 = 1).
    var factor: Double
    var special: Special = .none
    /// The article's own currency (元 圆 块 角 毛): its code comes from `ArticleLocale`.
    var local = false
}

/// Longest-match lexicon of units: money, percent, multiples and physical dimensions.
/// Count measure words (个, 名, 场次) are in `MeasureWords`.
/// `@unchecked`: immutable after init; `fold` points at the process-lifetime fold table.
final class UnitLexicon: @unchecked Sendable {
    static let shared = UnitLexicon()

    struct Entry: Sendable {
        let surface: [UInt32]
        let info: UnitInfo
        /// Latin-letter units (km, kg, ml) must not run into more letters.
        let ascii: Bool
    }

    /// Entries by first scalar (lower-cased for Latin letters), longest first.
    let byFirst: ScalarMap<[Entry]>
    /// First characters of all entries, as a BMP bitset: most characters after a numeral are not units.
    let firstBits: [UInt64]
    /// `ScriptFold.pointer`, held here so look-ups skip the global's lazy-init check.
    let fold: UnsafePointer<UInt16> = ScriptFold.pointer

    private init() {
        var list: [(String, UnitInfo)] = []
        func add(
            _ surfaces: String, _ kind: MetricKind, _ unit: String, _ factor: Double,
            _ special: UnitInfo.Special = .none
        ) {
            for s in surfaces.split(separator: " ") {
                list.append((String(s), UnitInfo(kind: kind, unit: unit, factor: factor, special: special)))
            }
        }
        // Money. 元/圆/块 carry 角/分 after them and are the article's own currency (`local`);
        // named currencies map to ISO 4217 (`CurrencyLexicon`).
        func addLocal(_ surfaces: String, _ factor: Double, _ special: UnitInfo.Special) {
            for s in surfaces.split(separator: " ") {
                list.append(
                    (String(s), UnitInfo(kind: .money, unit: "CNY", factor: factor, special: special, local: true)))
            }
        }
        addLocal("元 圆 块 块钱 元钱 元整 圆整", 1, .yuan)
        addLocal("角 毛 毛钱 角钱", 0.1, .jiao)
        addLocal("分钱", 0.01, .none)
        for (surface, code, factor) in CurrencyLexicon.entries { add(surface, .money, code, factor) }
        // Ratios.
        add("%", .percent, "percent", 1)
        add("‰", .percent, "percent", 0.1)
        add("‱", .percent, "percent", 0.01)
        add("个百分点 百分点", .percentagePoint, "percentage_point", 1)
        add("成", .percent, "percent", 10, .cheng)
        add("折", .percent, "percent", 10, .zhe)
        add("倍", .multiple, "times", 1)
        // Area.
        add("平方米 平米 平方 ㎡ m² 平方公尺", .area, "m2", 1)
        add("平方公里 平方千米 km² ㎢", .area, "m2", 1e6)
        add("平方厘米 cm²", .area, "m2", 1e-4)
        add("平方分米", .area, "m2", 1e-2)
        add("平方毫米 mm²", .area, "m2", 1e-6)
        add("亩", .area, "m2", 2000.0 / 3.0)
        add("公顷 hm² ha", .area, "m2", 1e4)
        add("平方英尺", .area, "m2", 0.09290304)
        add("英亩", .area, "m2", 4046.8564224)
        add("平方英里", .area, "m2", 2_589_988.110336)
        // Units of the Recognizers-Text and Duckling Chinese dimension lists not listed above.
        add("公亩", .area, "m2", 100)
        add("市亩", .area, "m2", 2000.0 / 3.0)
        add("平方码", .area, "m2", 0.83612736)
        add("平方英寸", .area, "m2", 0.00064516)
        add("坪", .area, "m2", 400.0 / 121.0)
        // Length.
        add("米 公尺 m", .length, "m", 1, .tenths)
        add("公里 千米 km", .length, "m", 1000)
        add("厘米 公分 cm", .length, "m", 0.01)
        add("毫米 mm", .length, "m", 0.001)
        add("分米 dm", .length, "m", 0.1)
        add("微米 µm μm", .length, "m", 1e-6)
        add("纳米 nm", .length, "m", 1e-9)
        add("英里 mile miles mi", .length, "m", 1609.344)
        add("海里 nmi", .length, "m", 1852)
        add("英尺 foot feet foots feets ft", .length, "m", 0.3048)
        add("英寸 英吋 吋 inch inches", .length, "m", 0.0254)
        add("丈", .length, "m", 10.0 / 3.0)
        add("码", .length, "m", 0.9144)
        add("光年", .length, "m", 9.4607304725808e15)
        add("公寸", .length, "m", 0.1)
        add("公厘 公釐", .length, "m", 0.001)
        add("皮米", .length, "m", 1e-12)
        add("市尺 尺", .length, "m", 1.0 / 3.0)
        add("市寸 寸", .length, "m", 1.0 / 30.0)
        add("市里 华里 里", .length, "m", 500)
        add("呎", .length, "m", 0.3048)
        add("哩", .length, "m", 1609.344)
        add("浬", .length, "m", 1852)
        // Mass.
        add("克 g 公克", .mass, "kg", 0.001)
        add("千克 公斤 kg", .mass, "kg", 1)
        add("吨 公吨", .mass, "kg", 1000)
        add("斤 市斤", .mass, "kg", 0.5, .tenths)
        add("毫克 mg", .mass, "kg", 1e-6)
        add("微克 μg µg", .mass, "kg", 1e-9)
        add("磅 lb lbs", .mass, "kg", 0.45359237)
        add("盎司 oz", .mass, "kg", 0.028349523125)
        add("克拉", .mass, "kg", 0.0002)
        add("市两", .mass, "kg", 0.05)
        add("公担", .mass, "kg", 100)
        add("纳克", .mass, "kg", 1e-12)
        // Volume.
        add("立方米 立方 m³ 方", .volume, "m3", 1)
        add("升 公升 l", .volume, "m3", 0.001)
        add("毫升 ml", .volume, "m3", 1e-6)
        add("立方厘米 cm³ cc", .volume, "m3", 1e-6)
        add("立方分米", .volume, "m3", 1e-3)
        add("立方千米 km³", .volume, "m3", 1e9)
        add("加仑 gallon gallons", .volume, "m3", 0.003785411784)
        add("立方毫米 mm³", .volume, "m3", 1e-9)
        add("立方英尺", .volume, "m3", 0.028316846592)
        add("立方英寸", .volume, "m3", 1.6387064e-5)
        add("品脱", .volume, "m3", 0.000473176473)
        add("夸脱", .volume, "m3", 0.000946352946)
        add("分升 dl", .volume, "m3", 1e-4)
        add("厘升", .volume, "m3", 1e-5)
        add("微升 μl µl", .volume, "m3", 1e-9)
        add("市斗 公斗", .volume, "m3", 0.01)
        // Duration (as stated).
        add("天 个工作日 工作日", .duration, "day", 1)
        add("个月", .duration, "month", 1)
        add("年", .duration, "year", 1)
        // An age is years lived (平均年龄44.3岁, 下降5.6岁), as the corpus labels it; not a count of 岁.
        add("岁 周岁", .duration, "year", 1)
        add("小时 个小时 钟头 个钟头", .duration, "hour", 1)
        add("分钟", .duration, "minute", 1)
        add("秒 秒钟", .duration, "second", 1)
        add("毫秒 ms", .duration, "second", 1e-3)
        add("微秒 μs µs", .duration, "second", 1e-6)
        add("纳秒 ns", .duration, "second", 1e-9)
        add("周 个星期 星期 个周", .duration, "week", 1)
        // Port, shipping and traffic statistics (the units of the national statistics bureau's
        // 港口货物/集装箱/旅客吞吐量, 货物/旅客周转量 and 运输工具 indicators): containers are counted in
        // twenty-foot equivalents, so TEU/FEU are counts like their Chinese names (标准箱, 标箱, 自然箱 in
        // `MeasureWords`); ship tonnage and turnover are `other`, as written.
        add("teu", .count, "TEU", 1)
        add("feu", .count, "FEU", 1)
        add("dwt", .other, "DWT", 1)
        for s in ["载重吨", "总吨", "净吨", "吨海里", "人海里", "换算吨公里", "车公里", "列公里", "吨英里"] {
            list.append((s, UnitInfo(kind: .other, unit: s, factor: 1)))
        }
        // Other units, reported as written.
        for s in [
            "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏", "伏", "千帕", "兆帕", "帕", "赫兹", "兆赫", "分贝",
            "吨标准煤", "吨标煤", "千卡", "大卡", "卡路里", "字节", "千字节", "兆字节", "吉字节", "比特", "千比特",
            "兆比特", "kwh", "kw", "mw", "gw", "kpa", "mpa", "hz", "db", "kb", "mb", "gb", "tb", "摩尔", "mol",
            // Recognizers-Text's information, power and frequency names, freight and passenger
            // turnover (吨公里, 人公里) and electrical units common in statistics bulletins.
            "十亿字节", "千兆字节", "万亿字节", "兆兆字节", "千兆兆", "千万亿字节", "太字节", "拍字节", "byte", "bytes", "pb",
            "kib", "mib", "gib", "兆瓦时", "吉瓦时", "太瓦时", "瓦时", "千瓦小时", "马力", "千伏安", "伏安", "安培", "毫安",
            "毫安时", "mah", "千赫", "千赫兹", "兆赫兹", "吉赫", "吉赫兹", "ghz", "mhz", "khz", "千焦", "兆焦", "焦耳",
            "勒克斯", "流明", "帕斯卡", "牛顿", "迈", "吨公里", "吨千米", "人公里", "人千米", "延人公里", "标准立方米", "立方米/秒",
            "开尔文", "开氏度", "凯氏度", "开尔文温度", "兰氏度", "兰氏温度",
        ] {
            list.append((s, UnitInfo(kind: .other, unit: s, factor: 1)))
        }
        add("摄氏度 摄氏温度 ℃ °c", .other, "°C", 1)
        add("华氏度 华氏温度 ℉ °f 华氏°", .other, "°F", 1)
        add("°", .other, "°", 1)
        add("度", .other, "度", 1, .tenths)
        var map: [UInt32: [Entry]] = [:]
        for (surface, info) in list {
            var scalars = [UInt32](surface)
            let ascii = scalars.allSatisfy { $0 < 0x80 }
            scalars = scalars.map { CharClass.isASCIILetter($0) ? ($0 | 0x20) : ScriptFold.simplified($0) }
            map[scalars[0], default: []].append(Entry(surface: scalars, info: info, ascii: ascii))
        }
        for k in map.keys { map[k]!.sort { $0.surface.count > $1.surface.count } }
        byFirst = ScalarMap(map)
        var bits = [UInt64](repeating: 0, count: 1024)
        for k in map.keys where k < 0x10000 {
            bits[Int(k >> 6)] |= 1 << (k & 63)
            if k >= 0x61 && k <= 0x7A { bits[Int((k - 0x20) >> 6)] |= 1 << ((k - 0x20) & 63) }  // upper-case Latin
        }
        firstBits = bits
        var names: [UInt32: [Entry]] = [:]
        for e in map.values.joined()
        where e.info.kind == .money && !e.info.local && e.info.factor == 1 && !e.ascii && e.surface.count >= 2 {
            names[e.surface.last!, default: []].append(e)
        }
        for k in names.keys { names[k]!.sort { $0.surface.count > $1.surface.count } }
        currencyNamesByLast = ScalarMap(names)
        var last = [UInt64](repeating: 0, count: 1024)
        for k in names.keys where k < 0x10000 { last[Int(k >> 6)] |= 1 << (k & 63) }
        currencyLastBits = last
    }

    /// Last characters of the currency names, as a BMP bitset: the character before a number
    /// (checked for every figure) ends none of them, mostly.
    private let currencyLastBits: [UInt64]

    /// Currency names of two or more characters by last character, longest first (for a name
    /// written before the number: 港币两千九百六十元, 新台幣九千五百億元).
    let currencyNamesByLast: ScalarMap<[Entry]>

    /// The currency name ending right before `end` → (ISO code, length).
    /// Inlined up to the bitset, like `match`: it is asked before every figure and mostly fails there.
    @inline(__always)
    func currencyName(_ s: [UInt32], endingBefore end: Int) -> (code: String, length: Int)? {
        guard end >= 2, end <= s.count else { return nil }
        let c = s[end - 1] < 0x10000 ? UInt32(fold[Int(s[end - 1])]) : s[end - 1]
        guard c >= 0x10000 || currencyLastBits[Int(c >> 6)] & (1 << (c & 63)) != 0 else { return nil }
        return currencyNameEntries(s, endingBefore: end, last: c)
    }

    /// `currencyName` past the bitset: the names ending with `c` (folded `s[end - 1]`), longest first.
    private func currencyNameEntries(_ s: [UInt32], endingBefore end: Int, last c: UInt32) -> (
        code: String, length: Int
    )? {
        guard let entries = currencyNamesByLast[c] else { return nil }
        outer: for e in entries {
            let len = e.surface.count
            guard end - len >= 0 else { continue }
            for k in 0..<len where ScriptFold.simplified(s[end - len + k]) != e.surface[k] { continue outer }
            return (e.info.unit, len)
        }
        return nil
    }

    /// Longest unit starting at `i`, with its length in scalars.
    /// Inlined up to the bitset, where most probes stop: a call would cost more than the test.
    @inline(__always)
    func match(_ s: [UInt32], at i: Int) -> (info: UnitInfo, length: Int)? {
        guard i < s.count else { return nil }
        let c0 = s[i] < 0x10000 ? UInt32(fold[Int(s[i])]) : s[i]
        guard c0 >= 0x10000 || firstBits[Int(c0 >> 6)] & (1 << (c0 & 63)) != 0 else { return nil }
        return matchEntries(s, at: i, first: c0)
    }

    /// `match` past the bitset: the units starting with `c0` (folded `s[i]`), longest first.
    private func matchEntries(_ s: [UInt32], at i: Int, first c0: UInt32) -> (info: UnitInfo, length: Int)? {
        let first = CharClass.isASCIILetter(c0) ? c0 | 0x20 : c0
        guard let entries = byFirst[first] else { return nil }
        for e in entries {
            let len = e.surface.count
            guard i + len <= s.count else { continue }
            var ok = true
            for k in 1..<max(len, 1) where k < len {
                let c = s[i + k]
                if (CharClass.isASCIILetter(c) ? c | 0x20 : (c < 0x10000 ? UInt32(fold[Int(c)]) : c)) != e.surface[k] {
                    ok = false; break
                }
            }
            if !ok { continue }
            // "3 m" but not "3 most"; "2g" but not "2go".
            if let last = e.surface.last, CharClass.isASCIILetter(last) || e.ascii,
                i + len < s.count, CharClass.isASCIILetter(s[i + len])
            {
                continue
            }
            return (e.info, len)
        }
        return nil
    }
}
