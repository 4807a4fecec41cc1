/// Count measure words (量词): the unit of a `count` metric is the measure word itself.
///
/// A measure word is only read as one when the next character does not turn it into a
/// different word: 3期 is a count, 十三五期间 is not (期间 "period"); 12万人 is, 人口 is not.
enum MeasureWords {
    /// Two- and three-character measure words, matched first (longest match).
    static let compound: [[UInt32]] = [
        "人次", "户次", "车次", "架次", "班次", "航次", "场次", "批次", "个次", "家次", "件次", "台次", "人天", "工日",
        "课时", "学时", "周岁", "标箱", "剂次", "人份", "部门", "艘次", "辆次", "校次", "期次",
        // Health statistics: cases seen (会诊186万例次) and bed-days (医师日均担负住院2.1床日).
        "例次", "床日",
        // Instruments and equipment counted by piece or set (检定计量器具38.6万台件, 设备1200台套).
        "台件", "台套", "件套",
        // Containers and traffic (see UnitLexicon's port and shipping units): 标准箱 = TEU.
        "标准箱", "国际标准箱", "自然箱", "标准箱位", "箱位", "列次", "吨次",
    ].map { [UInt32]($0) }.sorted { $0.count > $1.count }

    /// `compound` by first character, longest first (the order of `compound`).
    static let compoundByFirst: ScalarMap<[[UInt32]]> = ScalarMap(Dictionary(grouping: compound) { $0[0] })

    /// Single-character measure words.
    static let single: Set<UInt32> = Set(
        [UInt32](
            "个名位人户家项条场次期本件股台辆架艘座所处套张部篇份批类门种支只头匹株棵届轮宗起例笔册首幅集颗栋幢间片对双副枚盒瓶袋桶罐杯碗餐顿节层床口眼根把粒帧页段章卷款科组队道封趟遍剂针串具尊枝朵单票分岁员晚"
                // What reports count things of farming, relief and works in: poultry (出栏1150万羽), fry
                // (投放鱼苗50万尾), tents (帐篷2000顶), lamps (路灯860盏), towers and poles (铁塔46基),
                // arches (窑洞、桥涵12孔), doors and windows (门窗300扇), crates (物资1200箱), trains (12列).
                + "羽尾顶盏基孔扇箱列"
                // Nights of a stay in Taiwan's and Hong Kong's statistics (平均停留夜數為6.4夜), as 晚.
                + "夜"))

    /// `single` as Strings, so a count's unit is not encoded afresh for every figure.
    static let singleStrings = ScalarMap(single.map { ($0, String(Unicode.Scalar($0)!)) })

    /// The single-character measure word `c` as a String (nil when `c` is none: a traditional form).
    static func singleString(_ c: UInt32) -> String? { singleStrings[c] }

    /// Measure words of time spent (nights of a stay, work days, class hours): averages of them are
    /// fractional (平均留港时间为3.2晚), unlike counts of whole things.
    static let divisible: Set<String> = ["晚", "夜", "工日", "人天", "课时", "学时"]

    /// Verbal measure words (动量词): they count how often the action is done (参加1次集中培训), so the
    /// noun after them names an event and the actor before the verb is part of what is counted.
    static let verbal = Set([UInt32]("次回趟遍轮"))

    /// Characters that, right after a measure word, make it part of another word.
    static let blockers: ScalarMap<ScalarSet> = {
        let rows: [(String, String)] = [
            // 家 + 电 is not blocked: after a numeral, 家电 (appliances) is never what is counted (it takes
            // 台/件), while 35家电商企业, 3家电力公司, 2家电视台 count 家.
            ("期", "间末初限望待盼货刊"), ("家", "庭长乡园属具居务"), ("场", "所馆地景面合"), ("所", "有以在属得谓"),
            ("次", "数序要日"), ("名", "单称字义誉牌片"), ("位", "于置列"), ("台", "湾阶风"), ("部", "署分长"),
            ("门", "户槛诊票"), ("处", "理置于罚"), ("条", "件例款约"), ("起", "来步点草诉飞到"), ("本", "地市级部身着届年次科土"),
            ("口", "岸径号罩"), ("项", "目"), ("头", "脑部等"), ("只", "有是要能"), ("支", "持付出部撑队"), ("批", "准复评发示"),
            ("类", "似型"), ("届", "时"), ("轮", "流胎"), ("例", "如外"), ("队", "伍员"), ("套", "餐路"), ("片", "区面"),
            ("座", "谈位"), ("间", "接隔的内"), ("人", "民口员才大均工们气心类身物士事力群为"), ("道", "路德理"),
            ("个", "人体性别案"), ("分", "之别类析配布钟享公局子"), ("双", "方向边"), ("对", "于象比照接话外应"),
            ("节", "约能日目点"), ("层", "面次级"), ("单", "位元独"), ("票", "据价"), ("员", "工"), ("科", "技学研室"),
            ("组", "织建成合"), ("款", "项"), ("岁", "月"), ("种", "类植子"), ("床", "位"), ("首", "次先都批届"),
            ("集", "团中体"), ("股", "份"), ("篇", "章"), ("封", "闭"), ("根", "本据"), ("把", "握关"), ("章", "程"),
            ("卷", "入"), ("股", "份东票权市价民"), ("针", "对"), ("片", "区"),
            ("晚", "会餐饭间报点霞年期辈"), ("夜", "间里晚市景班校空色宵之以半场"),
            ("羽", "毛绒球"), ("尾", "款声矿号气数巴部端随"), ("顶", "层级岗尖部端棚住替"), ("基", "地础层金本数准站因建于"),
            ("孔", "径子"), ("扇", "面形"), ("箱", "包体"), ("列", "入为车車出支席举表"),
        ]
        var m: [UInt32: ScalarSet] = [:]
        for (w, bs) in rows { m[u(w.unicodeScalars.first!)] = ScalarSet(bs) }
        return ScalarMap(m)
    }()

    /// Measure word at `i` → its length, or nil.
    static func match(_ s: [UInt32], at i: Int) -> Int? { Matcher.shared.match(s, at: i) }

    /// `match` with its tables held in one object: the scanner keeps a reference and probes
    /// after every numeral, where reading four lazily initialized globals per probe is measurable.
    /// `@unchecked`: immutable after init; the pointers are process-lifetime tables.
    final class Matcher: @unchecked Sendable {
        static let shared = Matcher()

        private let compoundByFirst = MeasureWords.compoundByFirst
        private let blockers = MeasureWords.blockers
        private let fold = ScriptFold.pointer
        private let classes = CharClass.pointer
        /// First characters of `compound`, as a BMP bitset: most ideographs after a number start
        /// none, and the test is cheaper than a probe of `compoundByFirst`.
        private let compoundFirstBits: [UInt64]

        private init() {
            var bits = [UInt64](repeating: 0, count: 1024)
            for w in MeasureWords.compound where w[0] < 0x10000 { bits[Int(w[0] >> 6)] |= 1 << (w[0] & 63) }
            compoundFirstBits = bits
        }

        func match(_ s: [UInt32], at i: Int) -> Int? {
            guard i < s.count else { return nil }
            @inline(__always) func folded(_ c: UInt32) -> UInt32 { c < 0x10000 ? UInt32(fold[Int(c)]) : c }
            @inline(__always) func has(_ c: UInt32, _ mask: UInt16) -> Bool {
                (c < 0x10000 ? classes[Int(c)] : (c >= 0x20000 && c <= 0x3FFFF ? CharClass.ideograph : 0)) & mask != 0
            }
            let c = folded(s[i])
            if has(c, CharClass.measureWord | CharClass.ideograph),
                c >= 0x10000 || compoundFirstBits[Int(c >> 6)] & (1 << (c & 63)) != 0,
                let words = compoundByFirst[c]
            {
                for w in words where i + w.count <= s.count {
                    var ok = true
                    for k in 1..<w.count where folded(s[i + k]) != w[k] { ok = false; break }
                    if ok { return w.count }
                }
                // 5000多人(次): people counted with an optional 次 are person-times (人次).
                if c == u("人"), i + 3 < s.count, s[i + 1] == 0x28 || s[i + 1] == 0xFF08, s[i + 2] == u("次"),
                    s[i + 3] == 0x29 || s[i + 3] == 0xFF09
                {
                    return 4
                }
            }
            guard has(c, CharClass.measureWord) else { return nil }
            if i + 1 < s.count, let b = blockers[c], b.contains(folded(s[i + 1])) { return nil }
            return 1
        }
    }
}
