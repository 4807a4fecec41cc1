import MetricParser
import Testing

/// Subject rules found on Hong Kong press text (blind file 05 made a development file): closed word
/// classes and clause structures of the language, each checked in traditional and, where the rule is
/// not register-specific, simplified text. Sentences are written for these tests.
/// (An extension of `RegisterSubjectTests`: its helpers `m` and `subject`, Hong Kong by default.)
extension RegisterSubjectTests {
    @Test("a growth in percent after a share is the growth of the share's topic, not of the share")
    func growthAfterShare() throws {
        let hk = try m("本地學生1,200人，佔全體學生約64.5%，按年增長3.2%。")
        #expect(try subject(hk, "3.2%") == "本地學生按年增長")
        let cn = try m("民营企业出口800亿元，占全市出口的58.1%，同比增长9.4%。", .mainland)
        #expect(try subject(cn, "9.4%") == "民营企业出口同比增速")
        // A share's own change is in percentage points: still the share's.
        let pp = try m("民营企业出口800亿元，占全市出口的58.1%，比上年提高2.1个百分点。", .mainland)
        #expect(try subject(pp, "2.1个百分点").contains("占"))
    }

    @Test("adverbs of degree and manner (大幅, 輕微, 顯著, 溫和 …) are dropped from a change's subject")
    func degreeAdverbs() throws {
        let hk = try m("本地出口為120億港元，按年大幅增長18.1%；轉口則按年輕微下跌0.4%。")
        #expect(try subject(hk, "18.1%") == "本地出口按年增長")
        #expect(try !subject(hk, "0.4%").contains("輕微"))
        let cn = try m("全市社会消费品零售总额为500亿元，同比显著回升6.2%。", .mainland)
        #expect(try subject(cn, "6.2%") == "社会消费品零售总额同比升幅")  // 回升: a rise, named 升幅
        #expect(try subject(try m("工业用电量同比小幅下降1.1%。", .mainland), "1.1%") == "工业用电量同比降幅")
    }

    @Test("a subject that is only a period names nothing: 首十個月錄得… takes the clause before's topic")
    func periodOnlySubject() throws {
        let hk = try m("據統計，留宿旅客增長較快，首十個月錄得820萬人次，按年增加6.3%。")
        #expect(try subject(hk, "820萬人次") == "留宿旅客")
        #expect(try subject(hk, "6.3%") == "留宿旅客按年增加")
        let cn = try m("据统计，留宿旅客增长较快，首十个月录得820万人次。", .mainland)
        #expect(try subject(cn, "820万人次") == "留宿旅客")
    }

    @Test("较 + period + 的 + figure after an indicator is the indicator's value for that period")
    func comparedPeriodValue() throws {
        let hk = try m("本月出口總值為200億港元，按年下跌3.1%，跌幅較八月份的6.2%明顯收窄。")
        let x = try #require(metric(hk, "6.2%"))
        #expect(x.subject == "出口總值跌幅" && !x.change)
        let cn = try m("本月工业增加值同比下降2.0%，降幅较上月的4.5%收窄。", .mainland)
        #expect(try subject(cn, "4.5%") == "工业增加值降幅")
    }

    @Test("a rate basis (每晚, 每日, 每人 …) before a figure is no part of the subject; 為 still links")
    func rateBasis() throws {
        let hk = try m("賓館平均房價為每晚860港元，按年上升2.5%。")
        #expect(try subject(hk, "860港元") == "賓館平均房價")
        #expect(try subject(hk, "2.5%") == "賓館平均房價按年上升")
        let cn = try m("景区门票价格为每人120元。", .mainland)
        #expect(try subject(cn, "120元") == "景区门票价格")
    }

    @Test("nights (晚) are counted and averaged; 延長/縮短 are changes of a duration")
    func nights() throws {
        let hk = try m("旅客平均留港時間為3.4晚，較去年同期延長0.2晚。")
        let a = try #require(metric(hk, "3.4晚"))
        #expect(a.value == 3.4 && a.unit == "晚" && a.kind == .count)
        let d = try #require(metric(hk, "0.2晚"))
        #expect(d.change && d.direction == .up && d.subject.hasPrefix("旅客平均留港時間"))
        let cn = try m("平均住院日为6.5天，比上年缩短0.4天。", .mainland)
        #expect(metric(cn, "0.4天")?.direction == .down)
        // Whole things are still whole: 2.5本 is no count.
        #expect(metric(try m("第2.5本手冊。"), "2.5本") == nil)
    }

    @Test("figure + 的 + noun after a bare verb: the noun is the verb's object (帶來額外消費)")
    func nounAfterFigure() throws {
        let hk = try m("盛事活動預計帶來約52億港元的額外消費。")
        #expect(try subject(hk, "52億港元").hasPrefix("帶來額外消費"))
        let cn = try m("旅游节实现约3亿元的旅游收入。", .mainland)
        #expect(try subject(cn, "3亿元").hasSuffix("旅游收入"))
    }

    @Test("较 + reference + its value + 高/低 + difference: the reference's value, then the subject's difference")
    func statedReference() throws {
        let hk = try m("目前酒店從業員約3萬名，失業率為4.6%，較整體失業率3.9%高0.7個百分點。")
        #expect(try subject(hk, "3.9%") == "整體失業率")
        let d = try #require(metric(hk, "0.7個百分點"))
        #expect(d.subject == "酒店從業員失業率高於整體失業率" && d.change && d.direction == .up)
        let cn = try m("全市城镇登记失业率为3.1%，比全省平均水平3.5%低0.4个百分点。", .mainland)
        #expect(try subject(cn, "0.4个百分点") == "城镇登记失业率低于全省平均水平")
        #expect(metric(cn, "0.4个百分点")?.direction == .down)
    }

    @Test("money allocated for a purpose (撥款…推動, 拨款…用于) is named by the purpose, not by the actor")
    func allocatedForPurpose() throws {
        let hk = try m("特區政府今年已撥款逾8億港元推動文化旅遊，全年將舉辦約90項活動。")
        #expect(try subject(hk, "8億港元") == "推動文化旅遊撥款")
        let cn = try m("市财政今年拨款3亿元用于老旧小区改造。", .mainland)
        #expect(try subject(cn, "3亿元") == "老旧小区改造拨款")
        // Without a purpose the verb reads as before.
        #expect(try !subject(try m("市财政今年拨款3亿元。", .mainland), "3亿元").contains("改造"))
    }

    @Test("modals of expectation (有望, 可望, 預料 …) end a subject; 料 alone does not (飼料, 材料)")
    func modals() throws {
        #expect(try subject(try m("業界預計，十二月份入住率有望超過九成。"), "九成") == "入住率")
        let cn = try m("今年粮食产量可望达到120万吨，饲料产量为5万吨。", .mainland)
        #expect(try subject(cn, "120万吨") == "粮食产量")
        #expect(try subject(cn, "5万吨") == "饲料产量")
    }
}
