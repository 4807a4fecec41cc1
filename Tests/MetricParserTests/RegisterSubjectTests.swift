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
        let from = try m("經東口岸入境旅客為300萬人次，客源主要來自本港及外地，分別佔60.5%及39.5%。")
        #expect(try subject(from, "60.5%") == "經東口岸入境旅客中本港佔比")
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
        #expect(try subject(try m("上季度末贷款余额为300亿元。", .mainland), "300亿元") == "贷款余额")
        #expect(try subject(try m("6月末存款余额为500亿元。", .mainland), "500亿元") == "存款余额")
    }

    @Test("a count after a rate is of the thing: 增幅達20.5%，為120萬人次 → 旅客, not 旅客增幅")
    func countAfterRate() throws {
        let ms = try m("外地旅客增幅達20.5%，為120萬人次。")
        #expect(try subject(ms, "20.5%") == "外地旅客增幅")
        #expect(try subject(ms, "120萬人次") == "外地旅客")
    }

    @Test("由X上升至Y / 由X減至Y: both figures are the indicator's; 就業 is not 就 + 業")
    func fromTo() throws {
        let ms = try m("同期的就業不足率由1.1%上升至1.2%。總就業人數由三百七十一萬人減至三百六十八萬人，減少約三萬人。")
        #expect(try subject(ms, "1.1%") == "就業不足率")
        #expect(try subject(ms, "1.2%") == "就業不足率")
        #expect(try subject(ms, "三百六十八萬人") == "總就業人數")
        #expect(try subject(ms, "三萬人") == "總就業人數減少")
        #expect(try subject(try m("在校学生为1.2万人。", .mainland), "1.2万人") == "在校学生")
    }

    @Test("較…的4.3%為低 is the base's own value of the indicator, its period the base")
    func comparedOwnValue() throws {
        let ms = try m("今年首三個月，出口按年增長2.7%，較去年第四季的4.3%為低。")
        let x = try #require(metric(ms, "4.3%"))
        #expect(x.subject.hasPrefix("出口") && !x.subject.contains("為低") && x.period == "去年第四季")
        #expect(!x.change)
    }

    @Test("年增/年減 name the comparison: 營收年增幅 vs 營收季增幅, basis previous year / period")
    func periodChangeWords() throws {
        let ms = try m("公司第二季營收達新台幣6735億元，年增40.1％，季增13.6％。", ArticleLocale(.taiwan))
        let y = try #require(metric(ms, "40.1％")), q = try #require(metric(ms, "13.6％"))
        #expect(y.subject.hasSuffix("營收年增幅") && y.basis == .previousYear)
        #expect(q.subject.hasSuffix("營收季增幅") && q.basis == .previousPeriod)
        #expect(metric(ms, "6735億元")?.unit == "TWD")
    }

    @Test("Minguo years: 112年 / 民國113年 leave the subject, the period reads 1911 + N")
    func minguo() throws {
        let ms = try m("112年全年出生數為13萬5571人，較111年減少1萬3744人。民國113年第一季失業率為3.38％。", ArticleLocale(.taiwan))
        let a = try #require(metric(ms, "13萬5571人"))
        #expect(a.subject == "出生數" && a.period == "2023年全年")
        #expect(try subject(ms, "3.38％") == "失業率")
        #expect(metric(ms, "3.38％")?.period == "2024")
    }

    @Test("24年來 frames a figure in traditional text as 24年来 does: not a duration")
    func timeFrames() throws {
        #expect(try m("失業率3.38%，為24年來最低。", ArticleLocale(.taiwan)).allSatisfy { $0.kind != .duration })
        #expect(try m("連續26個月負成長。", ArticleLocale(.taiwan)).allSatisfy { $0.kind != .duration })
    }

    @Test("an estimator before the verb: 主計總處預估今年經濟成長率為3.29％ → 經濟成長率預估; 上修 is a change")
    func estimator() throws {
        let ms = try m("主計總處預估今年經濟成長率為3.29％，上修0.2個百分點。", ArticleLocale(.taiwan))
        #expect(try subject(ms, "3.29％") == "經濟成長率預估")
        let up = try #require(metric(ms, "0.2個百分點"))
        #expect(up.change && up.direction == .up)
        // The verb after the indicator is no frame: 今年增長預計為5%.
        #expect(try subject(try m("今年出口增長預計為5%。"), "5%").contains("出口"))
    }

    @Test("an estimate after 的 is not the indicator: 總銷貨價值的臨時估計為… keeps 總銷貨價值")
    func estimateNoun() throws {
        let ms = try m("七月份零售業總銷貨價值的臨時估計為三百零二億元，較去年同月下跌百分之十一點五。")
        let s = try subject(ms, "三百零二億元")
        #expect(s.hasPrefix("零售業總銷貨價值") && s.hasSuffix("臨時估計"))
        #expect(try subject(ms, "百分之十一點五").hasPrefix("零售業總銷貨價值"))
    }

    @Test("占 before an amount is not a share of an implicit whole: 其中國防占3,500億元")
    func amountAfterZhan() throws {
        let ms = try m("總預算2.8兆元，其中國防占新台幣3,500億元。", ArticleLocale(.taiwan))
        #expect(try subject(ms, "3,500億元") == "國防")
    }

    @Test("實質增長 qualifies the last subject's change; 首三季 is a period; 增加5.1%至18,000元 is the new level")
    func macauRelease() throws {
        let ms = try m(
            "本地生產總值為3,794億澳門元，實質增長80.5%。首三季入境旅客2,042萬人次。住戶月收入中位數增加5.1%至18,000元。",
            ArticleLocale(.macau))
        #expect(try subject(ms, "80.5%") == "本地生產總值實質增速")
        #expect(try subject(ms, "2,042萬人次") == "入境旅客")
        #expect(try subject(ms, "18,000元") == "住戶月收入中位數")
        #expect(metric(ms, "18,000元")?.unit == "MOP")
    }

    @Test("a clause that is only a comparison frames the changes after it: 與去年同期相比，…增加5.1%")
    func leadingComparison() throws {
        let ms = try m("與去年同期相比，住戶月收入中位數增加5.1%，失業率下降0.3個百分點。")
        #expect(metric(ms, "5.1%")?.basis == .previousYear)
        #expect(metric(ms, "0.3個百分點")?.basis == .previousYear)
        let cn = try m("与上月相比，全市用电量增长2.1%。", .mainland)
        #expect(metric(cn, "2.1%")?.basis == .previousPeriod)
        #expect(try m("全市用电量增长2.1%。", .mainland).first?.basis == nil)
    }

    @Test("分別 + a change + a list pairs the list with the sentence's figures before it, in order")
    func distributiveChange() throws {
        let ms = try m("住宅單位成交量為3,526個，成交價值為175.6億元，分別按年減少28.5%及31.2%。", ArticleLocale(.macau))
        let a = try #require(metric(ms, "28.5%")), b = try #require(metric(ms, "31.2%"))
        #expect(a.subject.hasSuffix("成交量按年減少") && a.direction == .down && a.basis == .previousYear)
        #expect(b.subject.hasSuffix("成交價值按年減少") && b.direction == .down && b.basis == .previousYear)
        let cn = try m("出口额为120亿元，进口额为80亿元，分别增长5.2%和3.1%。", .mainland)
        #expect(try subject(cn, "5.2%").hasPrefix("出口额") && subject(cn, "3.1%").hasPrefix("进口额"))
        // One figure before a list of two: nothing to pair.
        let one = try m("出口额为120亿元，分别增长5.2%和3.1%。", .mainland)
        #expect(try !subject(one, "3.1%").hasPrefix("出口额增"))
    }

    @Test("a range of months is a period (1至6月…), 編列 takes its object (社會福利預算)")
    func taiwanNews() throws {
        let ms = try m(
            "今年1至6月外銷訂單金額2,954億美元，較去年同期增加10.2%。北市今年編列社會福利預算逾400億元。", ArticleLocale(.taiwan))
        #expect(try subject(ms, "2,954億美元") == "外銷訂單金額")
        #expect(try subject(ms, "400億元") == "社會福利預算")
        #expect(metric(ms, "400億元")?.qualifier == .moreThan)
    }

    @Test("由 PERIOD 的 A 升至 PERIOD 的 B: both the indicator's, each in its period")
    func fromPeriodToPeriod() throws {
        let ms = try m("經季節性調整的失業率由二月至四月的2.9%微升至三月至五月的3.0%。")
        let a = try #require(metric(ms, "2.9%")), b = try #require(metric(ms, "3.0%"))
        #expect(a.subject == "經季節性調整的失業率" && a.period == "二月至四月")
        #expect(b.subject == a.subject && b.period == "三月至五月")
        let cn = try m("失业率由上月的5.2%降至本月的5.0%。", .mainland)
        #expect(metric(cn, "5.0%")?.subject == "失业率" && metric(cn, "5.0%")?.period == "本月")
    }
}
