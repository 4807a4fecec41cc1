import MetricParser
import Testing

/// Clause structures of budget, farming, works and education reports (found on the blind reports
/// 06–10, see Tests/gold/blind/README.md), each on sentences written for these tests.
@Suite("Report clause rules")
struct ReportClauseTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("a level under 其中 replaces the level its parent opens with, one list item after another")
    func levelReplacesLevel() throws {
        let text = "全县培育县级以上龙头企业47家，其中国家级2家、省级13家、市级32家。"
        #expect(try one(text, "2家").subject == "国家级龙头企业")
        #expect(try one(text, "13家").subject == "省级龙头企业")
        #expect(try one(text, "32家").subject == "市级龙头企业")
        let stars = "全市评出五星级党组织12个，其中四星级24个。"
        #expect(try one(stars, "24个").subject == "四星级党组织")
    }

    @Test("a 其中 whose first figure is of another kind breaks down the thing, not the parent's indicator")
    func breakdownOfTheThing() throws {
        let text = "粮食总产量38.7万吨。其中，水稻种植面积41.3万亩，平均亩产528公斤；小麦种植面积30.5万亩，总产12.1万吨。"
        let yield = try one(text, "528公斤"), wheat = try one(text, "12.1万吨")
        #expect(!yield.subject.contains("粮食"), "\(yield.subject)")
        #expect(!wheat.subject.contains("粮食"), "\(wheat.subject)")
        // A part of the parent's kind is still its part.
        let power = "全市装机容量7487万千瓦。其中，水电971万千瓦。"
        #expect(try one(power, "971万千瓦").subject == "水电装机容量")
    }

    @Test("a light verb right before the figure only reports it: 完成 is not part of the subject")
    func reportingLightVerb() throws {
        let text = "全年农林牧渔业总产值完成112.3亿元，增长4.1%。"
        #expect(try one(text, "112.3亿元").subject == "农林牧渔业总产值")
        #expect(try one(text, "4.1%").subject == "农林牧渔业总产值增速")
        // 完成投资 names an indicator: kept.
        #expect(try one("公路建设完成投资61.5亿元。", "61.5亿元").subject == "公路建设完成投资")
    }

    @Test("为X的N% is a share of X, and the change after it is the amount's, not the share's")
    func copulaShare() throws {
        let text = "全区一般公共预算收入完成48.62亿元，为调整预算的101.3%，同比增长3.8%。"
        let share = try one(text, "101.3%"), growth = try one(text, "3.8%")
        #expect(share.subject == "一般公共预算收入占调整预算比重", "\(share.subject)")
        #expect(growth.subject == "一般公共预算收入同比增速", "\(growth.subject)")
        let level = try one("全市人均可支配收入相当于全国平均水平的78%。", "78%")
        #expect(level.subject.contains("全国平均水平") && level.subject.contains("人均可支配收入"), "\(level.subject)")
        // 为 before the figure itself is only a link.
        #expect(try one("森林覆盖率为62.5%。", "62.5%").subject == "森林覆盖率")
    }

    @Test("累计 after a named thing is that figure's own: written once, and it frames nothing after it")
    func ownCumulative() throws {
        let text = "南沿江高速公路南山段累计完成投资42.6亿元；国道328线完成路基工程12.4公里。全市新改建农村公路312公里。"
        let own = try one(text, "42.6亿元")
        #expect(own.subject == "南沿江高速公路南山段累计完成投资", "\(own.subject)")
        #expect(!(try one(text, "12.4公里")).subject.contains("累计"))
        #expect(!(try one(text, "312公里")).subject.contains("累计"))
        // After a whole and a time it still frames the sentence.
        let framed = "2019年以来，全国累计新开工改造老旧小区22万个，惠及居民3800多万户。"
        #expect(try one(framed, "3800多万户").subject.hasPrefix("累计"))
    }

    @Test("a rate named before 达到 is the figure's own indicator; verb + 完成率 is one noun")
    func rateBeforePlan() throws {
        #expect(try one("项目投资完成率达到年度计划的104%。", "104%").subject == "项目投资完成率")
        #expect(try one("资金到位率达到年度计划的96%。", "96%").subject == "资金到位率")
        #expect(try one("项目投资完成率为98%。", "98%").subject == "项目投资完成率")
        // Without a rate of its own, a percent of the plan is the plan's completion rate.
        #expect(try one("全市完成投资63.8亿元，完成年度计划的78.2%。", "78.2%").subject.hasSuffix("完成率"))
    }

    @Test("any change verb with 至/到 states the new level; 由 and the old value before it are not the subject")
    func changeVerbToLevel() throws {
        let share = try one("海外收入占比由上年的12.9%提升至15.3%。", "15.3%")
        #expect(share.subject == "海外收入占比" && !share.change, "\(share.subject)")
        let rate = try one("失业率回落到3.1%。", "3.1%")
        #expect(rate.subject == "失业率" && !rate.change, "\(rate.subject)")
        let wait = try one("热门景区排队时间由高峰期的1小时以上缩短至20至30分钟。", "20至30分钟")
        #expect(wait.subject == "热门景区排队时间" && !wait.change, "\(wait.subject)")
        // A change without 至 is still a change.
        #expect(try one("失业率回落0.2个百分点。", "0.2个百分点").change)
    }

    @Test("an institution's whole (全院, 全校) is no part of the subject, as 全市 is not")
    func institutionWhole() throws {
        #expect(try one("全院共受理各类案件18652件。", "18652件").subject == "受理各类案件")
        #expect(try one("全校现有专任教师326名。", "326名").subject == "专任教师")
        // 全社会 is a word of its own.
        #expect(try one("全社会用电量137.8亿千瓦时。", "137.8亿千瓦时").subject.hasPrefix("全社会"))
    }

    @Test("an audience after a count of events is that event's audience")
    func eventAudience() throws {
        let text = "全年开展普法宣传活动120余场，受众近3万人。"
        #expect(try one(text, "3万人").subject == "普法宣传活动受众")
        #expect(try one("举办专场演出36场，观众4.2万人次。", "4.2万人次").subject.hasSuffix("演出观众"))
    }

    @Test("a short sibling scope after a long subject takes its indicator (职工医保…为85.2%，居民医保为70.6%)")
    func siblingScope() throws {
        let text = "职工医保统筹基金住院费用政策范围内报销比例为85.2%，居民医保为70.6%。"
        #expect(try one(text, "70.6%").subject == "居民医保统筹基金住院费用政策范围内报销比例")
        let income = "城镇居民人均可支配收入42000元，农村居民为21000元。"
        #expect(try one(income, "21000元").subject == "农村居民人均可支配收入")
    }

    @Test("a clause opening with 涉及 counts what the last figure's events involve")
    func involvedAmount() throws {
        let text = "全年办理异地就医直接结算63.8万人次，涉及医疗费用21.4亿元。"
        let m = try one(text, "21.4亿元")
        #expect(m.subject.contains("异地就医") && m.subject.hasSuffix("涉及医疗费用"), "\(m.subject)")
    }

    @Test("介于/介於 before a range only links it, as 为 does")
    func betweenLinks() throws {
        let text = "經濟部預估，11月外銷訂單金額介於610億至630億美元之間，年增幅約14.9%至18.4%。"
        #expect(try one(text, "610億至630億美元").subject == "外銷訂單金額")
        #expect(try one(text, "14.9%至18.4%").subject == "外銷訂單金額年增幅")
    }

    @Test("a measure word's noun keeps a short parenthesis, breaks and all; adjacent counts keep their own nouns")
    func countedNounsInARow() throws {
        let text = "全省12个市58个县（市、区）不同程度受灾，受灾人口86.2万人。"
        #expect(try one(text, "12个").subject == "市")
        #expect(try one(text, "58个").subject.hasPrefix("县（市、区）"))
        // 受灾 ends the last subject as its predicate (after 不同程度): no scope for 受灾人口.
        #expect(try one(text, "86.2万人").subject == "受灾人口")
        #expect(try one("全市有3个区县12个乡镇。", "12个").subject == "乡镇")
    }

    @Test("a link after a clause without a figure continues that clause's topic, not the last figure's")
    func linkAfterFigurelessClause() throws {
        let text = "全月共出现区域性暴雨过程4次，最大日降水量出现在东林站，达286.5毫米。"
        #expect(try one(text, "286.5毫米").subject.hasPrefix("最大日降水量"))
        // With no clause between, the link is the last figure's.
        #expect(try one("全县粮食总产量38.7万吨，达到历史最高。", "38.7万吨").subject == "粮食总产量")
    }

    @Test("Hong Kong property: 合約有 is no 約有, 或以上 a bound, 升 a rise, 總值 the last thing's, an index in points")
    func hongKongProperty() throws {
        let text = "住宅樓宇買賣合約有5,236份，總值為446.7億元。價值1,000萬元或以上的住宅買賣合約有1,094份。"
        let contracts = try one(text, "5,236份")
        #expect(contracts.subject == "住宅樓宇買賣合約" && contracts.qualifier == .exact, "\(contracts.subject)")
        #expect(try one(text, "446.7億元").subject == "住宅樓宇買賣合約總值")
        #expect(try one(text, "1,000萬元").qualifier == .moreThan)
        #expect(try one(text, "1,094份").subject.contains("1,000萬元"))
        let index = try one("私人住宅租金指數為197.8，按年上升4.1%。", "197.8")
        #expect(index.kind == .other && index.unit == "点" && index.value == 197.8)
        let rise = try one("零售業總銷貨價值按年升6.2%。", "6.2%")
        #expect(rise.change && rise.direction == .up)
        // 约有 after a word that does not end in 约 is still an approximation.
        #expect(try one("全市党员约有3.2万名。", "3.2万名").qualifier == .approximate)
    }

    @Test("a bare rate after a figure is that figure's thing's, unless the last subject holds its stem")
    func rateWithItsStem() throws {
        let births = "全年出生人口5.2万人，出生率为8.56‰。"
        #expect(try one(births, "8.56‰").subject == "出生率")
        #expect(try one("全县建成村卫生室300个，覆盖率达100%。", "100%").subject.hasPrefix("村卫生室"))
    }

    @Test("an average of whole things per head is a figure (a ratio, kind other); a lone fraction of things is not")
    func averagesOfCounts() throws {
        let patents = try one("每万人口高价值发明专利拥有量达到14.6件。", "14.6件")
        #expect(patents.kind == .other && patents.unit == "件" && patents.value == 14.6)
        #expect(try one("全市户均2.3人。", "2.3人").kind == .other)
        #expect(try extractor.extract("详见第2.2本。").isEmpty)
    }

    @Test("an adverb of occasion before the link or the bound (首次突破) is no part of the subject")
    func occasionAdverbs() throws {
        let text = "技术合同成交额首次突破100亿元，达到108.7亿元。"
        #expect(try one(text, "100亿元").subject == "技术合同成交额")
        #expect(try one(text, "108.7亿元").subject == "技术合同成交额")
        #expect(try one("全市外贸进出口总额再次达到5000亿元。", "5000亿元").subject == "外贸进出口总额")
    }

    @Test("measure words of farming, relief and works count, and their blockers keep words whole")
    func moreMeasureWords() throws {
        let ms = try extractor.extract(
            "出栏家禽1150万羽，投放鱼苗50万尾，发放帐篷2000顶，安装路灯860盏，新建铁塔46基，修缮窑洞12孔，更换门窗300扇，调运物资1200箱，开行中欧班列1836列。")
        #expect(ms.map(\.unit) == ["羽", "尾", "顶", "盏", "基", "孔", "扇", "箱", "列"])
        #expect(ms.allSatisfy { $0.kind == .count })
        // 基地, 列入: the character opens another word.
        let words = try extractor.extract("建成示范3基地，共5列入计划。")
        #expect(!words.contains { $0.unit == "基" || $0.unit == "列" }, "\(words.map(\.unit))")
    }

    @Test("a first figure that wrote only 个 of the next one's unit shares it (6.5个和9.3个百分点), inside a 分别 list too")
    func sharedUnitAfterMeasureWord() throws {
        let text = "全市客房平均出租率为72.5%，床位使用率为68.1%，分别提高2.4个和1.9个百分点。"
        let first = try one(text, "2.4个"), second = try one(text, "1.9个百分点")
        #expect(first.kind == .percentagePoint && first.unit == "percentage_point" && first.value == 2.4)
        #expect(first.change && first.direction == .up)
        #expect(first.subject.hasPrefix("客房平均出租率"), "\(first.subject)")
        #expect(second.subject.hasPrefix("床位使用率"), "\(second.subject)")
        // The bare number of the same list is paired the same way.
        let bare = "全市客房平均出租率为72.5%，床位使用率为68.1%，分别提高2.4和1.9个百分点。"
        #expect(try one(bare, "1.9个百分点").subject.hasPrefix("床位使用率"))
        // 个 of a count with a count after it stays a count of its own.
        let counts = try extractor.extract("新建公园3个和广场5个。")
        #expect(counts.map(\.unit) == ["个", "个"])
    }

    @Test("最高/最多 after a record window (单日, 单月, 历史) picks the record: the figure is exact, not a ceiling")
    func recordWindowIsNoBound() throws {
        #expect(try one("古镇单日最高接待游客4.6万人次。", "4.6万人次").qualifier == .exact)
        #expect(try one("景区历史最高接待游客5.1万人次。", "5.1万人次").qualifier == .exact)
        // Without the window the adverb before a verb is still a ceiling.
        let ceiling = try one("每批次最高接待游客200人次。", "200人次")
        #expect(ceiling.qualifier == .lessThan && ceiling.upper == 200)
    }

    @Test("a verb and its object after a figure of the same object is an action of its own, not a sibling scope")
    func verbPhraseIsNoSiblingScope() throws {
        let text = "开展读书活动42场，吸引群众参与3.1万人次；乡镇文化站接待群众2.6万人次。"
        let visits = try one(text, "2.6万人次").subject
        #expect(visits.hasSuffix("接待群众") && !visits.contains("参与"), "\(visits)")
        // A noun scope after the same indicator is still a sibling.
        let insurance = "城镇职工医保报销比例为85.2%，居民医保为70.6%。"
        #expect(try one(insurance, "70.6%").subject.hasPrefix("居民医保"))
    }

    @Test("a casualty verb alone after an event figure counts the people of those events (死亡103人 → …事故死亡人数)")
    func casualtiesOfEvents() throws {
        let text = "全年共发生生产安全事故42起，死亡17人，同比分别下降12.5%和10.5%。"
        #expect(try one(text, "17人").subject == "生产安全事故死亡人数")
        #expect(try one(text, "10.5%").subject.hasPrefix("生产安全事故死亡人数"))
        let fires = "全年发生火灾1260起，死亡12人，受伤30人。"
        #expect(try one(fires, "12人").subject == "火灾死亡人数")
        #expect(try one(fires, "30人").subject == "火灾受伤人数")
        // The verb of occurring is dropped in either script (發生).
        #expect(try one("全年發生火災1260起，死亡12人。", "12人").subject.hasPrefix("火災死亡"))
        // Without an event noun before it the verb still names a head count; a noun of its own is kept.
        #expect(try one("汛期转移群众3200人，失踪2人。", "2人").subject == "失踪人数")
        #expect(try one("全县死亡人口1.2万人。", "1.2万人").subject == "死亡人口")
    }

    @Test("家 before 电 is the measure word: 35家电商企业 counts enterprises (家电 after a numeral never is the thing)")
    func jiaBeforeDian() throws {
        let ms = try extractor.extract("全市有8家电商企业、3家电力公司和2家电视台。")
        #expect(ms.map(\.text) == ["8家", "3家", "2家"], "\(ms.map(\.text))")
        #expect(ms.allSatisfy { $0.unit == "家" && $0.kind == .count })
    }

    @Test("a count's measure word keeps the article's script (142間, 1,056個) like 項 and 人次 do")
    func measureWordAsWritten() throws {
        let text = "全澳共有酒店及公寓142間，旅行團1,056個，推出措施210項。"
        let ms = try extractor.extract(text, locale: ArticleLocale(languageTag: "zh-MO"))
        #expect(ms.map(\.unit) == ["間", "個", "項"], "\(ms.map(\.unit))")
        // Simplified text is unchanged.
        #expect(try extractor.extract("共有酒店142间。").map(\.unit) == ["间"])
    }

    @Test("an age is years lived: 平均年龄44.3岁 and 下降5.6岁 are durations in years; 35岁以下 is still a bracket")
    func agesAreYears() throws {
        let text = "村干部平均年龄44.3岁，较换届前下降5.6岁；35岁及以下党员120名。"
        let age = try one(text, "44.3岁"), drop = try one(text, "5.6岁")
        #expect(age.kind == .duration && age.unit == "year" && age.value == 44.3)
        #expect(drop.kind == .duration && drop.direction == .down)
        #expect(try extractor.extract(text).map(\.text) == ["44.3岁", "5.6岁", "120名"])
        #expect(try one(text, "120名").subject.hasPrefix("35岁及以下"))
        // An age is no time frame: 18岁以上 stays a figure, as 年龄在18岁以上 did when 岁 was a measure word.
        #expect(try one("参赛选手年龄均在18岁以上。", "18岁").qualifier == .moreThan)
    }

    @Test("under 其中 an industry (制造业, 服务业, 第三产业) is a scope of the parent's indicator, with or without 占")
    func industryIsScope() throws {
        let text = "实施减班休息的企业有182家，涉及职工4316人，其中制造业就占3900余人。"
        #expect(try one(text, "3900余人").subject == "制造业企业涉及职工")
        #expect(try one("全市新增就业岗位1.2万个，其中服务业8000个。", "8000个").subject == "服务业新增就业岗位")
        // An enterprise is what is counted, not an industry.
        #expect(try one("全县共有农民专业合作社860家，其中企业120家。", "120家").subject == "企业")
        // 涉及 is written once when the count keeps its action.
        #expect(try one(text, "4316人").subject == "企业涉及职工")
    }

    @Test("a change in counts under 分别 pairs with the sentence's counts, not with the thresholds in 元 between them")
    func distributiveChangeOfOwnKind() throws {
        let text = "其中收入50万元以上的村68个、100万元以上的村21个，分别比上年增加17个和9个。"
        let first = try one(text, "17个").subject
        #expect(first.contains("50万元以上的村") && !first.contains("100万元"), "\(first)")
        #expect(try one(text, "9个").subject.hasPrefix("100万元以上的村"))
        // A rate of change still pairs with the figures just before it, of any kind.
        let rates = "成交量为3526个，成交价值为175.6亿元，分别按年减少28.5%及31.2%。"
        #expect(try one(rates, "31.2%").subject.hasPrefix("成交价值"))
    }

    @Test("the noun after a measure word stops before the next figure's qualifier and 合共 (1,056個旅行團合共約2.8萬人次)")
    func countedNounStopsAtNextFigure() throws {
        #expect(try one("九月共有1056个旅行团约2.8万人次参团外游。", "1056个").subject == "旅行团")
        #expect(try one("九月共有1056个旅行团合共约2.8万人次参团外游。", "1056个").subject.hasPrefix("旅行团"))
        #expect(!(try one("九月共有1056个旅行团合共约2.8万人次参团外游。", "2.8万人次").subject.contains("合")))
    }

    @Test("当中 opens a breakdown as 其中 does (Hong Kong and Macao)")
    func dangZhongIsQiZhong() throws {
        let text = "使用旅行社服务的本地居民约15.3万人次，当中约八成选择往中国内地。"
        let share = try one(text, "八成").subject
        #expect(share.hasPrefix("选择往中国内地"), "\(share)")
    }

    @Test("最高/最多 before a verb of granting money is a ceiling (每人每月最高补贴, 最高可获补贴)")
    func grantCeiling() throws {
        for (text, figure) in [
            ("每人每月最高补贴11000元。", "11000元"), ("每户最高补助2万元。", "2万元"),
            ("每人最高可获补贴3000元。", "3000元"), ("每人每月最高補貼一萬一千元。", "一萬一千元"),
        ] {
            let m = try one(text, figure)
            #expect(m.qualifier == .lessThan && m.upper == m.value, "\(text)")
        }
        #expect(try one("补贴资金共计3000元。", "3000元").qualifier == .exact)
    }

    @Test("N个X全部/均 + a verb phrase with no figure: the count is of the X that did it (226个村全部实现…)")
    func totalityPredicate() throws {
        let village = try one("全县226个村（社区）全部实现党组织书记、主任一肩挑。", "226个").subject
        #expect(village == "实现党组织书记、主任一肩挑的村（社区）", "\(village)")
        #expect(try one("全县15个乡镇均建成综合文化站。", "15个").subject == "建成综合文化站的乡镇")
        #expect(try one("全市2196个建制村均建立了党组织。", "2196个").subject == "建立党组织的建制村")
        // A figure in the predicate is its own metric: the noun stays alone.
        #expect(try one("全县35家企业均突破1000万元。", "35家").subject == "企业")
    }

    @Test("a measure word's 数 added to tell two counts apart is written in the subject's script")
    func countedNounInScript() throws {
        let ms = try extractor.extract("惠及居民3800多戶、約1億人。", locale: ArticleLocale(languageTag: "zh-TW"))
        #expect(ms.count == 2 && ms.allSatisfy { $0.subject.hasSuffix("數") }, "\(ms.map(\.subject))")
    }

    @Test("a degree adverb before a verb of reaching a level is no subject (失业率…轻微回落至3.7%)")
    func degreeAdverbBeforeLevel() throws {
        #expect(try one("失业率由年初的3.9%轻微回落至3.7%。", "3.7%").subject == "失业率")
        #expect(try one("平均浓度由上年的38微克/立方米大幅下降至31微克/立方米。", "31微克/立方米").subject == "平均浓度")
    }

    @Test("至少/起码/至多 bound the figure of any short verb after them (至少配备1名); 最高 only a listed verb's")
    func focusAdverbBeforeAnyVerb() throws {
        let m = try one("每个乡镇卫生院至少配备1名全科医生。", "1名")
        #expect(m.qualifier == .moreThan && m.lower == 1)
        #expect(try one("每次至多安排3人。", "3人").qualifier == .lessThan)
        // 最高 before a noun is the noun's (最高气温), not a ceiling.
        #expect(try one("全市最高气温41.3℃。", "41.3℃").qualifier == .exact)
    }

    @Test("an age bracket opening the noun after a measure word is part of it (8.7万名80周岁以上老年人)")
    func ageBracketInCountedNoun() throws {
        let text = "为8.7万名80周岁以上老年人发放高龄津贴。"
        #expect(try extractor.extract(text).map(\.text) == ["8.7万名"])
        #expect(try one(text, "8.7万名").subject.hasPrefix("80周岁以上老年人"))
        #expect(try one("为3.2万名60岁及以上老人体检。", "3.2万名").subject.hasPrefix("60岁及以上老人"))
    }

    @Test("N年度 names a (fiscal) year, never a duration; a speaker's 我建议 is no part of a subject")
    func fiscalYearAndSpeaker() throws {
        let text = "我建议宽减2025至26年度百分之百的薪俸税，上限为3000元。"
        let ms = try extractor.extract(text)
        #expect(!ms.contains { $0.kind == .duration }, "\(ms.map(\.text))")
        #expect(try !one(text, "百分之百").subject.contains("我建议"))
    }

    @Test("review of the twelfth session's rules: the sentences each rule must leave alone")
    func twelfthSessionRulesLeaveAlone() throws {
        // A 分别 list in several units pairs in order, whatever the kinds before it.
        let mixed = "全市有景区56个，接待游客1200万人次、实现旅游收入85亿元，分别增加120万人次和8亿元。"
        #expect(try one(mixed, "120万人次").subject.hasPrefix("接待游客"))
        #expect(try one(mixed, "8亿元").subject.hasPrefix("旅游收入"))
        // 当 + a word is no 当中.
        #expect(try one("当中国经济总量突破100万亿元时。", "100万亿元").subject.contains("中国经济总量"))
        // 人均, 成都: no adverb of totality; a verb's 了 is dropped.
        #expect(!(try one("全市12个村人均实现增收。", "12个").subject.contains("实现")))
        #expect(try one("全市6个区都举办了招聘会。", "6个").subject == "举办招聘会的区")
        // A parent naming an industry is not scoped again by one.
        #expect(try one("全市工业增加值1200亿元，其中制造业1000亿元。", "1000亿元").subject != "制造业工业增加值")
        #expect(try one("全市从业人员45万人，其中从业12万人。", "12万人").subject != "从业从业人员")
        // Age ranges and 或以上 before a noun are brackets; durations under a duration are parts.
        #expect(try extractor.extract("全市共有0-3岁婴幼儿2.3万人。").map(\.text) == ["2.3万人"])
        #expect(try extractor.extract("65歲或以上長者120萬人。").map(\.text) == ["120萬人"])
        #expect(try one("国庆假期共8天，其中法定假日3天。", "3天").subject == "法定假日")
        // A borrowed unit in traditional text is the same measure word as its lender's.
        let pair = try extractor.extract("兩區分別有3和5個項目獲批。", locale: ArticleLocale(languageTag: "zh-HK"))
        #expect(pair.count == 2 && !pair.contains { $0.subject.hasSuffix("數") || $0.subject.hasSuffix("数") })
        // More verbs of granting.
        #expect(try one("每家企业最高给予100万元补助。", "100万元").qualifier == .lessThan)
    }

    @Test("累计 before a time or a whole is an adverb: 累計今年1至11月工業生產指數 names 工業生產指數")
    func cumulativeBeforeTime() throws {
        #expect(try one("累計今年1至11月工業生產指數年增9.42%。", "9.42%").subject.hasPrefix("工業生產指數"))
        #expect(try one("累计今年前11月工业生产指数增长9.42%。", "9.42%").subject.hasPrefix("工业生产指数"))
    }

    @Test(
        "thousands grouped by spaces (Hong Kong statistics: 157 900人, 3 689 500人) are one number; never mixed with commas"
    )
    func spacedThousands() throws {
        let ms = try extractor.extract("失業人數約157 900人，總就業人數為3 689 500人。", locale: ArticleLocale(languageTag: "zh-HK"))
        #expect(ms.map(\.value) == [157900, 3_689_500], "\(ms.map(\.text))")
        #expect(ms.map(\.text) == ["157 900人", "3 689 500人"])
        // A group of other than three digits after the space is another number.
        #expect(try extractor.extract("2025 12个项目").allSatisfy { $0.value != 202512 })
        #expect(try extractor.extract("共1,234 567人").allSatisfy { $0.value != 1_234_567 })
    }

    @Test("a statistical remark in parentheses is no part of a subject (失業人數（未經季節性調整）)")
    func statisticalRemark() throws {
        let text = "失業人數（未經季節性調整）由約157 900人減少至約154 300人。"
        #expect(try one(text, "157 900人").subject == "失業人數")
    }

    @Test("one of a pair of opposite indicators after the other takes its scope (收入…，支出…)")
    func pairedIndicators() throws {
        #expect(try one("全市社会保险基金收入合计98.6亿元，支出合计87.4亿元。", "87.4亿元").subject == "社会保险基金支出")
        // A noun of its own is kept.
        #expect(try one("全年货物出口总额120亿元，进口80亿元。", "80亿元").subject == "进口")
        // A partner inside a compound (进出口) is no word of its own.
        #expect(try one("全年货物进出口总额200亿元，其中货物进出口120亿元，进口80亿元。", "80亿元").subject != "货物进进口")
    }

    @Test("two rate bases in a row before the figure belong to its unit (提高至每人每月183元)")
    func twoRateBases() throws {
        #expect(try one("城乡居民基础养老金最低标准提高至每人每月183元。", "183元").subject == "城乡居民基础养老金最低标准")
    }
}
