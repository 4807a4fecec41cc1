import MetricParser
import Testing

/// Numbers as the Taiwan, Hong Kong and Macau press write them (issue 16), and the lexicon
/// forms of issue 9. Sentences are written for these tests; each case names the wrong reading
/// the parser gave before.
@Suite("Press numerals and lexicons")
struct RegisterNumeralTests {
    /// The one quantity scanned at `text` (exact span), or nil.
    func q(_ input: String, _ text: String) -> Quantity? {
        QuantityScanner.scan(input).first { $0.text == text }
    }

    func m(_ input: String, locale: ArticleLocale? = nil) throws -> [Metric] {
        try MetricExtractor().extract(input, locale: locale)
    }

    // MARK: full-width decimal point after Chinese numerals

    @Test("三．三二％ is 3.32 percent, not 3 and a separate 32")
    func fullWidthPointPercent() throws {
        let x = try #require(q("預算佔三．三二％。", "三．三二％"))
        #expect(x.kind == .percent && close(x.value, 3.32))
        #expect(QuantityScanner.scan("預算佔三．三二％。").count == 1)
    }

    @Test("廿二．九％ is 22.9 percent")
    func twentyWithPoint() throws {
        let x = try #require(q("年增率廿二．九％", "廿二．九％"))
        #expect(close(x.value, 22.9) && x.kind == .percent)
    }

    @Test("九十一．六億美元 is 9.16e9 USD, not 600000000 USD")
    func pointBeforeBigUnit() throws {
        let x = try #require(q("出口九十一．六億美元", "九十一．六億美元"))
        #expect(x.unit == "USD" && close(x.value, 9.16e9))
    }

    @Test("〇．五六個百分點 and ○．五個百分點 are 0.56 / 0.5 points, not the range 5–6")
    func zeroPointPoints() throws {
        let a = try #require(q("提高〇．五六個百分點", "〇．五六個百分點"))
        #expect(a.kind == .percentagePoint && close(a.value, 0.56) && a.qualifier != .range)
        let b = try #require(q("提高○．五個百分點", "○．五個百分點"))
        #expect(b.kind == .percentagePoint && close(b.value, 0.5))
    }

    // MARK: digit strings with multipliers, ○ as zero, 廿/卅, 點

    @Test("二三二八萬二七三人 is 23,280,273 people, not 2328")
    func digitGroupsWithWan() throws {
        let x = try #require(q("總人口數為二三二八萬二七三人", "二三二八萬二七三人"))
        #expect(x.value == 23_280_273 && x.unit == "人")
        let y = try #require(q("減少十萬四三四一人", "十萬四三四一人"))
        #expect(y.value == 104_341)  // not 104000 (十萬四 = 10萬 + 4000)
    }

    @Test("二二○○人 and 六五二三人 are press-style counts and metrics")
    func pressDigitCounts() throws {
        let ms = try m("新生兒為六五二三人，較上月減少二二○○人。")
        #expect(metric(ms, "六五二三人")?.value == 6523)
        #expect(metric(ms, "二二○○人")?.value == 2200)
        // A year stays a year, a five-digit string a code.
        #expect(try m("二〇一九年有三人").allSatisfy { $0.text != "二〇一九年" })
    }

    @Test("三四万 stays the range 30000–40000 and 三万四五 the range 34000–35000")
    func rangePairsUnchanged() throws {
        let a = try #require(q("三四万人", "三四万人"))
        #expect(a.lower == 30000 && a.upper == 40000)
        let b = try #require(q("三万四五人", "三万四五人"))
        #expect(b.lower == 34000 && b.upper == 35000)
    }

    @Test("卅/廿 with 點: 百分之卅七點三二 = 37.32, 百分之廿五點二 = 25.2, 六點二分鐘 = 6.2 min")
    func tensAndDian() throws {
        #expect(close(try #require(q("減幅百分之卅七點三二", "百分之卅七點三二")).value, 37.32))
        #expect(close(try #require(q("月減百分之廿五點二", "百分之廿五點二")).value, 25.2))
        let t = try #require(try m("約每六點二分鐘出生一個嬰兒。").first)
        #expect(t.unit == "minute" && close(t.value, 6.2) && t.qualifier == .approximate)
        // A schedule (每3年) is not a figure; a measured average interval (每六點二分鐘) is.
        #expect(try m("每3年召開一次。").allSatisfy { $0.unit != "year" })
    }

    @Test("重拾一個 is a word, not 11 個")
    func financialWord() {
        #expect(QuantityScanner.scan("重拾一個比較正常的軌道").allSatisfy { $0.value != 11 })
    }

    @Test("a bare number compared with a percent takes its unit: 增長百分之四點五，低於去年的五點一")
    func comparedBareNumber() throws {
        let x = try #require(q("增長百分之四點五，這雖然低於去年第四季度的五點一", "五點一"))
        #expect(x.kind == .percent && close(x.value, 5.1))
    }

    // MARK: locale

    @Test("the currency of a bare 元 follows the locale, and nothing else does")
    func localeCurrency() throws {
        let text = "撥款十億元，另支出人民幣5億元及3億美元。"
        let tw = try m(text, locale: ArticleLocale(.taiwan))
        #expect(metric(tw, "十億元")?.unit == "TWD")
        #expect(metric(tw, "5億元")?.unit == "CNY")  // named currency wins
        #expect(metric(tw, "3億美元")?.unit == "USD")
        #expect(metric(try m(text, locale: ArticleLocale(.hongKong)), "十億元")?.unit == "HKD")
        #expect(metric(try m(text, locale: ArticleLocale(.macau)), "十億元")?.unit == "MOP")
        #expect(metric(try m("投入十亿元。", locale: .mainland), "十亿元")?.unit == "CNY")
        #expect(metric(tw, "十億元")?.value == 1e9)
    }

    @Test("locale from tag, url and text")
    func localeDerivation() {
        #expect(ArticleLocale(languageTag: "zh-TW")?.region == .taiwan)
        #expect(ArticleLocale(languageTag: "zh-Hant-HK")?.region == .hongKong)
        #expect(ArticleLocale(languageTag: "zh_MO")?.region == .macau)
        #expect(ArticleLocale(languageTag: "zh-CN")?.region == .mainland)
        #expect(ArticleLocale(languageTag: "zh-Hant") == nil)
        #expect(ArticleLocale(languageTag: "en") == nil)
        #expect(ArticleLocale(url: "http://www.info.gov.hk/gia/general/200305/30/0530279.htm")?.region == .hongKong)
        #expect(ArticleLocale(url: "https://talk.ltn.com.tw/article/paper/1721660")?.region == .taiwan)
        #expect(ArticleLocale(url: "https://www.gov.mo:443/zh-hant/news/")?.region == .macau)
        #expect(ArticleLocale(url: "https://udn.com/news/story/6904/9376197") == nil)
        #expect(ArticleLocale(text: "國防預算約新台幣九千五百億元，佔國內生產總值三％。")?.region == .taiwan)
        #expect(ArticleLocale(text: "這筆撥款以港幣計算，港府將於下月公布細節。")?.region == .hongKong)
        // A region's own departments (司) when no currency is named; words do not overlap, so
        // Macau's 經濟財政司 is not also Hong Kong's 財政司.
        #expect(ArticleLocale(text: "財政司司長表示，當局會撥款十億元資助中小企業。")?.region == .hongKong)
        #expect(ArticleLocale(text: "經濟財政司司長表示，當局會撥款十億元資助中小企業。")?.region == .macau)
        #expect(ArticleLocale(text: "律政司與保安司就條例諮詢意見，兩地當局各撥款十億元。") == nil)  // one each
        // Else a place only one region has: Taiwan's counties and cities, Hong Kong's districts, Macau's
        // parishes and islands; 台中 only as 台中市, so a 平台中 is no place.
        #expect(ArticleLocale(text: "〔記者／臺北報導〕高雄捷運去年運量成長，票收約九億元。")?.region == .taiwan)
        #expect(ArticleLocale(text: "觀塘及荃灣兩區的新樓盤，呎價約二萬元。")?.region == .hongKong)
        #expect(ArticleLocale(text: "氹仔新城區的工程撥款約三億元。")?.region == .macau)
        #expect(ArticleLocale(text: "網購平台中，商戶數目增加，當局撥款十億元。") == nil)
        // Simplified text naming another region's currency stays mainland.
        #expect(ArticleLocale(text: "两地贸易额以港币计算，全市投入500万元。") == nil)
        #expect(ArticleLocale.resolve(languageTag: nil, url: nil, text: "全市投入500万元。") == .mainland)
    }

    // MARK: register words

    @Test("traditional change words read like simplified ones: 成長, 衰退, 負成長, 減幅, 按年")
    func changeWords() throws {
        #expect(try m("出口成長5.2%。").first?.direction == .up)
        #expect(try m("出口衰退3.1%。").first?.direction == .down)
        #expect(try m("經濟負成長1.5%。").first?.direction == .down)  // not 成長 (up)
        #expect(try m("新生兒減幅37.3%。").first?.direction == .down)
        #expect(try m("零售額按年下跌4.2%。").first?.direction == .down)
        #expect(try m("營收較去年增長8%。").first?.direction == .up)
    }

    @Test("按年上升 is year on year and 按季下跌 quarter on quarter")
    func yearAndQuarterOnQuarter() throws {
        let ms = try m("本季零售業銷貨額按年上升6.3%，按季下跌1.2%。")
        let y = try #require(metric(ms, "6.3%"))
        #expect(y.direction == .up && y.basis == .previousYear)
        let q = try #require(metric(ms, "1.2%"))
        #expect(q.direction == .down && q.basis == .previousPeriod)
        // An adverb of measurement between comparison and change word: 按年實質上升.
        let real = try #require(try m("本地生產總值按年實質上升2.7%。").first)
        #expect(real.basis == .previousYear && real.subject.hasPrefix("本地生產總值"))
    }

    @Test("a bare number after a noun that names its measure word is a count: 人口約七百五十萬 → 7.5e6 人")
    func countedNouns() throws {
        let a = try #require(try m("本港人口約七百五十萬。").first)
        #expect(a.kind == .count && a.unit == "人" && a.value == 7_500_000 && a.qualifier == .approximate)
        let b = try #require(try m("訪港旅客人次錄得450萬，按年增加1.2倍。").first)
        #expect(b.unit == "人次" && b.value == 4_500_000)
        // Any other noun leaves a bare number bare (an index is read in points: ReportClauseTests).
        #expect(try m("編號為450。").isEmpty)
    }

    @Test("a bare number after a rate noun is a percent when the sentence named percents: 減幅卅七點三二")
    func bareRate() throws {
        let ms = try m("出口成長4.5%，進口減幅卅七點三二。")
        let x = try #require(metric(ms, "卅七點三二"))
        #expect(x.kind == .percent && close(x.value, 37.32) && x.direction == .down)
        // Without a percent named before, the unit stays unknown (no figure is made up).
        #expect(try m("進口減幅卅七點三二。").allSatisfy { $0.kind != .percent })
    }

    @Test("threshold words: 跌破七千人 (less than), 逾3萬人 and 突破1000萬元 (more than)")
    func thresholds() throws {
        let a = try #require(try m("單月新生兒人數跌破七千人。").first)
        #expect(a.qualifier == .lessThan && a.upper == 7000)
        let b = try #require(try m("參觀人數逾3萬人。").first)
        #expect(b.qualifier == .moreThan && b.lower == 30000)
        let c = try #require(try m("銷售額突破1000萬元。").first)
        #expect(c.qualifier == .moreThan && c.lower == 1e7)
    }

    // MARK: issue 9 lexicon forms

    @Test("vague numerals are ranges: 几十万 100000–1000000, 数十亿 1e9–1e10, 上千 1000–10000")
    func vagueNumerals() throws {
        let a = try #require(q("花了几十万块", "几十万块"))
        #expect(a.lower == 1e5 && a.upper == 1e6 && a.kind == .money)
        let b = try #require(q("投入数十亿元人民币", "数十亿元人民币"))
        #expect(b.lower == 1e9 && b.upper == 1e10 && b.unit == "CNY")
        let c = try #require(q("上千人参加", "上千人"))
        #expect(c.lower == 1000 && c.upper == 10000)
        let d = try #require(q("八九亿韩元", "八九亿韩元"))
        #expect(d.lower == 8e8 && d.upper == 9e8 && d.unit == "KRW")
        let e = try #require(q("两三百人", "两三百人"))
        #expect(e.lower == 200 && e.upper == 300)
        // 数 and 上 stay words before anything else.
        #expect(QuantityScanner.scan("数据显示，以上情况").isEmpty)
    }

    @Test("两 after a Chinese numeral is the mass unit when nothing follows: 三十两, 二两, 两万两")
    func liang() throws {
        #expect(close(try #require(q("买了三十两", "三十两")).value, 1.5))
        #expect(close(try #require(q("称二两", "二两")).value, 0.1))
        #expect(close(try #require(q("白银两万两", "两万两")).value, 1000))
        #expect(close(try #require(q("三千两百两", "三千两百两")).value, 160))
        #expect(close(try #require(q("九兩半", "九兩半")).value, 0.475))
        // 两 before a measure word or another numeral is still the digit.
        #expect(try #require(q("三千两百人", "三千两百人")).value == 3200)
        #expect(try #require(q("一两个", "一两个")).upper == 2)
    }

    @Test("shorthand multipliers: 30w = 300000, 15k元 = 15000 CNY, 10~15k元 = 10000–15000")
    func shorthand() throws {
        #expect(try #require(q("30w上下", "30w")).value == 300_000)
        #expect(try #require(q("月薪15k元", "15k元")).value == 15_000)
        let r = try #require(q("10~15k元", "10~15k元"))
        #expect(r.lower == 10_000 && r.upper == 15_000)
        let inclusive = try #require(q("1万(含)-5万元", "1万(含)-5万元"))
        #expect(inclusive.lower == 10_000 && inclusive.upper == 50_000 && inclusive.unit == "CNY")
        #expect(QuantityScanner.scan("100W").allSatisfy { $0.value != 1_000_000 })  // uppercase W is not 万
    }

    @Test("per-population rates, ‰ and ‱")
    func rates() throws {
        let r = try #require(q("发病率为11.69/10万", "11.69/10万"))
        #expect(r.kind == .other && r.unit == "/10万" && close(r.value, 11.69))
        #expect(close(try #require(q("出生率3.65‰", "3.65‰")).value, 0.365))
        #expect(close(try #require(q("误差0.5‱", "0.5‱")).value, 0.005))
    }

    @Test("units from the Recognizers-Text and Duckling lists: 赫兹, 千瓦, 公分, 坪, 公寸, 品脱, 吨公里")
    func dimensionUnits() throws {
        #expect(try #require(q("频率50赫兹", "50赫兹")).unit == "赫兹")
        #expect(try #require(q("装机30万千瓦", "30万千瓦")).value == 300_000)
        #expect(close(try #require(q("身高170公分", "170公分")).value, 1.7))
        #expect(close(try #require(q("房屋30坪", "30坪")).value, 30 * 400.0 / 121.0))
        #expect(close(try #require(q("长5公寸", "5公寸")).value, 0.5))
        #expect(try #require(q("喝了2品脱", "2品脱")).kind == .volume)
        #expect(try #require(q("周转量120亿吨公里", "120亿吨公里")).unit == "吨公里")
    }

    @Test("currencies from the complete lexicon, before or after the number: 9000元日币, 新台幣九千五百億元, 瑞典克朗")
    func currencies() throws {
        #expect(try #require(q("花了9000元日币", "9000元日币")).unit == "JPY")
        #expect(try #require(q("约新台幣九千五百億元", "九千五百億元")).unit == "TWD")
        #expect(try #require(q("售价300瑞典克朗", "300瑞典克朗")).unit == "SEK")
        #expect(try #require(q("价值50万越南盾", "50万越南盾")).unit == "VND")
        #expect(try #require(q("两美元又三美分", "两美元又三美分")).value == 2.03)
    }
}
