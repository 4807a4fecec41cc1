/// Currency names → ISO 4217 codes.
///
/// Taken complete from the Chinese currency list of Microsoft Recognizers-Text
/// (NumbersWithUnit: CurrencySuffixList with its CurrencyNameToIsoCodeMap), keeping every
/// currency that has a real ISO 4217 code, with the usual Taiwan/Hong Kong/Macau names (港幣,
/// 新台幣, 澳門幣, 葡幣, 澳幣 …) and the ISO 4217 list's Chinese names added. Traditional
/// spellings need no row of their own: lexicon look-ups fold through `ScriptFold`.
///
/// Left out on purpose: generic names without one currency (盾, 先令, 第纳尔, 比索 alone is
/// kept as PHP by long use in Chinese press), Cantonese single characters (蚊, 箍, 仙), and the
/// bare 元/圆/块 of the article's own currency, which `UnitLexicon` reads through the locale.
enum CurrencyLexicon {
    /// "CODE name name …" rows; sub-units are "CODE:factor name …".
    static let rows: [String] = [
        "USD 美元 美金 美圆 美币", "USD:0.01 美分", "EUR 欧元 欧罗", "EUR:0.01 欧分", "JPY 日元 日本元 日币 日圆 日本円 円",
        "GBP 英镑 英磅", "GBP:0.01 便士", "HKD 港元 港币 港圆 港纸 hkd", "MOP 澳门元 澳门币 澳门圆 葡币 澳门帕塔卡 帕塔卡 mop",
        "TWD 新台币 台币 新台圆 twd", "CNY 人民币 人民币元 元人民币 rmb cny", "AUD 澳元 澳大利亚元 澳币 aud",
        "CAD 加元 加拿大元 加币 cad", "NZD 新西兰元 纽元 纽币 纽西兰元 nzd", "SGD 新加坡元 新元 新币 星币 sgd",
        "CHF 瑞士法郎 瑞郎 chf", "RUB 卢布 俄罗斯卢布 俄国卢布 rub", "RUB:0.01 戈比", "KRW 韩元 韩圆 韩币 韩国元 krw",
        "KPW 朝鲜元 朝鲜圆", "THB 泰铢 泰元 泰币 thb", "INR 卢比 印度卢比 inr", "NGN 奈拉 尼日利亚奈拉 尼日利亚币 ngn",
        "MYR 林吉特 马来西亚林吉特 马来西亚币 马币 令吉 myr", "VND 越南盾 vnd", "IDR 印尼盾 印度尼西亚盾 idr",
        "ZAR 兰特 南非兰特 zar", "AED 迪拉姆 阿联酋迪拉姆 aed", "PHP 比索 菲律宾比索 php", "TRY 里拉 土耳其里拉 try",
        "AFN 阿富汗尼", "ALL 阿尔巴尼亚列克 列克", "AOA 安哥拉宽扎 宽扎", "AMD 亚美尼亚德拉姆 德拉姆",
        "AWG 阿鲁巴弗罗林 阿鲁巴币", "BDT 塔卡 孟加拉塔卡", "BTN 不丹努尔特鲁姆 不丹努扎姆 努扎姆",
        "BOB 玻利维亚诺 玻利维亚币", "BAM 波斯尼亚和黑塞哥维那可兑换马克 波赫可兑换马克", "BWP 博茨瓦纳普拉 普拉",
        "BRL 巴西雷亚尔 雷亚尔", "BGN 保加利亚列弗 保加利亚列瓦 列弗", "KHR 瑞尔 柬埔寨瑞尔", "CVE 佛得角埃斯库多 维德角埃斯库多",
        "HRK 克罗地亚库纳 克罗地亚库那 克罗埃西亚库纳 库纳", "ERN 厄立特里亚纳克法", "ETB 埃塞俄比亚比尔 埃塞俄比亚元 比尔",
        "GMD 冈比亚达拉西 甘比亚达拉西", "GEL 格鲁吉亚拉里 拉里", "GHS 塞地 加纳塞地", "GTQ 瓜地马拉格查尔 危地马拉格查尔 格查尔",
        "HTG 海地古德", "HNL 洪都拉斯伦皮拉", "HUF 匈牙利福林 匈牙利福林币 福林", "IRR 伊朗里亚尔 伊朗莱尔",
        "YER 叶门莱尔 叶门里亚尔 也门里亚尔", "ILS 以色列币 以色列新克尔 以色列新谢克尔 谢克尔 新谢克尔 ils",
        "KZT 哈萨克斯坦坚戈 坚戈", "KES 肯尼亚先令", "KGS 吉尔吉斯斯坦索姆", "LAK 基普 老挝基普 老挝币", "LSL 莱索托洛提 莱索托马洛蒂",
        "MKD 马其顿代纳尔 马其顿币 代纳尔", "MGA 马达加斯加阿里亚里", "MWK 马拉威克瓦查 马拉维克瓦查",
        "MRU 毛里塔尼亚乌吉亚", "MZN 莫桑比克梅蒂卡尔 梅蒂卡尔", "MMK 缅甸元 缅元 缅币 缅甸缅元", "OMR 阿曼里亚尔 阿曼莱尔",
        "PAB 巴拿马巴波亚", "PGK 基那 巴布亚新几内亚基那", "PEN 秘鲁索尔 索尔", "PLN 波兰币 波兰兹罗提 兹罗提",
        "QAR 卡达里亚尔 卡塔尔里亚尔", "SAR 沙特里亚尔 沙特阿拉伯里亚尔 里亚尔", "WST 萨摩亚塔拉", "SLL 塞拉利昂利昂 利昂",
        "SZL 斯威士兰里兰吉尼 兰吉尼", "TJS 塔吉克斯坦索莫尼", "TOP 汤加潘加 潘加", "UAH 乌克兰格里夫纳 格里夫纳",
        "VUV 瓦努阿图瓦图", "ZMW 赞比亚克瓦查", "MAD 摩洛哥迪拉姆", "AZN 阿塞拜疆马纳特", "TMT 土库曼马纳特",
        "SOS 索马里先令 索马利先令", "TZS 坦桑尼亚先令", "UGX 乌干达先令", "RON 罗马尼亚列伊 列伊", "MDL 摩尔多瓦列伊",
        "NPR 尼泊尔卢比", "PKR 巴基斯坦卢比", "SCR 塞舌尔卢比", "MUR 毛里求斯卢比", "MVR 马尔代夫卢比 拉菲亚",
        "LKR 斯里兰卡卢比", "CZK 捷克克朗", "DKK 丹麦克朗 丹麦克郎", "NOK 挪威克朗", "ISK 冰岛克朗", "SEK 瑞典克朗",
        "XOF 非共体法郎 西非法郎", "XAF 中非法郎 中非金融合作法郎", "KMF 科摩罗法郎", "CDF 刚果法郎", "BIF 布隆迪法郎",
        "DJF 吉布提法郎", "XPF 太平洋法郎", "GNF 几内亚法郎", "RWF 卢旺达法郎", "BYN 白俄罗斯卢布",
        "DZD 阿尔及利亚第纳尔", "BHD 巴林第纳尔", "IQD 伊拉克第纳尔", "JOD 约旦第纳尔", "KWD 科威特第纳尔 科威特币",
        "LYD 利比亚第纳尔", "RSD 塞尔维亚第纳尔 塞尔维亚币", "TND 突尼斯第纳尔", "ARS 阿根廷比索", "CLP 智利比索",
        "COP 哥伦比亚比索", "CUP 古巴比索", "DOP 多米尼加比索", "MXN 墨西哥比索", "UYU 乌拉圭比索",
        "EGP 埃及镑", "FKP 福克兰镑", "GIP 直布罗陀镑", "LBP 黎巴嫩镑", "SSP 南苏丹镑", "SDG 苏丹镑", "SYP 叙利亚镑",
        "SHP 圣赫勒拿镑", "XCD 东加勒比元", "BSD 巴哈马元", "BBD 巴巴多斯元", "BZD 伯利兹元", "BMD 百慕大元",
        "BND 文莱元", "KYD 开曼岛元 开曼群岛元", "FJD 斐济元 斐币", "GYD 圭亚那元", "JMD 牙买加元", "LRD 利比里亚元",
        "NAD 纳米比亚元", "SRD 苏里南元", "TTD 特立尼达多巴哥元", "SBD 所罗门群岛元", "MNT 蒙古图格里克 图格里克",
        "NIO 尼加拉瓜科多巴", "PYG 巴拉圭瓜拉尼", "VES 委内瑞拉玻利瓦尔 玻利瓦尔", "CRC 哥斯达黎加科朗",
        "UZS 乌兹别克斯坦苏姆", "BYR 白俄罗斯旧卢布", "XDR 特别提款权",
    ]

    /// Every currency name, for the rules that need only to know one (折合新台幣).
    static let names = WordList(entries.map(\.0))

    /// (surface, ISO code, factor) for every name.
    static let entries: [(String, String, Double)] = rows.flatMap { row -> [(String, String, Double)] in
        let parts = row.split(separator: " ").map(String.init)
        let head = parts[0].split(separator: ":")
        let code = String(head[0])
        let factor = head.count > 1 ? Double(head[1])! : 1
        return parts.dropFirst().map { ($0, code, factor) }
    }
}
