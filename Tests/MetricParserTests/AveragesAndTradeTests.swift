import MetricParser
import Testing

/// Averages, lists and trade breakdowns (found on the blind reports 47–52, see Tests/gold/blind/README.md),
/// each on sentences written for these tests.
@Suite("Averages, list qualifiers and trade flows")
struct AveragesAndTradeTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("an average alone is of the sentence's last indicator of its kind, in place of a whole-period word")
    func averageAlone() throws {
        #expect(try one("全年接待游客1200万人次，日均3.3万人次。", "3.3万人次").subject == "日均接待游客人次")
        #expect(try one("国道客运去年运量4870万人次，平均每日约13.3万人次。", "13.3万人次").subject == "国道客运平均运量")
        // Money per head is of the money, not of the people counted between.
        let relief = "发放生活救助资金1860万元，救助困难群众3.1万人，人均约600元。"
        #expect(try one(relief, "600元").subject == "人均生活救助资金")
        // A purpose verb before 资金 makes one noun with it (救助资金), not a verb and its object.
        #expect(try one(relief, "1860万元").subject == "生活救助资金")
        // An average per village (村均, as 户均, 亩均) is one word: 均 is not the adverb "all" here.
        #expect(try one("全县村级集体经济总收入1.36亿元，村均95.8万元。", "95.8万元").subject == "村均村级集体经济总收入")
    }

    @Test("a qualifier before a list's first figure, which takes the unit written last, qualifies them all")
    func listQualifier() throws {
        let text = "甲站、乙站进站旅客分别约1520万及1470万人次，丙站1200万人次。"
        #expect(try one(text, "1520万").qualifier == .approximate)
        #expect(try one(text, "1470万人次").qualifier == .approximate)
        #expect(try one(text, "1200万人次").qualifier == .exact)
    }

    @Test("分别 is no word of a subject, even where the list's names were not paired")
    func withoutDistributive() throws {
        let text = "清明及端午连假，高铁分别疏运约91.2万、68.7万人次。"
        #expect(try one(text, "91.2万").subject == "高铁疏运")
        #expect(try one(text, "68.7万人次").subject == "高铁疏运")
    }

    @Test("a comparison right after a figure opens the next figure's predicate; remarks leave comparisons")
    func comparisonAfterFigure() throws {
        let headline = "外贸进出口6318.6亿元同比增长5.7%"
        #expect(try one(headline, "6318.6亿元").subject == "外贸进出口")
        #expect(try one(headline, "5.7%").subject == "外贸进出口同比增速")
        // A bare 高 opens nouns (高龄), not a change.
        #expect(try one("为1.52万名高龄老年人发放津贴。", "1.52万名").subject.contains("高龄老年人"))
        let remark = "进出口总值6318.6亿元，较去年同期（下同）增长5.7%。"
        #expect(try one(remark, "5.7%").subject == "进出口总值较去年同期增长")
    }

    @Test("出口 and 进口 under 进出口 are the flows of its indicator")
    func tradeFlows() throws {
        let text = "全省货物贸易进出口总值6318.6亿元，增长5.7%。其中，出口4127.3亿元，增长8.4%；进口2191.3亿元，增长0.9%。"
        #expect(try one(text, "4127.3亿元").subject == "出口总值")
        #expect(try one(text, "8.4%").subject == "出口总值增速")
        #expect(try one(text, "2191.3亿元").subject == "进口总值")
    }

    @Test("a sibling of a share is a share only for a percent; a verb before a rate noun is one noun with it")
    func siblingsAndRates() throws {
        let text = "全省对东盟进出口1187.5亿元，占全省外贸总值的18.8%；对欧盟进出口974.2亿元，占15.4%。"
        #expect(try one(text, "974.2亿元").subject == "欧盟进出口")
        #expect(try one("与1至9月比较，出口升幅扩大0.3个百分点。", "0.3个百分点").subject == "出口升幅扩大")
    }

    @Test("a rise is named by 升幅 and a fall by 跌幅 when the verb says so")
    func rateNounOfVerb() throws {
        let text = "其中再出口109.3亿元，上升7.5%，本地产品出口9.3亿元，下跌2.1%。"
        #expect(try one(text, "7.5%").subject == "再出口升幅")
        #expect(try one(text, "2.1%").subject == "本地产品出口跌幅")
        #expect(try one("全年进口89.1亿元，增长3.0%。", "3.0%").subject == "进口增速")
    }

    @Test("a signed rate in parentheses right after a figure is that figure's change")
    func signedRateInParentheses() throws {
        let text = "进口89.1亿元（+3.3%），出口52.4亿元（-4.7%）。"
        #expect(try one(text, "89.1亿元").subject == "进口")
        let up = try one(text, "3.3%")
        #expect(up.subject == "进口增速")
        #expect(up.direction == .up)
        let down = try one(text, "-4.7%")
        #expect(down.subject == "出口降幅")
        #expect(down.direction == .down)
    }

    @Test("分别 + a bare verb pairs names with figures; a joint before a 、 or 及其 is inside a name")
    func barePredicateLists() throws {
        let partners = "对韩国、日本分别进出口503.8亿元、447.1亿元。"
        #expect(try one(partners, "503.8亿元").subject == "韩国进出口")
        #expect(try one(partners, "447.1亿元").subject == "日本进出口")
        let goods = "服装及衣着附件、纺织纱线织物及其制品分别出口297.6亿元、263.2亿元。"
        #expect(try one(goods, "297.6亿元").subject == "服装及衣着附件出口")
        #expect(try one(goods, "263.2亿元").subject == "纺织纱线织物及其制品出口")
    }

    @Test("a head cut from a second 的-modifier keeps it; 约占 is an approximate share of the last subject")
    func modifiersAndApproximateShares() throws {
        let text = "出口往香港的货物总值为83.2亿元；出口往内地的货物为14.5亿元。"
        #expect(try one(text, "14.5亿元").subject.contains("内地货物"))
        let share = try one("其中党员网格员2145名，约占网格员总数的42%。", "42%")
        #expect(share.subject == "党员网格员占网格员总数比重")
        #expect(share.qualifier == .approximate)
    }

    @Test("points of a score (分) are kind other, fractional or not, and no count of whole things")
    func scorePoints() throws {
        let text = "全县群众安全感测评得分98.2分，比上年提升0.6分。"
        let score = try one(text, "98.2分")
        #expect(score.kind == .other)
        #expect(score.unit == "分")
        #expect(score.value == 98.2)
        #expect(try one(text, "0.6分").kind == .other)
        // The minutes of a clock time are no score.
        #expect(try extractor.extract("发布会于16时30分举行，到场记者120名。").map(\.text) == ["120名"])
    }

    @Test("health statistics count cases and bed-days (例次, 床日) as measure words")
    func healthMeasureWords() throws {
        #expect(try one("全年开展远程会诊超过186万例次。", "186万例次").unit == "例次")
        #expect(try one("出院者占用总床日数为1520万床日。", "1520万床日").unit == "床日")
    }
}
