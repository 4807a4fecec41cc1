import MetricParser
import Testing

/// The subject rules of issue 9 that tell an article's figures apart (docs/parser.md, Subjects), one
/// test per class, on sentences written for these tests.
@Suite("Subject classes: actors, list items, scopes and repeated counts")
struct SubjectClassTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("a verbal measure word counts the actor's doings; 至少 before the verb bounds the figure")
    func verbalMeasureWord() throws {
        let text = "规定村干部每季度至少参加2次业务培训，累计时间不少于5天。"
        let times = try one(text, "2次")
        #expect(times.qualifier == .moreThan && times.lower == 2)
        #expect(times.subject.hasPrefix("村干部") && times.subject.hasSuffix("业务培训"))
        // 累计 before a noun is part of it (the cumulative time, not the time).
        #expect(try one(text, "5天").subject == "累计时间")
    }

    @Test("人(次) is 人次")
    func personTimesInParentheses() throws {
        let m = try one("全年接待游客3000多人(次)。", "3000多人(次)")
        #expect(m.unit == "人次" && m.subject == "接待游客人次")
    }

    @Test("the items of a list opened by a colon or ；, each named first, even with a verb inside (种植)")
    func parallelItems() throws {
        let text = "成立两个合作社：养殖合作社，饲养肉牛80头，增收3万元；种植合作社，种植果树120亩，增收5万元。"
        let first = try one(text, "3万元"), second = try one(text, "5万元")
        #expect(first.subject.hasPrefix("养殖合作社") && second.subject.hasPrefix("种植合作社"))
        #expect(try one(text, "120亩").subject.hasPrefix("种植合作社"))
    }

    @Test("a ；-item opened by a 的-phrase is about its head")
    func itemTopicHead() throws {
        let m = try one("技术岗位月薪在6000元以上；而临时用工性质的保洁员，扣除社保后月薪不足1800元。", "1800元")
        #expect(m.subject.hasPrefix("保洁员") && m.subject.hasSuffix("月薪") && m.qualifier == .lessThan)
    }

    @Test("the beneficiary of 为 is scope; 每月 makes a monthly figure another indicator than a total")
    func beneficiaryAndRate() throws {
        let text = "新建的屋顶光伏平均每月可为村集体增加收入0.8万元；加工厂今年为村集体增加收入6万元。"
        let monthly = try one(text, "0.8万元"), total = try one(text, "6万元")
        #expect(monthly.subject.contains("村集体增加收入") && total.subject.contains("村集体增加收入"))
        #expect(monthly.subject.hasPrefix("每月") && monthly.subject != total.subject)
    }

    @Test("a word after an auxiliary (将) is the verb; its object follows the measure word")
    func auxiliary() throws {
        #expect(try one("今年我县将组织45场招聘会。", "45场").subject == "招聘会")
    }

    @Test("累计 frames its paragraph's later sentences until one names its own time")
    func cumulativeParagraph() throws {
        let text = "去年全市新建绿道40公里。\n五年来全市累计新建公园58个。各区在建设中，共新建绿道300公里。2023年新建绿道60公里。"
        let year = try one(text, "40公里"), total = try one(text, "300公里"), later = try one(text, "60公里")
        #expect(total.subject.hasPrefix("累计") && total.subject != year.subject)
        #expect(!later.subject.hasPrefix("累计"))
    }

    @Test("items before 等 are examples, not the object")
    func examplesBeforeDeng() throws {
        let m = try one("去年新改造供水、燃气等各类老化管线1.2万公里。", "1.2万公里")
        #expect(m.subject.hasSuffix("老化管线") && !m.subject.contains("燃气"))
    }

    @Test("a restated indicator (报告发病率) keeps the scope of the count before it")
    func restatedIndicator() throws {
        let text = "全县乙类传染病报告病例320例，报告发病率45.6/10万；丙类传染病报告病例880例，报告发病率125.3/10万。"
        let b = try one(text, "45.6/10万"), c = try one(text, "125.3/10万")
        #expect(b.subject.hasPrefix("乙类") && c.subject.hasPrefix("丙类"))
    }

    @Test("under 其中 a part is never its parent; an institution counted in beds is a scope")
    func breakdownParts() throws {
        let fee = "门诊患者次均医药费320元，其中药费120元。"
        #expect(try one(fee, "120元").subject == "门诊患者次均药费")
        let beds = "全县编制床位5200张，其中医院3100张、卫生院1500张。全县卫生院42家。"
        let inBeds = try one(beds, "1500张"), institutions = try one(beds, "42家")
        #expect(inBeds.subject == "卫生院编制床位" && institutions.subject != inBeds.subject)
    }

    @Test("全国 stays when the article also reports its own region")
    func nationAsScope() throws {
        let text = "全国快递业务量12亿件。全省快递业务量0.8亿件。"
        #expect(try one(text, "12亿件").subject != one(text, "0.8亿件").subject)
        #expect(try one("全国快递业务量12亿件。", "12亿件").subject == "快递业务量")
    }

    @Test("分别 after a comparison pairs bare place names with the figures")
    func distributiveAfterComparison() throws {
        let text = "东阳、西岭、南屏市工业用电量同比分别增长5.1%、4.3%、3.8%。"
        let subjects = try ["5.1%", "4.3%", "3.8%"].map { try one(text, $0).subject }
        #expect(subjects[0].hasPrefix("东阳工业用电量") && subjects[1].hasPrefix("西岭工业用电量"))
        #expect(subjects[2].hasPrefix("南屏市工业用电量"))
        // Every figure of the list is the head's change, with its comparison.
        #expect(try ["4.3%", "3.8%"].allSatisfy { try one(text, $0).basis == .previousYear })
        // Names with a phrase of their own take it, not the previous sentence's indicator.
        let next = "甲市规模以上工业增加值增长6%。乙镇、丙镇和丁镇人均可支配收入分别为2.1万元、1.9万元和1.7万元。"
        #expect(try one(next, "1.9万元").subject == "丙镇人均可支配收入")
    }

    @Test("a numbered set (三次产业) distributes over its ordinal members")
    func numberedSet() throws {
        let text = "三次产业对经济增长的贡献率分别为5.0%、40.1%和54.9%。"
        #expect(try one(text, "5.0%").subject == "第一产业对经济增长的贡献率")
        #expect(try one(text, "54.9%").subject == "第三产业对经济增长的贡献率")
    }

    @Test("the same thing counted again after another verb takes the verb")
    func repeatedCount() throws {
        let text = "全市500名志愿者走访困难群众。学院培训了800名志愿者。"
        let first = try one(text, "500名"), second = try one(text, "800名")
        #expect(first.subject == "志愿者" && second.subject == "培训志愿者")
    }

    @Test("a light verb with no object continues the sentence's last indicator of that kind")
    func bareLightVerbContinues() throws {
        let text = "全县税收收入5.2亿元，自然增幅3%，同口径完成5.6亿元，增幅7.5%。"
        #expect(try one(text, "5.6亿元").subject == "同口径税收收入")
        #expect(try one(text, "7.5%").subject.contains("同口径税收收入"))
    }

    @Test("a list of figures as long as the list of things counted before it pairs with them in order")
    func implicitPairing() throws {
        let text = "全市1200家民营企业和350家社会组织建立了工会，工会覆盖率达到92.5%、81.3%，比上年底分别提升3.2%、1.4%。"
        #expect(try one(text, "92.5%").subject == "民营企业工会覆盖率")
        #expect(try one(text, "81.3%").subject == "社会组织工会覆盖率")
        let first = try one(text, "3.2%"), second = try one(text, "1.4%")
        #expect(first.subject.hasPrefix("民营企业工会覆盖率") && second.subject.hasPrefix("社会组织工会覆盖率"))
        #expect(first.basis == .startOfPeriod && second.basis == .startOfPeriod && second.direction == .up)
    }

    @Test("past a breakdown's items (；) a count with another measure word is the parent unit's")
    func afterBreakdown() throws {
        let text = "全县幼儿园86所，其中公办园52所、民办园34所；专任教师1900人。全县专任教师8200人。"
        #expect(try one(text, "1900人").subject == "幼儿园专任教师")
        #expect(try one(text, "8200人").subject == "专任教师")
        #expect(try one(text, "34所").subject == "民办园")
    }

    @Test("counted sets followed by a clause of totality and a predicate: the predicate says what they did")
    func collectivePredicate() throws {
        let text = "2023年全乡剩余的45户，103人，全部搬迁。"
        #expect(try one(text, "45户").subject.contains("搬迁") && one(text, "103人").subject.contains("搬迁"))
        // A linking word describes the set instead.
        #expect(try !one("今年新招聘教师60名，均为本科以上学历。", "60名").subject.contains("本科"))
    }
}
