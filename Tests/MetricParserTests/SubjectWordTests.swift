import MetricParser
import Testing

/// Subject rules about words and clause edges (docs/parser.md, Subjects): bound words, bounds set by
/// 最高/最低, thresholds before a counted head, member lists, light verbs and new inventories — on
/// sentences written for these tests.
@Suite("Subject words: bound words, ceilings, thresholds, member lists, light verbs, inventories")
struct SubjectWordTests {
    let extractor = MetricExtractor()

    func one(_ text: String, _ quantity: String) throws -> Metric { try extractOne(text, quantity, with: extractor) }

    @Test("a bound word opening with a scope character is kept whole (就业 is not 就 + 业, 其他 not 其 + 他)")
    func boundWords() throws {
        #expect(try one("今年全市帮助高校毕业生达成就业协议5200人。", "5200人").subject.hasPrefix("就业协议"))
        #expect(try one("参展企业中，制造企业120家，其他行业企业43家。", "43家").subject.hasPrefix("其他"))
    }

    @Test("最高/最低 with a modal before 达 bound the figure; 最高达 alone states the peak")
    func ceilings() throws {
        let cap = try one("对参加培训的学员发放补贴，每户最高可达3000元。", "3000元")
        #expect(cap.qualifier == .lessThan && cap.upper == 3000)
        #expect(try one("景区单日客流最高达5万人次。", "5万人次").qualifier == .exact)
        #expect(try one("每名学员最低可获得800元补贴。", "800元").qualifier == .moreThan)
    }

    @Test("a threshold in a 的-modifier before a counted head is the head's scope")
    func thresholdBeforeCountedHead() throws {
        let m = try one("全镇年收入超过20万元的合作社15家。", "15家")
        #expect(m.subject.hasPrefix("年收入超过20万元") && m.subject.hasSuffix("合作社"))
    }

    @Test("the members of a 、-list before N个X are what the set X is made of; X is counted")
    func memberList() throws {
        #expect(try one("园区设立了研发、孵化、加速3个功能区，入驻企业77家。", "3个").subject == "功能区")
        // Items with figures of their own are not members: 党支部 is counted.
        #expect(try one("设党委5个、党支部40个。", "40个").subject == "党支部")
    }

    @Test("a light verb before 总 is a verb; a modified topic is cut to its head")
    func lightVerbTopic() throws {
        #expect(try one("全年具有施工资质的建筑业企业实现总产值420亿元。", "420亿元").subject == "建筑业企业总产值")
    }

    @Test("a ；-item opening with 共有 takes a new inventory and ends the breakdown")
    func newInventory() throws {
        let text = "全县共有村卫生室300个，其中标准化村卫生室210个；共有乡村医生520名。"
        #expect(try one(text, "520名").subject == "乡村医生")
        #expect(try one(text, "210个").subject.contains("标准化"))
    }

    @Test("开出/给出 is a verb with its complement: the beneficiary and the object are the subject")
    func directionalComplement() throws {
        let m = try one("一些软件企业为资深工程师开出了月薪3万元。", "3万元")
        #expect(m.subject.hasPrefix("资深工程师") && m.subject.hasSuffix("月薪") && !m.subject.contains("企业"))
    }

    @Test("分别 after a list of counted things pairs each change with its thing")
    func distributiveAfterCounts() throws {
        let text = "全县共有家庭农场320家、种养大户150户，分别比上年末增长8.1%和4.5%。"
        let first = try one(text, "8.1%"), second = try one(text, "4.5%")
        #expect(first.subject.hasPrefix("家庭农场") && second.subject.hasPrefix("种养大户"))
        #expect(first.direction == .up && second.direction == .up)
    }

    @Test("a 、-list of objects before as many figures pairs with them in order")
    func objectsBeforeFigures() throws {
        let text = "全年分别拨付助学金、生活补助金560万元和230万元。"
        #expect(try one(text, "560万元").subject == "助学金")
        #expect(try one(text, "230万元").subject == "生活补助金")
    }

    @Test("a set counted right after its members distributes a later 分别 list over them")
    func membersDistribute() throws {
        let text = "园区共有企业90家。园区设立了研发、孵化、加速3个功能区，分别入驻企业40家、25家和12家。"
        #expect(try one(text, "3个").subject == "功能区")
        #expect(try one(text, "40家").subject == "研发功能区入驻企业")
        #expect(try one(text, "12家").subject == "加速功能区入驻企业")
        // An item right after a figure is that figure's noun, not a member.
        #expect(try one("建成5个党支部、3个党小组。", "3个").subject == "党小组")
    }

    @Test("a bare rate after a figure is the rate of that figure's thing; a restated one keeps its scope")
    func bareRateAfterCount() throws {
        #expect(try one("全县建成村卫生室300个，覆盖率达100%。", "100%").subject == "村卫生室覆盖率")
        #expect(try one("城乡居民医保参保人数412万人，参保率达97.2%。", "97.2%").subject == "城乡居民医保参保率")
    }

    @Test("a verb of containment right before a figure: what it contains follows the measure word")
    func containment() throws {
        #expect(try one("石岭县辖12个乡镇、208个行政村。", "12个").subject == "乡镇")
        #expect(try one("该区下辖5个街道。", "5个").subject == "街道")
    }
}
