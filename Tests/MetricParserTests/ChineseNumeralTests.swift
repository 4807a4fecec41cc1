import MetricParser
import Testing

/// Numeral grammar through the public scanner: the whole input must read as one quantity.
@Suite("Chinese and Arabic numerals")
struct ChineseNumeralTests {
    static func only(_ text: String) throws -> Quantity {
        let qs = QuantityScanner.scan(text)
        try #require(qs.count == 1, "\(text) scanned as \(qs.map(\.text))")
        return qs[0]
    }

    @Test(
        "values",
        arguments: [
            ("一百", 100.0), ("十五", 15), ("一千零一", 1001), ("一千零十", 1010), ("两千三百五", 2350), ("一万三", 13000),
            ("九百九", 990), ("一百二十万三", 1_203_000), ("三千四万", 34_000_000), ("四万万", 400_000_000),
            ("二十万亿", 2e13), ("五十五兆一十二亿四万五千二", 55_001_200_045_200), ("一亿七万两千三百", 100_072_300),
            ("3万4000", 34000), ("1,100.9亿", 110_090_000_000), ("12.5万", 125_000), ("4.78万亿", 4.78e12),
            ("壹仟玖佰", 1900), ("肆佰陸拾", 460), ("廿三", 23), ("五百卅四", 534), ("零点五", 0.5), ("十五点七", 15.7),
            ("两千万点五五四四", 20_000_000.5544), ("负三十二", -32), ("-10000", -10000), ("7万 5千 4百", 75400),
            ("１２３４５", 12345), ("82，225.00", 82225), ("1.65", 1.65), ("2e5", 200_000), ("100k", 100_000),
            ("1.2M", 1_200_000), ("二〇一九", 2019), ("幺八九", 189), ("零", 0), ("二分之一", 0.5), ("负五分之6", -1.2),
            ("3/5", 0.6), ("半百", 50),
        ])
    func value(_ text: String, _ expected: Double) throws {
        let q = try Self.only(text)
        #expect(q.text == text)
        #expect(close(q.number, expected, tolerance: 1e-9), "\(text) → \(q.number)")
    }

    @Test(
        "inner ranges: 三四万, 十五六, 三五百, 三万四五",
        arguments: [
            ("三四万", 30000.0, 40000.0), ("十五六", 15, 16), ("三五百", 300, 500), ("三万四五", 34000, 35000),
            ("七百三四十", 730, 740), ("两三千", 2000, 3000), ("四十五六万", 450_000, 460_000),
        ])
    func innerRange(_ text: String, _ lo: Double, _ hi: Double) throws {
        let q = try Self.only(text)
        #expect(q.qualifier == .range)
        #expect(q.lower == lo && q.upper == hi && q.value == lo)
    }

    @Test(
        "多/余/几 give bounds one step of the last digit up",
        arguments: [
            ("500多万", 5e6, 6e6), ("1万多", 10000, 20000), ("140多", 140, 150), ("3600多", 3600, 3700),
            ("十几万", 100_000, 200_000), ("十余万", 100_000, 200_000), ("二十几万", 200_000, 300_000), ("70多", 70, 80),
        ])
    func approximate(_ text: String, _ lo: Double, _ hi: Double) throws {
        let q = try Self.only(text)
        #expect(q.qualifier == .moreThan)
        #expect(q.lower == lo && q.upper == hi)
    }

    @Test("words that contain numeral characters are not numbers")
    func words() {
        for text in ["拾取", "放肆", "登陆", "大陆", "半岛", "百姓", "千方百计"] {
            #expect(QuantityScanner.scan(text).isEmpty, "\(text)")
        }
        // An invalid unit order splits: 十一十二 is two numbers, 一点两 is 1 and 2.
        #expect(QuantityScanner.scan("十一十二").map(\.number) == [11, 12])
        #expect(QuantityScanner.scan("一点两小时").map(\.number).first == 1)
        // Separators need exactly three digits: "1, 234" is two numbers.
        #expect(QuantityScanner.scan("1, 234").map(\.number) == [1, 234])
    }

    @Test("numbers of any length stay finite or are dropped, never crash")
    func huge() {
        let q = QuantityScanner.scan(String(repeating: "9", count: 400))
        #expect(q.count == 1)
        #expect(q[0].role == .identifier)
    }
}
