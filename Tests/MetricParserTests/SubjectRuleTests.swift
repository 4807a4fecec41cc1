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

    func one(_ text: String, _ quantity: String) throws -> Metric {
        let ms = try extractor.extract(text)
        return try #require(metric(ms, quantity), "\(quantity) not found in \(ms.map(\.text))")
    }

    @Test("a change names its indicator and its comparison; basis says which comparison")
    func changeSubjectAndBasis() throws {
        let text = "全县粮食产量42.1万吨，比上年增加1.3万吨，同比增长3.2%。"
        let level = try one(text, "42.1万吨"), amount = try one(text, "1.3万吨"), rate = try one(text, "3.2%")
        #expect(level.subject == "粮食产量" && !level.change && level.basis == nil)
        #expect(amount.subject == "粮食产量比上年增加" && amount.basis == .previousYear && amount.direction == .up)
        #expect(rate.subject == "粮食产量同比增速" && rate.basis == .previousYear)
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
