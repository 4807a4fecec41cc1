import MetricParser
import Testing

/// Lists, parentheses and words that refer back (found on the blind reports 33–39, see
/// Tests/gold/blind/README.md), each on sentences written for these tests.
@Suite("Lists, parentheses and references")
struct ListAndReferenceTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("a figure in a parenthesis right after its noun is that noun's (甲区（由5.1%升至5.6%）)")
    func parenthesizedAfterNoun() throws {
        let text = "各区中，甲区（由5.1%升至5.6%）及乙区（由4.2%降至3.9%）变化较大。"
        #expect(try one(text, "5.1%").subject == "甲区")
        #expect(try one(text, "5.6%").subject == "甲区")
        #expect(try one(text, "4.2%").subject == "乙区")
        #expect(try one(text, "3.9%").subject == "乙区")
        // After a compared base the parenthesis holds the base's value of the sentence's indicator.
        #expect(try one("就业不足率为1.1%，较去年同期（0.8%）上升。", "0.8%").subject == "就业不足率")
        // A parenthesis with words of its own: the figure is the words' (含 says it is counted in).
        #expect(try one("全市有医院15家（其中三级医院3家）。", "3家").subject == "三级医院")
        #expect(try one("医疗机构958家(含三级医疗机构15家)。", "15家").subject == "三级医疗机构")
    }

    @Test("a remark in parentheses opening a subject is none of it; a gloss without digits stays")
    func leadingRemark() throws {
        let text = "2025年上半年（1月至6月）城镇调查失业率为5.1%，较上季下降0.2个百分点。"
        #expect(try one(text, "5.1%").subject == "城镇调查失业率")
        #expect(try one(text, "0.2个百分点").subject.hasPrefix("城镇调查失业率"))
        #expect(try one("研究与试验发展（R&D）经费投入86亿元。", "86亿元").subject.contains("R&D"))
    }

    @Test("a conjunction opening the clause (但, 然而) is no subject: the sentence's indicator is")
    func openingConjunction() throws {
        let text = "失业率为3.1%，但较去年同期的2.9%上升0.2个百分点。"
        #expect(try one(text, "2.9%").subject == "失业率")
        #expect(try one(text, "0.2个百分点").subject.hasPrefix("失业率"))
        // 不过 is left alone: 不過夜 is a word (non-overnight visitors).
        #expect(try one("不過夜旅客為120萬人次。", "120萬人次").subject == "不過夜旅客")
    }

    @Test("names coordinated before one head noun each take the head (城镇、农村居民人均可支配收入)")
    func sharedHeadNoun() throws {
        let text = "城镇、农村居民人均可支配收入分别为5.1万元和2.3万元。"
        #expect(try one(text, "5.1万元").subject == "城镇居民人均可支配收入")
        #expect(try one(text, "2.3万元").subject == "农村居民人均可支配收入")
        let health = "高血压、糖尿病患者规范管理率分别为78%和76%。"
        #expect(try one(health, "78%").subject == "高血压患者规范管理率")
        // Places of unequal length keep their names whole.
        let places = "香港及中國台灣旅客分別為120萬及35萬人次。"
        let hk = try extractor.extract(places, locale: ArticleLocale(languageTag: "zh-HK"))
        #expect(hk.map(\.subject) == ["香港旅客", "中國台灣旅客"], "\(hk.map(\.subject))")
    }

    @Test("bare numbers of a list share the unit written once at its end, each with its own scale")
    func listSharesUnit() throws {
        let text = "日本、韩国、新加坡游客分别为12.5万、8.3万和4.1万人次。"
        let ms = try extractor.extract(text)
        #expect(ms.map(\.value) == [125_000, 83_000, 41_000], "\(ms.map(\.text))")
        #expect(ms.map(\.unit) == ["人次", "人次", "人次"])
        #expect(ms.map(\.subject) == ["日本游客", "韩国游客", "新加坡游客"], "\(ms.map(\.subject))")
        // The multiplier written once belongs to every bare number without one.
        #expect(try extractor.extract("两县分别增长3和5万元。").map(\.value) == [30_000, 50_000])
    }

    @Test("前者/后者 after a 分别 list of two names stand for the first and the second")
    func formerAndLatter() throws {
        let text = "全市工业和服务业用电量分别为52亿千瓦时和31亿千瓦时，前者增长6.2%，后者增长9.8%。"
        #expect(try one(text, "6.2%").subject.hasPrefix("全市工业用电量"))
        #expect(try one(text, "9.8%").subject.hasPrefix("服务业用电量"))
    }

    @Test("a figure converted into another currency (折合人民币) restates the one before it")
    func conversion() throws {
        let text = "实际使用外资5.2亿美元，折合人民币约37亿元，同比增长8.1%。"
        #expect(try one(text, "37亿元").subject == "实际使用外资")
        #expect(try one(text, "8.1%").subject.hasPrefix("实际使用外资"))
    }

    @Test("相应数字 and 该 + a category noun refer to the last figure's subject")
    func referringWords() throws {
        #expect(try one("今年人均消费为1,520元，而去年同期的相应数字为1,480元。", "1,480元").subject == "人均消费")
        #expect(try one("全市建筑业从业人员为5.2万人，该行业平均工资为6800元。", "6800元").subject == "建筑业平均工资")
    }

    @Test("an attribute of a set after its count is the set's (重点项目36个，总投资520亿元)")
    func setAttribute() throws {
        #expect(try one("新开工重点项目36个，总投资520亿元。", "520亿元").subject == "重点项目总投资")
        // People and households are no set with an investment.
        #expect(try one("惠及居民897万户，完成投资240亿元。", "240亿元").subject == "完成投资")
    }

    @Test("a totality or 已 after a counted noun with a verb of reaching counts the ones that did it")
    func totalityWithReaching() throws {
        #expect(try one("全市15个乡镇均达到省级卫生乡镇标准。", "15个").subject == "达到省级卫生乡镇标准的乡镇")
        #expect(try one("老年食堂、日间照料中心等7个项目已竣工投用。", "7个").subject == "竣工投用的项目")
        #expect(try one("全县18个社区均建成了养老服务站。", "18个").subject == "建成养老服务站的社区")
        // A copula classifies, it names no doing.
        #expect(try one("全市12个村均为贫困村。", "12个").subject == "村")
    }

    @Test("约为 opening a share makes it approximate; nights are a measure word; an averaging window is a name")
    func qualifiersAndUnits() throws {
        #expect(try one("游客人数增长12%，约为疫情前同期的8成。", "8成").qualifier == .approximate)
        let nights = try one("旅客平均停留4.6夜。", "4.6夜")
        #expect(nights.unit == "夜" && nights.value == 4.6)
        #expect(try extractor.extract("一夜之间涌入游客。").isEmpty)
        let ozone = try extractor.extract("臭氧日最大8小时平均浓度为150微克/立方米。")
        #expect(ozone.map(\.text) == ["150微克/立方米"], "\(ozone.map(\.text))")
    }

    @Test("a threshold before the noun of the things it classifies is a size class, no figure")
    func sizeClass() throws {
        let projects = try extractor.extract("其中10亿元以上项目9个，到位资金近95亿元。")
        #expect(projects.map(\.text) == ["9个", "95亿元"], "\(projects.map(\.text))")
        #expect(projects.first?.subject == "10亿元以上项目")
        #expect(try extractor.extract("20户以上自然村通硬化路实现全覆盖。").isEmpty)
        // People counted (名/人 before people), an amount of the noun and a count in 个 stay figures.
        #expect(try one("力争帮助2万人以上农村劳动力实现就业。", "2万人").qualifier == .moreThan)
        #expect(try one("投入1000万元以上资金用于改造。", "1000万元").qualifier == .moreThan)
        #expect(try one("建成100个以上村级服务站。", "100个").subject == "村级服务站")
    }

    @Test("a clause whose topic is only a (fiscal) year gives the lead-in's indicator, not the counted noun")
    func yearOnlyTopic() throws {
        let text = "全年公营房屋落成量如下：二零二一至二二年度為14,300個單位，二零二二至二三年度為16,700個單位。"
        let ms = try extractor.extract(text, locale: ArticleLocale(languageTag: "zh-HK"))
        #expect(ms.map(\.subject) == ["公营房屋落成量", "公营房屋落成量"], "\(ms.map(\.subject))")
        // 为 as "for" after a half-year is no copula of a period.
        #expect(try one("上半年共为2.4万名失业人员发放失业保险金。", "2.4万名").subject.contains("失业人员"))
    }

    @Test("分别 before a light verb opens a list; counts of a list are whole at the shared scale")
    func listAfterLightVerb() throws {
        let ms = try extractor.extract("东部、中部、西部地区快递业务量分别完成1347.4、308.9和149.9亿件。")
        #expect(ms.map(\.value) == [134_740_000_000, 30_890_000_000, 14_990_000_000], "\(ms.map(\.text))")
        #expect(ms.map(\.subject) == ["东部地区快递业务量", "中部地区快递业务量", "西部地区快递业务量"])
    }

    @Test("前者/后者 without a list stand for the sentence's last two figures; a light verb's own topic")
    func formerAndLatterWithoutList() throws {
        let text = "同城快递业务量累计完成141.8亿件，异地快递业务量累计完成1622.7亿件，前者同比下降2.6%，后者同比增长16.5%。"
        #expect(try one(text, "1622.7亿件").subject == "异地快递业务量")
        #expect(try one(text, "2.6%").subject.hasPrefix("同城快递业务量"))
        #expect(try one(text, "16.5%").subject.hasPrefix("异地快递业务量"))
    }

    @Test("新增 before a counted noun is kept (新增床位); a total after it is of the stock")
    func incrementKept() throws {
        #expect(try one("全县新增床位600张。", "600张").subject == "新增床位")
        let text = "新增农民专业合作社64家，总数达到1026家。"
        #expect(try one(text, "1026家").subject == "农民专业合作社总数")
    }

    @Test("a duration in Chinese numerals with a decimal is measured (五點三年); 三年 in words frames")
    func chineseDecimalYears() throws {
        let locale = ArticleLocale(languageTag: "zh-HK")
        let ms = try extractor.extract("平均輪候時間為五點三年，較去年同期的5.7年縮短零點四年。", locale: locale)
        #expect(ms.map(\.value) == [5.3, 5.7, 0.4], "\(ms.map(\.text))")
        #expect(try extractor.extract("未來三年將投入120億元。", locale: locale).map(\.text) == ["120億元"])
    }
}
