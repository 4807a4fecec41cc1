/// A unit the scanner recognizes after a numeral.
struct UnitInfo: Sendable {
    enum Special: Sendable { case none, cheng, zhe, yuan, jiao, tenths }
    var kind: MetricKind
    /// Canonical unit (`CNY`, `m2`, `percent`) or, for `.other`, the unit as written.
    var unit: String
    /// Multiplier into the canonical unit (亩 → 2000/3 m2, 万元 is 万 × 元 so 元 = 1).
    var factor: Double
    var special: Special = .none
}

/// Longest-match lexicon of units: money, percent, multiples and physical dimensions.
/// Count measure words (个, 名, 场次) are in `MeasureWords`.
final class UnitLexicon: Sendable {
    static let shared = UnitLexicon()

    struct Entry: Sendable {
        let surface: [UInt32]
        let info: UnitInfo
        /// Latin-letter units (km, kg, ml) must not run into more letters.
        let ascii: Bool
    }

    /// Entries by first scalar (lower-cased for Latin letters), longest first.
    let byFirst: [UInt32: [Entry]]
    /// First characters of all entries, as a BMP bitset: most characters after a numeral are not units.
    let firstBits: [UInt64]

    private init() {
        var list: [(String, UnitInfo)] = []
        func add(_ surfaces: String, _ kind: MetricKind, _ unit: String, _ factor: Double, _ special: UnitInfo.Special = .none) {
            for s in surfaces.split(separator: " ") { list.append((String(s), UnitInfo(kind: kind, unit: unit, factor: factor, special: special))) }
        }
        // Money. 元/圆/块 carry 角/分 after them; currencies map to ISO 4217.
        add("元 圆 块 块钱 元钱 元整 圆整 元人民币 人民币 人民币元 rmb", .money, "CNY", 1, .yuan)
        add("角 毛 毛钱 角钱", .money, "CNY", 0.1, .jiao)
        add("分钱", .money, "CNY", 0.01)
        add("美元 美金 usd 美圆", .money, "USD", 1)
        add("美分", .money, "USD", 0.01)
        add("欧元 eur", .money, "EUR", 1)
        add("日元 日圆 jpy", .money, "JPY", 1)
        add("英镑 gbp", .money, "GBP", 1)
        add("港元 港币 港圆 hkd", .money, "HKD", 1)
        add("澳元 澳大利亚元 aud", .money, "AUD", 1)
        add("澳门元 澳门币 澳门元 mop", .money, "MOP", 1)
        add("加元 加拿大元 cad", .money, "CAD", 1)
        add("新台币 台币 twd", .money, "TWD", 1)
        add("卢布 rub", .money, "RUB", 1)
        add("韩元 韩圆 krw", .money, "KRW", 1)
        add("瑞士法郎 法郎 chf", .money, "CHF", 1)
        add("新加坡元 新元 sgd", .money, "SGD", 1)
        add("泰铢 thb", .money, "THB", 1)
        add("卢比 印度卢比 inr", .money, "INR", 1)
        add("奈拉 尼日利亚奈拉 ngn", .money, "NGN", 1)
        add("林吉特 马来西亚林吉特 myr", .money, "MYR", 1)
        add("新西兰元 纽元 nzd", .money, "NZD", 1)
        add("越南盾 vnd", .money, "VND", 1)
        add("印尼盾 idr", .money, "IDR", 1)
        add("兰特 南非兰特 zar", .money, "ZAR", 1)
        add("迪拉姆 aed", .money, "AED", 1)
        add("比索 菲律宾比索 php", .money, "PHP", 1)
        add("里拉 土耳其里拉 try", .money, "TRY", 1)
        add("欧分", .money, "EUR", 0.01)
        // Ratios.
        add("%", .percent, "percent", 1)
        add("‰", .percent, "percent", 0.1)
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
        add("英尺 foot feet ft", .length, "m", 0.3048)
        add("英寸 吋 inch inches", .length, "m", 0.0254)
        add("丈", .length, "m", 10.0 / 3.0)
        add("码", .length, "m", 0.9144)
        add("光年", .length, "m", 9.4607304725808e15)
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
        // Volume.
        add("立方米 立方 m³ 方", .volume, "m3", 1)
        add("升 公升 l", .volume, "m3", 0.001)
        add("毫升 ml", .volume, "m3", 1e-6)
        add("立方厘米 cm³", .volume, "m3", 1e-6)
        add("立方分米", .volume, "m3", 1e-3)
        add("立方千米 km³", .volume, "m3", 1e9)
        add("加仑 gallon gallons", .volume, "m3", 0.003785411784)
        // Duration (as stated).
        add("天 个工作日 工作日", .duration, "day", 1)
        add("个月", .duration, "month", 1)
        add("年", .duration, "year", 1)
        add("小时 个小时 钟头 个钟头", .duration, "hour", 1)
        add("分钟", .duration, "minute", 1)
        add("秒 秒钟", .duration, "second", 1)
        add("周 个星期 星期 个周", .duration, "week", 1)
        // Other units, reported as written.
        for s in ["千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏", "伏", "千帕", "兆帕", "帕", "赫兹", "兆赫", "分贝",
                  "吨标准煤", "吨标煤", "千卡", "大卡", "卡路里", "字节", "千字节", "兆字节", "吉字节", "比特", "千比特",
                  "兆比特", "kwh", "kw", "mw", "gw", "kpa", "mpa", "hz", "db", "kb", "mb", "gb", "tb", "teu", "摩尔", "mol"] {
            list.append((s, UnitInfo(kind: .other, unit: s, factor: 1)))
        }
        add("摄氏度 ℃ °c", .other, "°C", 1)
        add("华氏度 ℉ °f 华氏°", .other, "°F", 1)
        add("°", .other, "°", 1)
        add("度", .other, "度", 1, .tenths)
        var map: [UInt32: [Entry]] = [:]
        for (surface, info) in list {
            var scalars = [UInt32](surface)
            let ascii = scalars.allSatisfy { $0 < 0x80 }
            scalars = scalars.map { CharClass.isASCIILetter($0) ? ($0 | 0x20) : $0 }
            map[scalars[0], default: []].append(Entry(surface: scalars, info: info, ascii: ascii))
        }
        for k in map.keys { map[k]!.sort { $0.surface.count > $1.surface.count } }
        byFirst = map
        var bits = [UInt64](repeating: 0, count: 1024)
        for k in map.keys where k < 0x10000 {
            bits[Int(k >> 6)] |= 1 << (k & 63)
            if k >= 0x61 && k <= 0x7A { bits[Int((k - 0x20) >> 6)] |= 1 << ((k - 0x20) & 63) }  // upper-case Latin
        }
        firstBits = bits
    }

    /// Longest unit starting at `i`, with its length in scalars.
    func match(_ s: [UInt32], at i: Int) -> (info: UnitInfo, length: Int)? {
        guard i < s.count else { return nil }
        let c0 = s[i]
        guard c0 >= 0x10000 || firstBits[Int(c0 >> 6)] & (1 << (c0 & 63)) != 0 else { return nil }
        let first = CharClass.isASCIILetter(c0) ? c0 | 0x20 : c0
        guard let entries = byFirst[first] else { return nil }
        for e in entries {
            let len = e.surface.count
            guard i + len <= s.count else { continue }
            var ok = true
            for k in 1..<max(len, 1) where k < len {
                let c = s[i + k]
                if (CharClass.isASCIILetter(c) ? c | 0x20 : c) != e.surface[k] { ok = false; break }
            }
            if !ok { continue }
            // "3 m" but not "3 most"; "2g" but not "2go".
            if let last = e.surface.last, CharClass.isASCIILetter(last) || e.ascii,
               i + len < s.count, CharClass.isASCIILetter(s[i + len]) { continue }
            return (e.info, len)
        }
        return nil
    }
}
