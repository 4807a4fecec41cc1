import MetricParser
import Testing

/// Which scanned numbers are figures and in what unit (issue 9's value rules): port and traffic
/// units, term and session numbers, and the locale of table cells. Sentences are written for
/// these tests.
@Suite("Value rules")
struct ValueRuleTests {
    func m(_ input: String, locale: ArticleLocale? = nil) throws -> [Metric] {
        try MetricExtractor().extract(input, locale: locale)
    }

    func texts(_ input: String) throws -> [String] { try m(input).map(\.text) }

    // MARK: containers and traffic

    @Test("TEU and FEU are counts of containers with the multiplier read, in any case")
    func teuIsCount() throws {
        let ms = try m("本港上半年完成集装箱吞吐量356.2万TEU，其中外贸箱1200teu，另有冷藏箱800FEU。")
        #expect(ms.map(\.unit) == ["TEU", "TEU", "FEU"])
        #expect(ms.allSatisfy { $0.kind == .count })
        #expect(close(ms[0].value, 3_562_000))
    }

    @Test("标准箱, 标箱, 自然箱 and 国际标准箱 are measure words of a count")
    func chineseContainerUnits() throws {
        let ms = try m("港区完成集装箱吞吐量42.5万标准箱，折合自然箱30万自然箱；国际航线完成8.1万国际标准箱，内贸3万标箱。")
        #expect(ms.map(\.unit) == ["标准箱", "自然箱", "国际标准箱", "标箱"])
        #expect(ms.allSatisfy { $0.kind == .count })
        #expect(close(ms[0].value, 425_000))
    }

    @Test("Ship tonnage and turnover are other units as written; 艘次/架次 stay counts")
    func tonnageAndTurnover() throws {
        let ms = try m("新增运力52万载重吨，完成货物周转量1.3亿吨海里，进出港船舶1.2万艘次，起降航班3600架次。")
        #expect(ms.map(\.unit) == ["载重吨", "吨海里", "艘次", "架次"])
        #expect(ms.map(\.kind) == [.other, .other, .count, .count])
        #expect(close(ms[1].value, 1.3e8))
    }

    @Test("吨 alone is still mass, 吨公里 still turnover")
    func tonsUnchanged() throws {
        let ms = try m("货物吞吐量完成3.6亿吨，货物周转量120亿吨公里。")
        #expect(ms.map(\.unit) == ["kg", "吨公里"])
    }

    @Test("A unit of measure with 次 is a count of unit-times (亩次, 吨次, 公里次), as 人次 is")
    func unitTimesCompounds() throws {
        let ms = try m("完成病虫害统防统治面积48万亩次，运输危险货物1200吨次，巡查线路360公里次，出动人员3600人次。")
        #expect(ms.map(\.unit) == ["亩次", "吨次", "公里次", "人次"])
        #expect(ms.allSatisfy { $0.kind == .count })
        #expect(close(ms[0].value, 480_000))
        #expect(close(ms[1].value, 1200))
    }

    @Test("次 that opens another word leaves the unit alone (次日, 次年, 次数)")
    func unitBeforeOtherCi() throws {
        let ms = try m("当日完成收割3万亩，次日降雨；新增造林2万亩次年验收；累计运输5000吨次数统计另报。")
        #expect(ms.map(\.unit) == ["m2", "m2", "kg"])
        #expect(ms.map(\.kind) == [.area, .area, .mass])
    }

    // MARK: terms, sessions and phases are names

    @Test(
        "届 before a session, a numeral or a body elected by term is a name, not a count",
        arguments: [
            "学习贯彻二十届三中全会精神，全市新增党员300名。",
            "十四届全国人大代表中有本市代表12名。",
            "省委十一届五次、六次全会部署的任务，完成投资20亿元。",
            "县十七届人民代表大会审议通过，拨款1200万元。",
            "三届五次全会提出目标，新建学校8所。",
            "十五届人大常委会第十二次会议听取报告，涉及项目45个。",
            "2024届高校毕业生中已有3.1万人签约。",
        ])
    func termNumbers(sentence: String) throws {
        let ms = try m(sentence)
        #expect(!ms.contains { $0.unit == "届" }, "\(ms.map(\.text))")
        #expect(!ms.contains { $0.unit == "次" }, "\(ms.map(\.text))")
        #expect(ms.count == 1, "the sentence's one figure stays: \(ms.map(\.text))")
    }

    @Test("届 after a verb of holding counts editions; without a body after it, it counts")
    func editionCounts() throws {
        #expect(try texts("本市已成功举办了12届博览会。") == ["12届"])
        #expect(try texts("该展会已连续举办15届，累计成交额80亿元。") == ["15届", "80亿元"])
        // An event right after the number, no verb of holding: the edition's name.
        #expect(try texts("十四届运动会共设项目35个。") == ["35个"])
    }

    @Test("N次 right after 届 numbers a session; 召开会议12次 counts meetings")
    func sessionNumbers() throws {
        #expect(try texts("市委十二届十五次全会审议通过。").isEmpty)
        #expect(try texts("全年召开常委会会议12次。") == ["12次"])
    }

    @Test("N期 before 工程/项目 is a phase; 培训班15期 counts")
    func phaseNumbers() throws {
        #expect(try texts("园区12期工程全部完工。").isEmpty)
        #expect(try texts("全年举办培训班15期。") == ["15期"])
    }

    // MARK: other non-figures

    @Test("N位数 describes a magnitude: 实现2位数增长 has no figure, 2位专家 does")
    func digitCount() throws {
        #expect(try texts("工业增加值实现了2位数的增长。").isEmpty)
        #expect(try texts("特邀12位专家参加评审。") == ["12位"])
    }

    @Test("首/头 N个月 is a period of the year, not a duration")
    func firstMonths() throws {
        #expect(try texts("今年首十个月接待旅客1200万人次。") == ["1200万人次"])
        #expect(try texts("头三个月完成投资5亿元。") == ["5亿元"])
        #expect(try texts("项目建设工期18个月。") == ["18个月"])
    }

    @Test("A span of calendar years is not a duration; a span of years of service is")
    func yearSpans() throws {
        #expect(try texts("2018年至2022年，全市新建住房12万套。") == ["12万套"])
        #expect(try texts("贷款期限为3至5年。") == ["3至5年"])
    }

    @Test("A tenor (5年期, 7天期, 3个月期) names a product: its rate is the figure")
    func tenors() throws {
        #expect(try texts("5年期以上贷款市场报价利率为3.95%，10年期国债收益率2.1%。") == ["3.95%", "2.1%"])
        #expect(try texts("开展7天期逆回购操作1200亿元，3个月期存款利率1.1%。") == ["1200亿元", "1.1%"])
        #expect(try texts("贷款期限最长5年。") == ["5年"])
    }

    @Test("Minguo years: 民國112年 anywhere; 113年度, 112年12月, 111年底 and 100–199年 in a Taiwan article")
    func minguoYears() throws {
        let tw = ArticleLocale(.taiwan)
        func texts(_ s: String, _ l: ArticleLocale? = nil) throws -> [String] { try m(s, locale: l).map(\.text) }
        #expect(try texts("民國九十八年出生人數為十九萬人。") == ["十九萬人"])
        #expect(try texts("113年度總預算歲出28,809億元，112年12月失業率3.4%。", tw) == ["28,809億元", "3.4%"])
        #expect(try texts("預計115年底前完工，較111年增加300人。", tw) == ["300人"])
        // A length of time stays one, and a mainland article's 100年 is not a Minguo year.
        #expect(try texts("這座古蹟歷時120年仍完好。", tw) == ["120年"])
        #expect(try texts("该厂已有120年历史。") == ["120年"])
    }

    @Test("兆 before a currency is 10^12 (2兆元); before 瓦 or 字节 it stays mega")
    func trillion() throws {
        let ms = try m("總預算2兆元，另有兩兆美元的計畫。", locale: ArticleLocale(.taiwan))
        #expect(ms.map(\.text) == ["2兆元", "兩兆美元"])
        #expect(close(ms[0].value, 2e12) && ms[0].unit == "TWD")
        #expect(close(ms[1].value, 2e12) && ms[1].unit == "USD")
        #expect(try m("装机容量5兆瓦。").map(\.unit) == ["兆瓦"])
    }

    @Test("An age bracket before a noun qualifies it: 65歲以上人口 has one figure, its share")
    func ageBrackets() throws {
        #expect(try texts("65歲以上人口占比19.2%。") == ["19.2%"])
        #expect(try texts("全市60岁及以上的老人共12万人，3岁以下婴幼儿2.1万名。") == ["12万人", "2.1万名"])
        // An age of its own stays a figure.
        #expect(try texts("参赛选手年龄均在18岁以上。") == ["18岁"])
    }

    @Test("1成5 is 15 percent, like 一成五; 3成 alone is 30")
    func chengWithDigits() throws {
        let ms = try m("較上月減少1成5，出口年增3成。")
        #expect(ms.map(\.text) == ["1成5", "3成"])
        #expect(close(ms[0].value, 15) && close(ms[1].value, 30))
    }

    // MARK: tables read the article's currency

    func moneyTable() -> DataTable {
        DataTable(
            index: 0,
            rows: [
                [.init(text: "项目", start: 0, isHeader: true), .init(text: "金额（亿元）", start: 3, isHeader: true)],
                [.init(text: "税收收入", start: 10), .init(text: "125.6", start: 15)],
                [.init(text: "非税收入", start: 21), .init(text: "32元", start: 26)],
            ])
    }

    @Test("A table's 元 is the article's currency: TWD on a Taiwan page, CNY by default")
    func tableLocale() throws {
        let tw = TableMetrics.metrics(moneyTable(), locale: ArticleLocale(.taiwan)).map(\.metric)
        #expect(tw.map(\.unit) == ["TWD", "TWD"])
        #expect(close(tw[0].value, 1.256e10))
        let hk = TableMetrics.metrics(moneyTable(), locale: ArticleLocale(.hongKong)).map(\.metric)
        #expect(hk.map(\.unit) == ["HKD", "HKD"])
        #expect(TableMetrics.metrics(moneyTable()).map(\.metric.unit) == ["CNY", "CNY"])
    }

    @Test("A named currency in a header is kept whatever the locale")
    func tableNamedCurrency() throws {
        let t = DataTable(
            index: 0,
            rows: [
                [.init(text: "项目", start: 0, isHeader: true), .init(text: "金额（万美元）", start: 3, isHeader: true)],
                [.init(text: "出口", start: 11), .init(text: "88", start: 14)],
            ])
        #expect(TableMetrics.metrics(t, locale: ArticleLocale(.taiwan)).map(\.metric.unit) == ["USD"])
    }
}
