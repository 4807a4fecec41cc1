import Foundation
import MetricParser
import Testing

@Suite("Metric extraction rules")
struct MetricExtractorTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("qualifiers set bounds and stay out of the span")
    func qualifiers() throws {
        var m = try one("活动面积约2万平方米的中心", "2万平方米")
        #expect(m.qualifier == .approximate && m.lower == nil && m.upper == nil)
        m = try one("涉及近1万人次。", "1万人次")
        #expect(m.qualifier == .nearly && m.upper == 10000)
        m = try one("参加人员超过3.3万人次。", "3.3万人次")
        #expect(m.qualifier == .moreThan && m.lower == 33000 && m.upper == nil)
        #expect(m.start == scalarOffset(of: "3.3万", in: "参加人员超过3.3万人次。"))
        m = try one("受影响的不到100人。", "100人")
        #expect(m.qualifier == .lessThan && m.upper == 100)
        m = try one("价格涨幅3%左右。", "3%")
        #expect(m.qualifier == .approximate)
        m = try one("新增就业10万人以上。", "10万人")
        #expect(m.qualifier == .moreThan && m.lower == 100_000)
        m = try one("投入500多万元。", "500多万元")
        #expect(m.qualifier == .moreThan && m.lower == 5_000_000 && m.upper == 6_000_000)
        m = try one("预计投资3到5万元。", "3到5万元")
        #expect(m.qualifier == .range && m.lower == 30000 && m.upper == 50000)
        // 节约 ends in 约 but is a verb, not "about".
        m = try one("全年节约3万吨标准煤。", "3万吨标准煤")
        #expect(m.qualifier == .exact)
    }

    @Test("changes: growth and differences with direction")
    func changes() throws {
        let text = "全年地区生产总值9392.30亿元，比上年增长7.6%。城镇登记失业率为3.2%，比上年下降0.3个百分点。人均收入增加14545元。农村居民收入增长9.1%，比城镇居民快0.9个百分点。"
        let ms = try extractor.extract(text)
        let gdp = try #require(metric(ms, "9392.30亿元"))
        #expect(!gdp.change && gdp.direction == nil && gdp.value == 939_230_000_000)
        let growth = try #require(metric(ms, "7.6%"))
        // The subject of a change names its comparison (corpus README: 销售量同比增速 vs 环比增速).
        #expect(
            growth.change && growth.direction == .up && growth.subject == "地区生产总值比上年增长" && growth.basis == .previousYear
        )
        let drop = try #require(metric(ms, "0.3个百分点"))
        #expect(drop.change && drop.direction == .down && drop.kind == .percentagePoint && drop.subject.contains("失业率"))
        let more = try #require(metric(ms, "14545元"))
        #expect(more.change && more.direction == .up && more.kind == .money)
        let faster = try #require(metric(ms, "0.9个百分点"))
        #expect(faster.change && faster.direction == .up)
        // 新增 is "newly added", not a change of the figure; 质量提升的8条 is a modifier.
        #expect(try !one("城镇新增就业11.2万人。", "11.2万人").change)
        #expect(try !one("推进质量提升的8条措施。", "8条").change)
    }

    @Test("period: the year the sentence states, not a comparison base")
    func period() throws {
        #expect(try one("2019年全区新组建非公企业党组织517个。", "517个").period == "2019")
        #expect(try one("2020年上半年实现营业收入1,236.5亿元。", "1,236.5亿元").period == "2020年上半年")
        #expect(try one("营业收入比2018年增长15%。", "15%").period == nil)
        #expect(try one("2019年全市召开会议。全年投入30亿元。", "30亿元").period == nil)
    }

    @Test("not metrics: years, dates, ordinals, slogans, names, titles, ratios, codes, list numbers")
    func nonMetrics() throws {
        let text = """
            1、2019年12月31日，全国首家数字党建学院成立，树牢“四个意识”、做到“两个维护”，落实“三会一课”，采取“一支一策”。
            推进两新组织建设，八闽大地新增评出五星级党组织12个。三次产业结构比为9.4:66.8:23.8。电话0591-87654321。
            《2019年度10大案例》发布，排名第1位，五大攻坚战役全面打响，近3年来，每万人拥有医生30名。
            """
        let ms = try extractor.extract(text)
        // Only the two real figures survive: 12个 (五星级 is a rating) and a per-capita 30名.
        #expect(ms.map(\.text) == ["12个", "30名"], "\(ms.map(\.text))")
        #expect(ms.first?.subject == "评出五星级党组织")
    }

    @Test("subjects from clause structure")
    func subjects() throws {
        let text = """
            全区非公企业党组织已召开动员部署会5644场次，参会党员28416名。同步压实186名两新党建工作指导员、97名派驻干部工作责任。\
            投入500多万元区级财政和区管党费、842.6万元县(市)区财政经费用于党建工作。向兄弟地市印发4期、近3000本《园区党建简报》。\
            其中有4312家单位完成共建，61534个党员完成报到。收集群众反映强烈的民生问题2140项，协调解决2015项。
            """
        let ms = try extractor.extract(text)
        let expected: [(String, String)] = [
            ("5644场次", "动员部署会"), ("28416名", "参会党员"), ("186名", "两新党建工作指导员"), ("97名", "派驻干部工作责任"),
            ("500多万元", "区级财政和区管党费"), ("842.6万元", "县(市)区财政经费"), ("4期", "《园区党建简报》期数"),
            // Two measure words of one thing tell its figures apart (issues vs copies; corpus README).
            ("3000本", "《园区党建简报》本数"), ("4312家", "单位完成共建"), ("61534个", "党员完成报到"),
            ("2140项", "收集群众反映强烈的民生问题"), ("2015项", "协调解决"),
        ]
        for (text, subject) in expected {
            #expect(metric(ms, text)?.subject == subject, "\(text): \(metric(ms, text)?.subject ?? "missing")")
        }
    }

    @Test("chained figures borrow the previous figure's subject: changes, shares, aggregates, bare verbs, levels")
    func chainedSubjects() throws {
        let text = """
            全区城镇化率71.2%，提高1.3个百分点。民营企业营业收入820.5亿元，增长6.1%，占比58.3%，提高0.8个百分点。\
            电子产品出口96.4亿元，占出口总值的四成。新增家庭农场37家，总数达到412家。\
            规模以上服务业企业516家，新增42家。示范合作社28家，其中省级6家。完成投资76亿元。
            """
        let ms = try extractor.extract(text)
        let expected: [(String, String)] = [
            ("1.3个百分点", "城镇化率提高"), ("6.1%", "民营企业营业收入增速"), ("58.3%", "民营企业营业收入占比"),
            ("0.8个百分点", "民营企业营业收入占比提高"), ("四成", "电子产品出口占出口总值比重"), ("412家", "家庭农场总数"),
            ("42家", "新增规模以上服务业企业"), ("6家", "省级示范合作社"), ("76亿元", "完成投资"),
        ]
        for (text, subject) in expected {
            #expect(metric(ms, text)?.subject == subject, "\(text): \(metric(ms, text)?.subject ?? "missing")")
        }
        #expect(metric(ms, "1.3个百分点")?.change == true && metric(ms, "1.3个百分点")?.direction == .up)
    }

    @Test("decimal counts with 万 survive binary rounding (8.46万人 = 84600)")
    func decimalTenThousands() throws {
        let ms = try extractor.extract("新增就业8.46万人，培训2.17万人次，累计3.86万户。")
        #expect(ms.map(\.value) == [84600, 21700, 38600], "\(ms.map(\.text))")
    }

    @Test("output is sorted, spans slice the original, sentences contain the figure, JSON round-trips")
    func invariants() throws {
        let text = "首页 > 新闻\n&nbsp;全年粮食总产量达到98.6万吨，下降1.2%。新增造林面积约3.2万亩。"
        let ms = try extractor.extract(text)
        #expect(ms.count == 3)
        let scalars = Array(text.unicodeScalars)
        for m in ms {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
            #expect(m.sentence.contains(m.text))
        }
        #expect(ms.map(\.start) == ms.map(\.start).sorted())
        // Sentences are trimmed of whitespace, including a leading &nbsp;.
        #expect(ms[0].sentence == "全年粮食总产量达到98.6万吨，下降1.2%。")
        let data = try JSONEncoder().encode(ms)
        #expect(try JSONDecoder().decode([Metric].self, from: data) == ms)
        #expect(MetricExtractor.version == "2.10.0")
    }
}
