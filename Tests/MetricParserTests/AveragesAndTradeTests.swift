import MetricParser
import Testing

/// Averages, lists and trade breakdowns (found on the blind reports 47–49, see Tests/gold/blind/README.md),
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
}
