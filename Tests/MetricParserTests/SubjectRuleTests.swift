import Foundation
import MetricParser
import Testing

/// One test per subject rule class (docs/parser.md, Subjects), on sentences written for these
/// tests. Subjects are checked for what tells figures apart (scope, comparison, the counted
/// thing), not for one exact spelling.
@Suite("Subject rules")
struct SubjectRuleTests {
    let extractor = MetricExtractor()

    func all(_ text: String) throws -> [Metric] { try extractor.extract(text) }

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("a change names its indicator and its comparison; basis says which comparison")
    func changeSubjectAndBasis() throws {
        let text = "全县粮食产量42.1万吨，比上年增加1.3万吨，同比增长3.2%。"
        let level = try one(text, "42.1万吨"), amount = try one(text, "1.3万吨"), rate = try one(text, "3.2%")
        #expect(level.subject == "粮食产量" && !level.change && level.basis == nil)
        #expect(amount.subject == "粮食产量比上年增加" && amount.basis == .previousYear && amount.direction == .up)
        #expect(rate.subject == "粮食产量同比增速" && rate.basis == .previousYear)
    }

    @Test("按年 / 按季 (Hong Kong usage) are year-on-year and period-on-period")
    func hongKongBases() throws {
        let text = "零售业总销货价值按年上升6.2%，按季下跌1.4%。"
        #expect(try one(text, "6.2%").basis == .previousYear)
        #expect(try one(text, "1.4%").basis == .previousPeriod)
        let m = try one("本月新生儿6523人，相较去年同期减少3884人。", "3884人")
        #expect(m.basis == .previousYear && m.subject == "新生儿相较去年同期减少")
    }

    @Test("the same indicator compared two ways gets two subjects and two bases")
    func yearAndPeriodComparisons() throws {
        let text = "本月快递业务量1.8亿件，同比增长12.5%，环比下降2.1%。"
        let yoy = try one(text, "12.5%"), mom = try one(text, "2.1%")
        #expect(yoy.basis == .previousYear && mom.basis == .previousPeriod)
        #expect(yoy.subject != mom.subject)
        #expect(yoy.subject.hasPrefix("快递业务量") && mom.subject.hasPrefix("快递业务量"))
        #expect(mom.direction == .down)
    }

    @Test("比年初 is a change from the start of the period; 多增/少增 are changes with a direction")
    func startOfPeriod() throws {
        let text = "个人存款余额812亿元，比年初增加52亿元，同比少增6亿元。"
        let fromStart = try one(text, "52亿元"), lessGrowth = try one(text, "6亿元")
        #expect(fromStart.basis == .startOfPeriod && fromStart.subject.hasPrefix("个人存款余额"))
        #expect(lessGrowth.basis == .previousYear && lessGrowth.direction == .down)
        #expect(lessGrowth.subject.hasPrefix("个人存款余额") && lessGrowth.subject.hasSuffix("少增"))
    }

    @Test("a named reference: 低于控制目标, 比全国平均水平高")
    func reference() throws {
        var m = try one("城镇调查失业率为4.6%，低于控制目标0.9个百分点。", "0.9个百分点")
        #expect(m.change && m.direction == .down && m.basis == .reference && m.basisReference == "控制目标")
        #expect(m.subject.hasPrefix("城镇调查失业率"))
        m = try one("森林覆盖率比全国平均水平高1.5个百分点。", "1.5个百分点")
        #expect(m.basis == .reference && m.basisReference == "全国平均水平" && m.direction == .up)
    }

    @Test("TOPIC + light verb + OBJECT: the topic is the scope of the object")
    func lightVerbTopic() throws {
        let ms = try all("全区乡村旅游实现营业收入12.5亿元；民宿行业实现营业收入3.4亿元。")
        #expect(ms.map(\.subject) == ["乡村旅游营业收入", "民宿行业营业收入"])
    }

    @Test("其中 breaks down the figure before it: a part without its own indicator borrows it")
    func breakdownScope() throws {
        var ms = try all("港区完成集装箱吞吐量120万标箱。其中，东港区完成80万标箱，西港区完成40万标箱。")
        #expect(ms.map(\.subject) == ["港区集装箱吞吐量", "东港区集装箱吞吐量", "西港区集装箱吞吐量"])
        ms = try all("全市新能源装机容量310万千瓦。其中，光伏120万千瓦。")
        #expect(ms.count == 2 && ms[1].subject == "光伏新能源装机容量")
        // A part that names its own indicator keeps it.
        ms = try all("全年受理专利申请8200件，其中发明专利申请2100件。")
        #expect(ms.count == 2 && ms[1].subject == "发明专利申请")
    }

    @Test("分别 pairs a list of names with a list of figures")
    func distributiveList() throws {
        var ms = try all("甲镇、乙镇和丙镇人均可支配收入分别为2.1万元、1.9万元和1.7万元。")
        #expect(ms.map(\.subject) == ["甲镇人均可支配收入", "乙镇人均可支配收入", "丙镇人均可支配收入"])
        // The names stand alone: they take the indicator of the figure before, its own name replaced.
        ms = try all("东城区社区诊疗量达到120万人次；西城区、南城区紧随其后，分别达到98万人次和76万人次。")
        #expect(ms.map(\.subject) == ["东城区社区诊疗量", "西城区社区诊疗量", "南城区社区诊疗量"])
    }

    @Test("a share of a named whole: 占X + percent")
    func shareOfWhole() throws {
        let m = try one("女职工1.2万名，占职工总数41.5%。", "41.5%")
        #expect(m.subject == "女职工占职工总数比重")
        // The whole left implicit: the share of the last subject.
        #expect(try one("其中女职工1.2万名，占41.5%。", "41.5%").subject == "女职工占比")
        #expect(try one("全县新增就业5200人，完成年度目标的61.2%。", "61.2%").subject == "新增就业年度目标完成率")
        // A whole that already names the share is not given a second 比重.
        #expect(try one("生活用水量3.2亿吨，占城市供水比重为27.5%。", "27.5%").subject == "生活用水量占城市供水比重")
    }

    @Test("a verb right before the noun a count counts says which are counted, unless it says nothing of them")
    func verbBeforeCountedNoun() throws {
        #expect(try one("招聘会上达成意向3200人，其中农村转移劳动力1935人。", "1935人").subject == "转移劳动力")
        #expect(try one("全市引进高层次人才120名。", "120名").subject == "引进高层次人才")  // 人才 keeps its 才
        #expect(try one("全区服务企业2000家。", "2000家").subject == "服务企业")
        // Light verbs, verbs of holding and a verb with an aspect particle stay out; an increment says which
        // are counted (新增市场主体 are not the stock of 市场主体).
        #expect(try one("全县召开座谈会35场。", "35场").subject == "座谈会")
        #expect(try one("全区新增市场主体3200户。", "3200户").subject == "新增市场主体")
        #expect(try one("展会吸引了全国16个省市的企业参展。", "16个").subject.hasPrefix("吸引") == false)
        // Not a count: the verb is the clause's predicate (拨付助学金560万元 → 助学金).
        #expect(try one("全年拨付助学金560万元。", "560万元").subject == "助学金")
    }

    @Test("a closing parenthetical: a gloss of the noun stays, a remark on the figure goes")
    func closingParenthetical() throws {
        // Glosses, of any length: another name for what is counted.
        #expect(try one("全区建成200个社区(居委会)。", "200个").subject == "社区(居委会)")
        #expect(try one("全区建成200个街道(乡镇)。", "200个").subject == "街道(乡镇)")
        // Remarks: what is left out or how it is reckoned, a pointer, an abbreviation, a date.
        #expect(try one("全区完成公路投资（不含养护）12亿元。", "12亿元").subject.hasSuffix("公路投资"))
        #expect(try one("全区完成公路投资（按现价计算）12亿元。", "12亿元").subject.hasSuffix("公路投资"))
        #expect(try one("全区工业用水占总用水比重(下同)为41.5%。", "41.5%").subject == "工业用水占总用水比重")
        #expect(try one("全区完成地区生产总值(GDP)120亿元。", "120亿元").subject == "地区生产总值")
        #expect(try one("全区接待游客(10月1日-7日)12万人次。", "12万人次").subject.hasPrefix("接待游客"))
    }

    @Test("numbers sharing one unit are two figures, each with its own reference")
    func sharedUnit() throws {
        let ms = try all("全县居民收入增速高于全国全省1.8和0.6个百分点。")
        #expect(ms.map(\.value) == [1.8, 0.6])
        #expect(ms.allSatisfy { $0.unit == "percentage_point" && $0.change && $0.basis == .reference })
        #expect(ms.map(\.basisReference) == ["全国", "全省"])
        #expect(ms[0].subject != ms[1].subject && ms[0].subject.hasSuffix("全国") && ms[1].subject.hasSuffix("全省"))
        // The multiplier written once belongs to both numbers.
        let money = try all("两个项目分别投资3和5亿元。")
        #expect(money.map(\.value) == [3e8, 5e8])
    }

    @Test("a measure word that counts nothing on its own: the action names it; two measure words split it")
    func measureWords() throws {
        #expect(try one("驻村工作队开展结对帮扶，涉及46个村。", "46个").subject == "涉及村")
        // Items before 等 are examples; the measure word counts the noun after it.
        #expect(try one("现场有电工、焊工、厨师等80多个工种。", "80多个").subject == "工种")
        let ms = try all("项目惠及农户1200多户、约4000人。")
        #expect(ms.count == 2 && ms[0].subject.hasSuffix("农户户数") && ms[1].subject.hasSuffix("农户人数"))
    }

    @Test("a clause that is only a link takes the topic of the clause before")
    func linkOnlyClause() throws {
        let m = try one("全区文旅产业营业收入首次突破“百亿”，达到103.6亿元。", "103.6亿元")
        #expect(m.subject == "文旅产业营业收入")
        // An opening verb of having is skipped; a clause without a verb keeps its adjective predicate.
        #expect(try one("具有研究生学历党员过半，达1.2万名。", "1.2万名").subject.hasPrefix("研究生学历党员"))
    }

    @Test("a percent of a target is its completion rate; a restated indicator keeps the scope")
    func targetsAndRestatedScope() throws {
        let text = "全市城镇新增就业8.1万人，完成全年目标任务的73.6%；城乡居民医保参保人数412万人，参保率达97.2%。"
        #expect(try one(text, "73.6%").subject == "城镇新增就业目标任务完成率")
        #expect(try one(text, "97.2%").subject == "城乡居民医保参保率")
    }

    @Test("a bare noun clause opening a ；-item is the scope of the item's figures")
    func segmentTopic() throws {
        let text = "村里办了两个合作社。其中劳务合作社带动贫困户就业；甲合作社，提供保洁岗位，月收入1000元左右；乙合作社，种植蔬菜103亩，增收8万多元。"
        #expect(try one(text, "1000元").subject == "甲合作社月收入")
        #expect(try one(text, "103亩").subject.hasPrefix("乙合作社"))
        #expect(try one(text, "8万多元").subject == "乙合作社增收")
        // Framing clauses are not topics.
        let framed = try all("分产业看，第一产业增加值20亿元；按行业统计，工业增加值30亿元。")
        #expect(framed.map(\.subject) == ["第一产业增加值", "工业增加值"])
    }

    @Test("a qualified rate (自然增幅, 同口径增幅) is a rate of the last subject")
    func qualifiedRate() throws {
        #expect(try one("一般公共预算收入3.5亿元，自然增幅2%。", "2%").subject == "一般公共预算收入自然增幅")
    }

    @Test("a clause does not end inside parentheses; a bare rate is the rate of the clause before")
    func parenthesesAndBareRates() throws {
        #expect(try one("全省近岸海域优良水质(一、二类)比例86.2%。", "86.2%").subject == "近岸海域优良水质(一、二类)比例")
        #expect(try one("来自本省的游客上升明显，增幅达21.4%。", "21.4%").subject.hasSuffix("游客增幅"))
    }

    @Test("after the measure word, a verb before 的 modifies the noun (新建的…党组织)")
    func relativeClauseForward() throws {
        #expect(try one("全区向36个新成立的社区党组织授牌。", "36个").subject.hasPrefix("新成立的社区党组织"))
    }

    @Test("a space before a verb separates two statements of a headline")
    func headlineStatements() throws {
        let ms = try all("全省城镇新增就业8.1万人 完成全年目标任务73.6%\n\n正文。")
        #expect(ms.count == 2 && ms[0].subject == "城镇新增就业" && ms[1].subject == "城镇新增就业目标任务完成率")
    }

    @Test("a figure inside a 的-modifier scopes the next figure; a headless modifier takes the last head")
    func modifierHoldingFigure() throws {
        let text = "受访家庭中，月收入在5000元以下的占比为22%，5000元至8000元的为41%，8000元以上的为37%。"
        let low = try one(text, "22%"), mid = try one(text, "41%"), high = try one(text, "37%")
        #expect(low.subject.contains("5000元以下") && low.subject.hasSuffix("占比"), "\(low.subject)")
        #expect(mid.subject.contains("8000元") && mid.subject.hasSuffix("占比"), "\(mid.subject)")
        #expect(high.subject.contains("8000元以上") && high.subject.hasSuffix("占比"), "\(high.subject)")
        #expect(Set([low.subject, mid.subject, high.subject]).count == 3)
    }

    @Test("将/把 OBJECT 由 + figure: the figure is the object's earlier value")
    func disposalFrom() throws {
        let m = try one("统计局把全年的出口增长预测由原来的8%下调至5%。", "8%")
        #expect(m.subject.hasPrefix("出口增长预测"), "\(m.subject)")
    }

    @Test("a pronoun (这, 将它) and a reference's own value take the sentence's last subject")
    func pronounsAndReferenceValues() throws {
        let text = "本季度工业产值增长6.1%，这虽然低于上季度的6.8%，但仍属较快。"
        let now = try one(text, "6.1%"), before = try one(text, "6.8%")
        #expect(before.subject == now.subject, "\(before.subject) vs \(now.subject)")
        #expect(!before.subject.contains("这"))
        let t2 = "上月预计今年的失业率为4.2%，现在将它调高到4.6%。"
        #expect(try one(t2, "4.6%").subject.contains("失业率"))
        // The same in traditional characters.
        let t3 = "本季度工業產值增長6.1%，這雖然低於上季度的6.8%。"
        #expect(try one(t3, "6.8%").subject == (try one(t3, "6.1%")).subject)
    }

    @Test("a clause with a change verb does not open a ；-item as its topic")
    func changeClauseIsNoTopic() throws {
        let ms = try all("各项指标平稳；同时将税率进一步调低，原定的增值税税率为13%。")
        let m = try #require(ms.first(where: { $0.text == "13%" }))
        #expect(!m.subject.contains("调低"), "\(m.subject)")
    }

    @Test("the last of a list of places ends at its division suffix, before the names' predicate")
    func placeListPredicate() throws {
        let text = "甲县旅游收入达到30亿元；乙县、丙县、丁城市紧随其后，分别达到21亿元、18亿元和12亿元。"
        let last = try one(text, "12亿元")
        #expect(last.subject.hasPrefix("丁城市") && !last.subject.contains("紧随"), "\(last.subject)")
    }

    @Test("分别占 with a head written once after the last name: each name's share")
    func distributiveShares() throws {
        let text = "全年接待游客120万人次，其中本省游客占六成，外省及境外游客则分别占35%及5%。"
        let a = try one(text, "35%"), b = try one(text, "5%")
        #expect(a.subject == "外省游客占比" && b.subject == "境外游客占比", "\(a.subject) \(b.subject)")
        // The whole the text leaves implicit is the figure before (issue 9: …旅客中本地旅客比重).
        let alone = try all("入境旅客12万人次，以本地、邻省及外国旅客为主，分别占50%、30%及20%。")
        #expect(
            alone.filter { $0.kind == .percent }.map(\.subject) == [
                "入境旅客中本地旅客占比", "入境旅客中邻省旅客占比", "入境旅客中外国旅客占比",
            ])
    }

    @Test("优于/高于 + figure + 的 + a target or standard: the reference's value, not a completion rate")
    func referenceNounAfterFigure() throws {
        let m = try one("全市地表水达标率92%，优于85%的年度目标。", "85%")
        #expect(
            m.subject.hasPrefix("地表水达标率") && m.subject.hasSuffix("目标") && !m.subject.contains("完成率") && !m.change,
            "\(m.subject)")
        let n = try one("城镇登记失业率3.1%，低于4.5%的控制线。", "4.5%")
        #expect(n.subject.hasSuffix("控制线") && n.subject.hasPrefix("城镇登记失业率"), "\(n.subject)")
        let o = try one("城镇登记失业率为3.1%，低于4.5%的控制目标。", "4.5%")
        #expect(o.subject.hasPrefix("城镇登记失业率") && !o.subject.contains("完成率"), "\(o.subject)")
    }

    @Test("traditional characters read like simplified in comparisons and levels (環比, 與…相比, 省級)")
    func traditionalComparisons() throws {
        let text = "本月零售額同比增長5.3%，環比增長2.1%。"
        let yoy = try one(text, "5.3%"), mom = try one(text, "2.1%")
        #expect(mom.basis == .previousPeriod && mom.subject == "零售額環比增速", "\(mom.subject)")
        #expect(yoy.subject != mom.subject)
        let m = try one("全年出口額120億元，與上年相比增長8%。", "8%")
        #expect(m.basis == .previousYear && m.subject.hasPrefix("出口額") && m.subject.contains("上年相比"), "\(m.subject)")
        let level = try one("示範合作社28家，其中省級6家。", "6家")
        #expect(level.subject == "省級示範合作社", "\(level.subject)")
    }

    @Test("a clause that is only a change takes the object before only when the verb carries or announces it")
    func changeOnlyClauseObject() throws {
        #expect(try one("市政府公布地区生产总值的增长，增长4.5%。", "4.5%").subject.hasPrefix("地区生产总值"))
        #expect(try one("规模以上工业企业实现利润，增长8.4%。", "8.4%").subject.hasPrefix("利润"))
        let kept = try one("全市工业生产保持平稳，增长5.2%。", "5.2%")
        #expect(!kept.subject.contains("平稳") && kept.subject.hasPrefix("工业"), "\(kept.subject)")
    }

    @Test("累计 before a verb marks the sentence's figures as cumulative totals")
    func cumulativeTotals() throws {
        let text = "今年新建公园12个。五年来累计新建公园58个，惠及居民120万户。"
        let year = try one(text, "12个"), total = try one(text, "58个"), homes = try one(text, "120万户")
        #expect(year.subject != total.subject && total.subject.hasPrefix("累计"), "\(year.subject) \(total.subject)")
        #expect(homes.subject.hasPrefix("累计"), "\(homes.subject)")
        // 累计 before the figure itself is a linking word, not a marker.
        #expect(!(try one("全社会用电量累计934亿千瓦时。", "934亿千瓦时")).subject.hasPrefix("累计"))
    }

    @Test("no two figures of one report share a subject unless they measure the same thing")
    func distinctRowHeaders() throws {
        let text = """
            全市工业用电量52.3亿千瓦时，同比增长6.2%，环比增长1.1%。其中，轻工业18.1亿千瓦时，重工业34.2亿千瓦时。
            """
        let ms = try all(text)
        #expect(ms.count == 5)
        struct Key: Hashable { var s: String, k: MetricKind, b: ChangeBasis? }
        #expect(Set(ms.map { Key(s: $0.subject, k: $0.kind, b: $0.basis) }).count == ms.count, "\(ms.map(\.subject))")
    }
}
