import MetricParser
import Testing

/// Industry names, shares, enumerations and sets (found on the blind reports 40–43, see
/// Tests/gold/blind/README.md), each on sentences written for these tests.
@Suite("Industry names, shares, enumerations and sets")
struct SetsAndSharesTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("an industry's name is one name of a list, whatever 、/和/及 it holds, also listed with commas")
    func industryNames() throws {
        let text = "前三季度，交通运输、仓储和邮政业，批发和零售业，住宿和餐饮业营业收入分别增长4.2%、6.5%和3.1%。"
        #expect(try one(text, "4.2%").subject == "交通运输、仓储和邮政业营业收入增速")
        #expect(try one(text, "6.5%").subject == "批发和零售业营业收入增速")
        #expect(try one(text, "3.1%").subject == "住宿和餐饮业营业收入增速")
        // Traditional names (Taiwan's classification) fold to the same list.
        let tw = "平均薪資以金融及保險業、運輸及倉儲業較高，分別為71,200元及52,800元。"
        #expect(try one(tw, "71,200元").subject == "金融及保險業平均薪資")
        #expect(try one(tw, "52,800元").subject == "運輸及倉儲業平均薪資")
    }

    @Test("names ranked by TOPIC 以 … (较高, 位居前三位) take the topic; the ranking is no part of a name")
    func rankedNames() throws {
        let text = "1至9月人均消费支出以城区、开发区较高，分别为2.1万元和1.9万元。"
        #expect(try one(text, "2.1万元").subject == "城区人均消费支出")
        #expect(try one(text, "1.9万元").subject == "开发区人均消费支出")
        let shares = "从来电类型看，咨询、求助、投诉位居前三位，分别占来电总量的41.2%、22.5%和15.3%。"
        #expect(try one(shares, "41.2%").subject == "咨询占来电总量比重")
        #expect(try one(shares, "15.3%").subject == "投诉占来电总量比重")
        #expect(try one("甲镇、乙镇分别占全县的30%和20%。", "20%").subject == "乙镇占全县比重")
    }

    @Test("X占Y is the share's name whole, verbs in it included; 约占 is approximate")
    func shareNamedWhole() throws {
        let m = try one("新增贷款约占全部新增融资的62.4%。", "62.4%")
        #expect(m.subject == "新增贷款约占全部新增融资")
        #expect(m.qualifier == .approximate)
        // A long X is still cut at its predicate.
        let long = try one("会议决定在五年内逐步提高科研经费占财政支出的5%。", "5%")
        #expect(!long.subject.hasPrefix("会议"))
    }

    @Test("平均 keeps its 均 before 达 (均达 is no linker there)")
    func averageBeforeReach() throws {
        #expect(try one("职工年薪平均达9.6万元。", "9.6万元").subject == "职工年薪平均")
    }

    @Test("台件 and 台套 are measure words; a per-head count and its comparison are fractional, kind other")
    func measureWordsAndAverages() throws {
        let m = try one("全年检定计量器具12.5万台件。", "12.5万台件")
        #expect(m.unit == "台件")
        #expect(m.subject == "检定计量器具")
        let text = "每千人口执业医师达到3.2人，比上年增加0.4人。"
        #expect(try one(text, "3.2人").kind == .other)
        let change = try one(text, "0.4人")
        #expect(change.kind == .other)
        #expect(change.change)
    }

    @Test("a comparison chain compares the first figure's subject; 多出 is an increase")
    func comparisonChain() throws {
        let text = "全年新建农村公路186公里，比计划多出14公里，比上年增加28公里。"
        let over = try one(text, "14公里")
        #expect(over.change)
        #expect(over.subject.hasPrefix("农村公路比计划"))
        #expect(try one(text, "28公里").subject == "农村公路比上年增加")
    }

    @Test("items joined by 、 after VERB + noun are objects of that verb (新建学校5所、医院3家、养老院2个)")
    func enumeratedObjects() throws {
        let text = "全年新建学校5所、医院3家、养老院2个。"
        #expect(try one(text, "3家").subject == "新建医院")
        #expect(try one(text, "2个").subject == "新建养老院")
        // A last subject without its verb: the items stay bare.
        let bare = "各级举办培训班63期、报告会48场。"
        #expect(try one(bare, "48场").subject == "报告会")
    }

    @Test("a verb alone before a count takes the counted noun, or the last count's thing in the paragraph")
    func verbAloneCount() throws {
        #expect(try one("剩余12个项目将于年底前完工。", "12个").subject == "剩余项目")
        let text = "今年开工建设保障房项目40个。截至11月底，已完工31个。"
        #expect(try one(text, "31个").subject == "完工保障房项目")
    }

    @Test("惠及 relates a figure to the last figure's works (完成泵站改造12座，惠及居民3100户)")
    func benefitRelates() throws {
        #expect(try one("完成泵站改造12座，惠及居民3100户。", "3100户").subject == "泵站改造惠及居民")
    }

    @Test("a bare ratio keeps what it is the ratio of; an attribute before a figure is the noun's after 的")
    func ratioAndAttribute() throws {
        let ratio = try one("实行垃圾分类的小区的比例达到86.5%。", "86.5%")
        #expect(ratio.subject.hasSuffix("比例"))
        #expect(ratio.subject.contains("垃圾分类"))
        #expect(try one("将旧厂房改建为面积约600平方米的老年活动中心。", "600平方米").subject == "老年活动中心面积")
        // The attribute with its modifier (活动面积) stays whole.
        #expect(try one("建成活动面积约3000平方米的文体广场。", "3000平方米").subject == "文体广场活动面积")
    }

    @Test("分别 before a full verb opens a list; a later list of the sentence without names is of the same names")
    func listsOfOneSentence() throws {
        let text = "甲镇、乙镇和丙镇分别引进项目12个、9个和5个，协议投资分别为36.5亿元、21.2亿元和8.4亿元，占全县的比重分别为52.1%、30.3%和12.0%。"
        #expect(try one(text, "9个").subject == "乙镇引进项目")
        #expect(try one(text, "8.4亿元").subject == "丙镇引进项目协议投资")
        #expect(try one(text, "52.1%").subject.hasPrefix("甲镇引进项目"))
        // 前者/后者 keep a share that follows them.
        let pair = "甲园区和乙园区协议投资分别为60亿元和40亿元，前者占全区的55.0%。"
        #expect(try one(pair, "55.0%").subject.hasPrefix("甲园区协议投资占"))
        // A set's investment after its count is the set's (协议投资, 合同外资 …).
        #expect(try one("签约外资项目6个，合同外资2.3亿美元。", "2.3亿美元").subject == "外资项目合同外资")
    }

    @Test("from–to frames with 回落至 and digit months; a reference's own value; 全港 is the article's region")
    func framesReferencesRegions() throws {
        let text = "零售业的失业率由8月至10月的5.6%回落至9月至11月的5.3%，但仍高于同期整体失业率的3.8%。"
        let second = try one(text, "5.3%")
        #expect(second.subject == "零售业的失业率")
        #expect(second.period == "9月至11月")
        #expect(try one(text, "3.8%").subject == "整体失业率")
        // A reference that is a time: the indicator's own earlier value, not a name.
        #expect(try one("增长百分之四点五，低于去年第四季度的五点一。", "五点一").subject != "去年第四季度")
        #expect(try one("全港將有約80項大型盛事舉行。", "80項").subject.hasPrefix("大型盛事"))
    }

    @Test("after a breakdown into parts a relating verb is the whole's; after one part, the part's")
    func relatingAfterBreakdown() throws {
        let text = "全年实施棚户区改造项目12个，其中新建类5个、整治类7个，涉及住户3200户。"
        #expect(try one(text, "3200户").subject == "棚户区改造项目涉及住户")
        let one = "开展培训120期，其中专题轮训40期，涉及3000人次。"
        #expect(try self.one(one, "3000人次").subject.hasPrefix("专题轮训"))
    }

    @Test("among a set (X中有N个…) the members doing what follows; those who … number N (…的有N个)")
    func partitiveAndHeadless() throws {
        let text = "全省9个地市中有7个市出口额同比增长；增速低于全省平均水平的有3个市。"
        #expect(try one(text, "7个").subject == "地市出口额")
        #expect(try one(text, "9个").subject == "地市")
        #expect(try one(text, "3个").subject == "增速低于全省平均水平的市")
        let set = "甲、乙、丙三县分别增长5.1%、4.3%和3.8%。"
        #expect(try one(set, "3.8%").subject == "丙增速")
    }

    @Test("names joined by 、 before one figure are one subject; a noun list after a count is one set")
    func coordinatedNames() throws {
        let text = "全年共受理群众来信、来访、网上投诉3.2万件，同比增长5.5%。"
        #expect(try one(text, "3.2万件").subject == "受理群众来信、来访、网上投诉")
        // Names that pair with a list of figures stay apart.
        let paired = "分别发放临时救助金、医疗救助金320万元和180万元。"
        #expect(try one(paired, "180万元").subject != "临时救助金、医疗救助金")
        let set = try one("全区86家小学、幼儿园食堂均实现明厨亮灶。", "86家")
        #expect(set.subject == "实现明厨亮灶的小学、幼儿园食堂")
        // 零售 is a word: no bare 零 after a comparison's clause is a figure.
        let none = try extractor.extract("约7成企业的利润增幅高于上年，但餐饮、零售等行业仍承压。")
        #expect(!none.contains { $0.text == "零" })
    }
}
