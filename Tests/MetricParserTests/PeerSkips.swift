/// Peer cases whose convention contradicts ours, keyed by file and input, each with the reason.
/// The conformance test prints every skip; a skipped case never counts as a pass.
enum PeerSkips {
    static let wholeStringValidation =
        "cn2an validates the whole string as one numeral; a text scanner reads the valid numerals inside it"
    static let cantonese = "Cantonese colloquial money (蚊 dollar, 毫 dime, 個 for a dollar) is outside the report register"
    static let scoreNotCents = "分 alone after a number is a score or minutes in report text; we read cents only after 元/角 or before 钱"
    static let liang = "after Chinese numerals 两 is read as the digit two (三千两百 = 3200); the mass unit 两 is read after Arabic digits only"
    static let noAmount = "a currency or unit name without an amount is not a quantity in our model"
    static let kSalary = "k without a currency is a plain thousand for us; JioNLP assumes a salary in yuan"

    static let reasons: [String: [String: String]] = [
        "cn2an-cn2an": [
            "零点零大": wholeStringValidation,
            "点一": wholeStringValidation,
            "十一十二": wholeStringValidation,
            "十七十八": wholeStringValidation,
            "百十一": "we accept the colloquial 百十一 = 111 (as Duckling does for 百二 = 120); cn2an rejects a missing leading digit",
        ],
        "chinese2digits-python": [
            "三零万二零千拉阿拉啦啦30万20千嚯嚯或百四嚯嚯嚯四百三十二分之2345啦啦啦啦":
                "chinese2digits glues digit strings to multipliers (三零万二零千 = 320000) and reads 百四 as 4%; we read 三零 as a digit string and 百四 as 140",
            "拾": "chinese2digits drops a lone 拾 while cn2an and Duckling read it as 10 (we follow them)",
            "啊啦啦啦300十万你好我20万.3%万你好啊300咯咯咯-.34%啦啦啦300万": "reads .3%万 as 0.3% of 万 = 30; for us 万 after a percent sign starts nothing",
            "aaaa.3%万啦啦啦啦0.03万": "reads .3%万 as 0.3% of 万 = 30; for us 万 after a percent sign starts nothing",
            "4分之3负五分之6咿呀呀 四百分之16ooo千千万万": "reads 四百分之16 as 4 + 16% = 4.16; for us it is the fraction 16/400",
            "llalala万三威风威风千四五": "reads 万三 / 千四五 as per-ten-thousand and per-mille shorthands; for us a numeral never starts with 万, and 千四五 is 1400–1500",
            "伍亿柒仟万拾柒百分之": "normalizes to 五亿七千万十七百 = 570001700; for us 拾柒 after 万 is 17 (570000017) and a trailing 百分之 has no number",
        ],
        "duckling-zh-amountofmoney": [
            "20分": scoreNotCents, "25分": scoreNotCents, "二十五分": scoreNotCents,
            "两毫": cantonese, "五個半": cantonese, "個半": cantonese, "個九": cantonese, "起碼三蚊零四": cantonese,
            "五蚊六毫至五蚊七毫八": cantonese,
        ],
        "duckling-zh-distance": [
            "8'": "ASCII ' and \" as feet and inches are indistinguishable from quotation marks in crawled text",
            "至少5\"": "ASCII ' and \" as feet and inches are indistinguishable from quotation marks in crawled text",
            "米九": "a height without its leading digit (米九 = 1.9 m) is colloquial; 米 alone is rice",
            "米六到三米九": "a height without its leading digit (米六 = 1.6 m) is colloquial; 米 alone is rice",
        ],
        "duckling-zh-numeral": [
            "五雙": "Duckling counts the items in pairs (五双 = 10); we report the measure word as stated (5 双)",
            "一又十分一": "Cantonese fraction 十分一 (= 1/10) without 之",
            "二份一": "Cantonese fraction 二份一 (= 1/2)",
            "萬九": "a numeral never starts with 万 for us (万一, 万众 are words); 萬九 = 19000 is colloquial",
        ],
        "duckling-zh-volume": [
            "一茶匙": "kitchen measures (茶匙 = 5 ml) are outside the report register",
            "四分一升": "Cantonese fraction 四分一 (= 1/4) without 之",
        ],
        "jionlp-extract-money": ["我们薪酬能给到10k~15k。": kSalary],
        "jionlp-parse-money": [
            "15k左右": kSalary,
            "小于40万": "JioNLP assumes yuan for a bare 40万; without a currency it is a plain number for us",
            "三万元欧元": "JioNLP lets the last currency word win (三万元欧元 = 30000 EUR); we read 三万元 as yuan",
        ],
        "minlp-duckling-zh": [
            "三平": "平 alone for square metres is colloquial and collides with 平台/平均",
            "10PM": "10PM is a clock time, not 10 picometres",
            "1.8迈": "迈 (mph) is slang",
            "1.8码": "码 reads as yard (1码 in the same file); MiNLP also reads it as mph",
        ],
        "rt-zh-currency": [
            "人民币 美元": noAmount, "人民币美元": noAmount,
            "10日元5日本銭": "銭 (sen, 1/100 yen) is obsolete",
        ],
        "rt-zh-dimension": ["三十两": liang, "三千两百两": liang],
        "rt-zh-number": [
            "五十打": "打 (dozen) collides with the verb 打; we keep measure words as stated",
            "十打蘋果": "打 (dozen) collides with the verb 打; we keep measure words as stated",
        ],
        "rt-zh-percent": [
            "百分之二三十": "we read 百分之二三十 as the approximate range 20–30 percent, a common report form",
            "二三十個百分點": "we read 二三十个百分点 as the approximate range 20–30 points, a common report form",
        ],
        "rt-zh-temperature": ["温度的单位是°C吗": noAmount],
        "wetext-itn-zh": [
            "幺八五洞幺拐两零柒幺玖": "military spoken digits (洞 = 0, 拐 = 7) are outside the report register",
            "二零零二年一月": "WeTextProcessing renders the date as 2002/01; dates are not quantities for us",
            "比分定格在七十八比九十六": "WeTextProcessing renders the score as 78:96; a score is a ratio, not a quantity for us",
        ],
        "cn2an-transform": [:],
    ]
}
