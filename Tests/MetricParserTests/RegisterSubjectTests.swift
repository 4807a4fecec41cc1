import MetricParser
import Testing

/// Subjects in the register of Taiwan, Hong Kong and Macau reports (issue 16, issue 9's subject
/// rules). Sentences are written for these tests; each rule is checked in traditional and, where
/// the structure is shared, simplified text.
@Suite("Register subjects")
struct RegisterSubjectTests {
    func m(_ input: String, _ locale: ArticleLocale = ArticleLocale(.hongKong)) throws -> [Metric] {
        try MetricExtractor().extract(input, locale: locale)
    }

    func subject(_ ms: [Metric], _ text: String) throws -> String {
        try #require(metric(ms, text)).subject
    }

    @Test("subjects keep the article's script: 中國大陸, 上個月 (not 中國大陆, 上个月)")
    func script() throws {
        let ms = try m("中國大陸旅客為120萬人次，較上個月增加5萬人次。")
        #expect(try subject(ms, "120萬人次") == "中國大陸旅客")
        #expect(try subject(ms, "5萬人次").contains("上個月"))
        #expect(metric(ms, "120萬人次")?.value == 1_200_000)  // the scanners still read the folded text
        #expect(try subject(try m("中国大陆旅客为120万人次。", .mainland), "120万人次") == "中国大陆旅客")
    }

    @Test("an estimate is told apart from the earlier value: 现估计 vs 原来")
    func estimate() throws {
        let tw = try m("我們將全年的出口增長預測由原來百分之四調低，現估計今年增長為百分之二點五。")
        #expect(try subject(tw, "百分之四") == "出口增長預測原來")
        #expect(try subject(tw, "百分之二點五") == "出口增長預測現估計")
        let cn = try m("我们将全年的投资增长预测由原来的百分之六下调，现估计今年增长为百分之四。", .mainland)
        #expect(try subject(cn, "百分之四") == "投资增长预测现估计")
    }

    @Test("a place named with 在 is the scope of a short object: 在區議會得到支持撥款 → 區議會撥款")
    func locative() throws {
        #expect(try subject(try m("我們今日在區議會得到支持撥款五億元。"), "五億元") == "區議會撥款")
        // A topic of its own keeps the usual reading.
        #expect(try subject(try m("市政府在區議會得到支持撥款五億元。"), "五億元") != "區議會撥款")
    }

    @Test("a figure modifying a quoted name is that name's: 花三百億元的「長者照顧計畫」")
    func quotedName() throws {
        #expect(try subject(try m("政府花三百億元的「長者照顧計畫」成效不彰。"), "三百億元") == "長者照顧計畫")
        #expect(try subject(try m("政府投入50亿元的“乡村振兴计划”已启动。", .mainland), "50亿元") == "乡村振兴计划")
    }

    @Test("每 + duration + verb + 一 + measure word is an interval: 每五點四分鐘售出一輛 → …售出間隔")
    func interval() throws {
        let ms = try m("本月汽車銷量為八千輛，平均每五點四分鐘售出一輛。")
        let s = try subject(ms, "五點四分鐘")
        #expect(s.hasPrefix("汽車銷量") && s.hasSuffix("售出間隔"))
        let cn = try m("平均每2.5秒卖出一台手机。", .mainland)
        #expect(try subject(cn, "2.5秒") == "手机卖出间隔")
    }

    @Test("这一比例 stands for the last figure's subject, across the sentence end; 長期 names nothing")
    func anaphora() throws {
        let ms = try m("工業用電佔比在四成以上。其後這一比例持續下降，長期低於三成。")
        #expect(try subject(ms, "三成") == subject(ms, "四成"))
        #expect(try subject(ms, "三成") == "工業用電佔比")
        // A new paragraph does not reach back.
        let two = try m("工業用電佔比在四成以上。\n其後這一比例持續下降，長期低於三成。")
        #expect(try subject(two, "三成") != "工業用電佔比")
    }

    @Test("a share with no whole named is a share of the last figure's thing: …旅客中本地旅客佔比")
    func implicitWhole() throws {
        let ms = try m("經北站入境旅客為二十萬人次，本地旅客佔61.5%。")
        #expect(try subject(ms, "61.5%") == "經北站入境旅客中本地旅客佔比")
        let cn = try m("全市共有企业500家，民营企业占80%。", .mainland)
        #expect(try subject(cn, "80%") == "企业中民营企业占比")
        // A whole named after 占 is read as before.
        #expect(try subject(try m("不過夜旅客為78萬人次，佔入境旅客52.0%。"), "52.0%").contains("入境旅客比重"))
    }

    @Test("a 分别占 list takes the whole the share before it named, or the last figure's thing")
    func listOfShares() throws {
        let ms = try m("香港旅客佔總數50.2%，而九龍及新界旅客則分別佔30.1%及9.8%。")
        #expect(try subject(ms, "30.1%") == "九龍旅客佔總數比重")
        #expect(try subject(ms, "9.8%") == "新界旅客佔總數比重")
        let lead = try m("其中經東口岸入境旅客為300萬人次，以本港及外地旅客為主，分別佔60.5%及39.5%。")
        #expect(try subject(lead, "60.5%") == "經東口岸入境旅客中本港旅客佔比")
        #expect(try subject(lead, "39.5%").hasSuffix("中外地旅客佔比"))
        #expect(try subject(lead, "60.5%") != subject(lead, "39.5%"))
    }

    @Test("a head with a 的-modifier of its own is not the last figure's: 經西口岸入境的旅客")
    func modifiedHead() throws {
        let ms = try m("經陸路入境旅客為300萬人次。其中經東口岸入境旅客為200萬人次，而經西口岸入境的旅客則為100萬人次。")
        #expect(try subject(ms, "100萬人次") == "經西口岸入境旅客")
        #expect(try subject(ms, "200萬人次") == "經東口岸入境旅客")
    }

    @Test("a leading month or run of months is the period, not the subject: 首十個月, 十月, 前3个月")
    func monthPrefix() throws {
        let ms = try m("今年首十個月入境旅客總數為1,200萬人次，較去年同期上升12.5%。")
        #expect(try subject(ms, "1,200萬人次") == "入境旅客總數")
        #expect(try !subject(ms, "12.5%").contains("首十個月"))
        #expect(try subject(try m("十月入境旅客為150萬人次。"), "150萬人次") == "入境旅客")
        #expect(try subject(try m("前3个月港口吞吐量为500万吨。", .mainland), "500万吨") == "港口吞吐量")
    }

    @Test("a count after a rate is of the thing: 增幅達20.5%，為120萬人次 → 旅客, not 旅客增幅")
    func countAfterRate() throws {
        let ms = try m("外地旅客增幅達20.5%，為120萬人次。")
        #expect(try subject(ms, "20.5%") == "外地旅客增幅")
        #expect(try subject(ms, "120萬人次") == "外地旅客")
    }
}
