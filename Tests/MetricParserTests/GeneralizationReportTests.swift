import MetricParser
import Testing

/// Reports written for this suite (not from the gold corpus) to check that the rules
/// generalize: a statistical bulletin, a government work report and company news. Each lists
/// what an analyst would copy out and what must not be reported.
@Suite("Generalization to unseen reports")
struct GeneralizationReportTests {
    struct Expect {
        var text: String
        var value: Double
        var unit: String
        var kind: MetricKind
        var qualifier: Qualifier = .exact
        var subject: String
        var change: Direction? = nil
    }

    func check(_ article: String, _ expected: [Expect], absent: [String]) throws {
        let ms = try MetricExtractor().extract(article)
        for e in expected {
            guard let m = metric(ms, e.text) else {
                Issue.record("missing \(e.text); found \(ms.map(\.text))")
                continue
            }
            #expect(close(m.value, e.value), "\(e.text) value \(m.value)")
            #expect(m.unit == e.unit, "\(e.text) unit \(m.unit)")
            #expect(m.kind == e.kind, "\(e.text) kind \(m.kind)")
            #expect(m.qualifier == e.qualifier, "\(e.text) qualifier \(m.qualifier)")
            #expect(m.subject == e.subject, "\(e.text) subject \(m.subject)")
            #expect(
                m.change == (e.change != nil) && m.direction == e.change,
                "\(e.text) change \(m.change) \(String(describing: m.direction))")
        }
        for a in absent { #expect(!ms.contains { $0.text.contains(a) }, "reported \(a)") }
        #expect(
            ms.count == expected.count,
            "extra metrics: \(ms.map(\.text).filter { t in !expected.contains { $0.text == t } })")
    }

    @Test("statistical bulletin")
    func bulletin() throws {
        let article = """
            首页 > 统计数据 > 统计公报
            2019年某市国民经济和社会发展统计公报
            初步核算，全年地区生产总值9392.30亿元，比上年增长7.6%。其中，第一产业增加值543.20亿元，增长3.5%。三次产业结构比为5.8:41.4:52.8。全市常住人口780万人，比上年末增加12.3万人。
            全年粮食播种面积186.5千公顷，粮食总产量达到98.6万吨，下降1.2%。新增造林面积约3.2万亩。
            全年货物进出口总额1280.5亿元，其中出口总额836.2亿元，增长11.3%。实际利用外资18.6亿美元。
            年末全市公路通车里程1.28万公里。全年全社会用电量456.8亿千瓦时。城镇居民人均可支配收入45620元，增长8.2%。
            """
        try check(
            article,
            [
                Expect(text: "9392.30亿元", value: 939_230_000_000, unit: "CNY", kind: .money, subject: "地区生产总值"),
                Expect(text: "7.6%", value: 7.6, unit: "percent", kind: .percent, subject: "地区生产总值比上年增长", change: .up),
                Expect(text: "543.20亿元", value: 54_320_000_000, unit: "CNY", kind: .money, subject: "第一产业增加值"),
                Expect(text: "3.5%", value: 3.5, unit: "percent", kind: .percent, subject: "第一产业增加值增速", change: .up),
                Expect(text: "780万人", value: 7_800_000, unit: "人", kind: .count, subject: "常住人口"),
                Expect(text: "12.3万人", value: 123_000, unit: "人", kind: .count, subject: "常住人口比上年末增加", change: .up),
                Expect(text: "186.5千公顷", value: 1_865_000_000, unit: "m2", kind: .area, subject: "粮食播种面积"),
                Expect(text: "98.6万吨", value: 986_000_000, unit: "kg", kind: .mass, subject: "粮食总产量"),
                Expect(text: "1.2%", value: 1.2, unit: "percent", kind: .percent, subject: "粮食总产量降幅", change: .down),
                Expect(
                    text: "3.2万亩", value: 21_333_333.3333, unit: "m2", kind: .area, qualifier: .approximate,
                    subject: "造林面积"),
                Expect(text: "1280.5亿元", value: 128_050_000_000, unit: "CNY", kind: .money, subject: "货物进出口总额"),
                Expect(text: "836.2亿元", value: 83_620_000_000, unit: "CNY", kind: .money, subject: "出口总额"),
                Expect(text: "11.3%", value: 11.3, unit: "percent", kind: .percent, subject: "出口总额增速", change: .up),
                Expect(text: "18.6亿美元", value: 1_860_000_000, unit: "USD", kind: .money, subject: "实际利用外资"),
                Expect(text: "1.28万公里", value: 12_800_000, unit: "m", kind: .length, subject: "公路通车里程"),
                Expect(text: "456.8亿千瓦时", value: 45_680_000_000, unit: "千瓦时", kind: .other, subject: "全社会用电量"),
                Expect(text: "45620元", value: 45620, unit: "CNY", kind: .money, subject: "城镇居民人均可支配收入"),
                Expect(
                    text: "8.2%", value: 8.2, unit: "percent", kind: .percent, subject: "城镇居民人均可支配收入增速", change: .up),
            ], absent: ["2019", "5.8", "41.4", "52.8"])
    }

    @Test("government work report")
    func workReport() throws {
        let article = """
            政府工作报告（摘要）
            过去一年，全年新开工重点项目218个，改造老旧小区156个，惠及居民4.1万户。全年减少农村贫困人口3.2万人，贫困发生率降至0.8%。
            生态环境持续改善，PM2.5平均浓度为35微克/立方米，同比下降7.9%；空气质量优良天数比例达到92.3%。完成营造林面积12万亩，森林覆盖率达到66.8%。
            今年主要预期目标是：城镇新增就业10万人以上，城镇调查失业率控制在5.5%以内，居民消费价格涨幅3%左右。
            """
        try check(
            article,
            [
                Expect(text: "218个", value: 218, unit: "个", kind: .count, subject: "新开工重点项目"),
                Expect(text: "156个", value: 156, unit: "个", kind: .count, subject: "改造老旧小区"),
                Expect(text: "4.1万户", value: 41000, unit: "户", kind: .count, subject: "老旧小区惠及居民"),
                Expect(text: "3.2万人", value: 32000, unit: "人", kind: .count, subject: "农村贫困人口", change: .down),
                Expect(text: "0.8%", value: 0.8, unit: "percent", kind: .percent, subject: "农村贫困发生率"),
                Expect(text: "35微克/立方米", value: 35, unit: "微克/立方米", kind: .other, subject: "PM2.5平均浓度"),
                Expect(
                    text: "7.9%", value: 7.9, unit: "percent", kind: .percent, subject: "PM2.5平均浓度同比降幅", change: .down),
                Expect(text: "92.3%", value: 92.3, unit: "percent", kind: .percent, subject: "空气质量优良天数比例"),
                Expect(text: "12万亩", value: 80_000_000, unit: "m2", kind: .area, subject: "营造林面积"),
                Expect(text: "66.8%", value: 66.8, unit: "percent", kind: .percent, subject: "森林覆盖率"),
                Expect(text: "10万人", value: 100_000, unit: "人", kind: .count, qualifier: .moreThan, subject: "城镇新增就业"),
                Expect(
                    text: "5.5%", value: 5.5, unit: "percent", kind: .percent, qualifier: .lessThan, subject: "城镇调查失业率"),
                Expect(
                    text: "3%", value: 3, unit: "percent", kind: .percent, qualifier: .approximate, subject: "居民消费价格涨幅",
                    change: .up),
            ], absent: ["2.5", "一年"])
    }

    @Test("company news with foreign currencies, ranges and Chinese numerals")
    func companyNews() throws {
        let article = """
            【财经】某集团发布2020年上半年业绩
            &nbsp;&nbsp;据公司公告，2020年上半年集团实现营业收入1,236.5亿元，同比增长15.3%；净利润86.2亿元，同比下降2.1%。海外业务收入达21.3亿美元，约合人民币150亿元。
            公司员工总数超过3.5万人，其中研发人员近8000名，研发投入50多亿元，是去年同期的1.65倍。公司在全国设有120余个分支机构，新建仓储面积15万平方米。
            公司股价较年初上涨三成，市值突破两千亿元。欧洲子公司营收3.2亿欧元，香港业务收入5.6亿港元，单笔订单金额在3到5万元之间。
            """
        try check(
            article,
            [
                Expect(text: "1,236.5亿元", value: 123_650_000_000, unit: "CNY", kind: .money, subject: "集团营业收入"),
                Expect(text: "15.3%", value: 15.3, unit: "percent", kind: .percent, subject: "集团营业收入同比增速", change: .up),
                Expect(text: "86.2亿元", value: 8_620_000_000, unit: "CNY", kind: .money, subject: "净利润"),
                Expect(text: "2.1%", value: 2.1, unit: "percent", kind: .percent, subject: "净利润同比降幅", change: .down),
                Expect(text: "21.3亿美元", value: 2_130_000_000, unit: "USD", kind: .money, subject: "海外业务收入"),
                Expect(
                    text: "150亿元", value: 15_000_000_000, unit: "CNY", kind: .money, qualifier: .approximate,
                    subject: "海外业务收入"),
                Expect(text: "3.5万人", value: 35000, unit: "人", kind: .count, qualifier: .moreThan, subject: "公司员工总数"),
                Expect(text: "8000名", value: 8000, unit: "名", kind: .count, qualifier: .nearly, subject: "研发人员"),
                Expect(
                    text: "50多亿元", value: 5_000_000_000, unit: "CNY", kind: .money, qualifier: .moreThan,
                    subject: "研发投入"),
                Expect(text: "1.65倍", value: 1.65, unit: "times", kind: .multiple, subject: "研发投入"),
                Expect(text: "120余个", value: 120, unit: "个", kind: .count, qualifier: .moreThan, subject: "分支机构"),
                Expect(text: "15万平方米", value: 150_000, unit: "m2", kind: .area, subject: "仓储面积"),
                Expect(text: "三成", value: 30, unit: "percent", kind: .percent, subject: "公司股价较年初上涨", change: .up),
                Expect(
                    text: "两千亿元", value: 200_000_000_000, unit: "CNY", kind: .money, qualifier: .moreThan, subject: "市值"
                ),  // 突破 is a threshold word (issue 9)
                Expect(text: "3.2亿欧元", value: 320_000_000, unit: "EUR", kind: .money, subject: "欧洲子公司营收"),
                Expect(text: "5.6亿港元", value: 560_000_000, unit: "HKD", kind: .money, subject: "香港业务收入"),
                Expect(text: "3到5万元", value: 30000, unit: "CNY", kind: .money, qualifier: .range, subject: "单笔订单金额"),
            ], absent: ["2020"])
    }

    @Test("county bulletin as crawled: crumbs, entities, full-width %, stray spaces, a flattened table")
    func crawledBulletin() throws {
        let article = """
            当前位置：首页 &gt; 政务公开 &gt; 统计信息
            某县2021年1-9月经济运行情况
            发布时间：2021-10-25 09:30 来源：县统计局 浏览次数：1234
            一、农业生产稳定。前三季度，全县农林牧渔业总产值达 36.8亿元，同比增长6.2％。生猪出栏12.6万头，增长35.1%；水果产量8.9万吨。
            二、工业生产回升。1-9月，规模以上工业企业共152家，实现工业总产值286.4亿元，同比增长18.7%，增幅比上半年回落2.3个百分点。
            三、固定资产投资。全县完成固定资产投资（不含农户）同比增长10.5%，其中工业投资增长24.6%，民间投资下降3.1%。新签约项目38个，总投资达152亿元。
            四、居民收入。全县居民人均可支配收入达 28,456元，增长9.6%；农村居民人均可支配收入19876元，增加1743元。
            表1  主要指标
            指标  单位  1-9月  增速(%)
            地区生产总值  亿元  312.5  8.9
            1  工业用电量  万千瓦时  45213  12.3
            """
        try check(
            article,
            [
                Expect(text: "36.8亿元", value: 3_680_000_000, unit: "CNY", kind: .money, subject: "农林牧渔业总产值"),
                Expect(text: "6.2％", value: 6.2, unit: "percent", kind: .percent, subject: "农林牧渔业总产值同比增速", change: .up),
                Expect(text: "12.6万头", value: 126_000, unit: "头", kind: .count, subject: "生猪出栏"),
                Expect(text: "35.1%", value: 35.1, unit: "percent", kind: .percent, subject: "生猪出栏增速", change: .up),
                Expect(text: "8.9万吨", value: 89_000_000, unit: "kg", kind: .mass, subject: "水果产量"),
                Expect(text: "152家", value: 152, unit: "家", kind: .count, subject: "规模以上工业企业"),
                Expect(text: "286.4亿元", value: 28_640_000_000, unit: "CNY", kind: .money, subject: "规模以上工业总产值"),
                Expect(
                    text: "18.7%", value: 18.7, unit: "percent", kind: .percent, subject: "规模以上工业总产值同比增速", change: .up),
                Expect(
                    text: "2.3个百分点", value: 2.3, unit: "percentage_point", kind: .percentagePoint,
                    subject: "规模以上工业总产值增幅比上半年回落", change: .down),
                Expect(text: "10.5%", value: 10.5, unit: "percent", kind: .percent, subject: "固定资产投资同比增速", change: .up),
                Expect(text: "24.6%", value: 24.6, unit: "percent", kind: .percent, subject: "工业投资增速", change: .up),
                Expect(text: "3.1%", value: 3.1, unit: "percent", kind: .percent, subject: "民间投资降幅", change: .down),
                Expect(text: "38个", value: 38, unit: "个", kind: .count, subject: "新签约项目"),
                Expect(text: "152亿元", value: 15_200_000_000, unit: "CNY", kind: .money, subject: "新签约项目总投资"),
                Expect(text: "28,456元", value: 28456, unit: "CNY", kind: .money, subject: "居民人均可支配收入"),
                Expect(text: "9.6%", value: 9.6, unit: "percent", kind: .percent, subject: "居民人均可支配收入增速", change: .up),
                Expect(text: "19876元", value: 19876, unit: "CNY", kind: .money, subject: "农村居民人均可支配收入"),
                Expect(text: "1743元", value: 1743, unit: "CNY", kind: .money, subject: "农村居民人均可支配收入增加", change: .up),
            ], absent: ["2021", "1234", "09", "312.5", "45213"])
    }
}
