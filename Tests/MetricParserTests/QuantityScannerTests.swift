import MetricParser
import Testing

@Suite("Units, ranges and roles")
struct QuantityScannerTests {
    static func first(_ text: String) throws -> Quantity {
        try #require(QuantityScanner.scan(text).first { $0.kind != nil }, "no unit in \(text)")
    }

    @Test(
        "units normalize into the canonical unit of their kind",
        arguments: [
            ("1126.8万元", 11_268_000.0, "CNY", MetricKind.money), ("18.6亿美元", 1.86e9, "USD", .money),
            ("3.2亿欧元", 3.2e8, "EUR", .money), ("120亿日元", 1.2e10, "JPY", .money), ("5.6亿港元", 5.6e8, "HKD", .money),
            ("港币两千九百六十元", 2960, "HKD", .money), ("$94,000", 94000, "USD", .money), ("123元1角1分", 123.11, "CNY", .money),
            ("九块九", 9.9, "CNY", .money), ("8亿元人民币", 8e8, "CNY", .money), ("5306亿台币", 5.306e11, "TWD", .money),
            ("88.8%", 88.8, "percent", .percent), ("８８．８％", 88.8, "percent", .percent),
            ("百分之四十", 40, "percent", .percent),
            ("七成六", 76, "percent", .percent), ("三成", 30, "percent", .percent), ("千分之一", 0.1, "percent", .percent),
            ("5.7个百分点", 5.7, "percentage_point", .percentagePoint), ("1.65倍", 1.65, "times", .multiple),
            ("2万平方米", 20000, "m2", .area), ("3亩", 2000, "m2", .area), ("186.5公顷", 1_865_000, "m2", .area),
            ("1.5平方公里", 1_500_000, "m2", .area), ("1.28万公里", 12_800_000, "m", .length), ("50厘米", 0.5, "m", .length),
            ("98.6万吨", 9.86e8, "kg", .mass), ("3斤", 1.5, "kg", .mass), ("250克", 0.25, "kg", .mass),
            ("5升", 0.005, "m3", .volume), ("120万立方米", 1.2e6, "m3", .volume), ("272天", 272, "day", .duration),
            ("3个月", 3, "month", .duration), ("35微克/立方米", 35, "微克/立方米", .other),
            ("1.2万吨标准煤", 12000, "吨标准煤", .other), ("456.8亿千瓦时", 4.568e10, "千瓦时", .other),
            ("20摄氏度", 20, "°C", .other), ("5644场次", 5644, "场次", .count), ("3.3万人次", 33000, "人次", .count),
            ("10大类", 10, "类", .count),
        ])
    func units(_ text: String, _ value: Double, _ unit: String, _ kind: MetricKind) throws {
        let q = try Self.first(text)
        #expect(q.kind == kind)
        #expect(q.unit == unit)
        #expect(close(q.value, value), "\(text) → \(q.value)")
        // A currency word before the number (港币…) names the currency but stays outside the span.
        #expect(text.hasSuffix(q.text) && (q.text == text || text.hasPrefix("港币")))
    }

    @Test(
        "ranges borrow the unit and multiplier of the upper end",
        arguments: [
            ("3到5万元", 30000.0, 50000.0), ("3-5万", 30000, 50000), ("3～5万", 30000, 50000), ("3~5万", 30000, 50000),
            ("20~100个", 20, 100), ("两到三万港元", 20000, 30000), ("十八至三十万日元", 180_000, 300_000),
            ("从8500到3万港元", 8500, 30000), ("百分之三十到四十一", 30, 41), ("1.6m-3.9m", 1.6, 3.9), ("20与30之间", 20, 30),
        ])
    func ranges(_ text: String, _ lo: Double, _ hi: Double) throws {
        let q = try #require(QuantityScanner.scan(text).first { $0.qualifier == .range }, "no range in \(text)")
        #expect(q.lower == lo && q.upper == hi)
        #expect(q.value == lo)
    }

    @Test("roles: ordinals, years, dates, ratios, identifiers, list markers")
    func roles() throws {
        func role(_ text: String, _ needle: String) -> QuantityRole? {
            QuantityScanner.scan(text).first { $0.text.contains(needle) }?.role
        }
        #expect(role("成立全省第一家律师行业党校", "一") == .ordinal)
        #expect(role("排名第1位", "1") == .ordinal)
        #expect(role("2019年全市新组建", "2019") == .year)
        #expect(role("二〇一九年", "二〇一九") == .year)
        #expect(role("于12月31日前", "12") == .date)
        #expect(role("于12月31日前", "31") == .date)
        #expect(role("三次产业结构比为9.4:66.8:23.8", "66.8") == .ratio)
        #expect(role("电话0591-87654321", "0591") == .identifier)
        #expect(role("订单号 A202107211321363588510367", "2021") == nil)  // inside a Latin token: not scanned
        #expect(role("PM2.5浓度", "2.5") == nil)
        #expect(role("1、加强组织建设", "1") == .listMarker)
        #expect(role("访问 https://x.cn/s?q=30%25", "30") == .identifier)
        #expect(role("共有3个", "3") == .cardinal)
    }

    @Test("offsets are code points of the original text, across entities and full-width forms")
    func offsets() throws {
        let text = "投入&nbsp;500万元&amp;１２３个"
        let qs = QuantityScanner.scan(text)
        try #require(qs.count == 2)
        let scalars = Array(text.unicodeScalars)
        #expect(qs[0].text == "500万元")
        #expect(qs[0].start == 8 && qs[0].end == 13)
        #expect(qs[1].text == "１２３个")
        #expect(qs[1].number == 123)
        for q in qs { #expect(String(String.UnicodeScalarView(scalars[q.start..<q.end])) == q.text) }
        // A numeric entity decodes before scanning: &#19968;百 = 一百.
        #expect(QuantityScanner.scan("&#19968;百元").first?.value == 100)
    }
}
