/// What a header cell says about the figures under it or beside it: its unit (`（亿元）`,
/// `(%)`, `单位：万元`), whether it names a change (`比上年增长`), a period (`2025年`), a total
/// (`合计`), and the words left for the subject. Units are checked with the parser's own
/// `QuantityScanner` ("1" + unit must scan as one quantity with a unit), so a table knows exactly
/// the units the text parser knows.
struct TableLabel {
    let raw: String
    /// The unit it states, as written (`亿元`, `%`, `万人`), or nil.
    let unit: String?
    let change: Bool
    let down: Bool
    let period: String?
    let isTotal: Bool
    /// The words for the subject: unit, change phrase, list marks and filler removed.
    let words: String

    init(_ text: String) {
        raw = text
        var s = Self.squeeze(text)
        var unit: String? = nil
        // A bracketed tail: （亿元） (%) 【万吨】 (单位：万元).
        while let (inner, rest) = Self.bracketTail(s) {
            if let u = Self.unit(in: inner) {
                if unit == nil { unit = u }
                s = rest
            } else {
                break
            }
        }
        if s.hasPrefix("单位"), let u = Self.unit(in: s) {
            unit = unit ?? u
            s = ""
        }
        // 增长% / 占比％ without brackets.
        if s.hasSuffix("%") || s.hasSuffix("％") {
            unit = unit ?? "%"
            s.removeLast()
        }
        self.unit = unit
        for mark in ["其中：", "其中:", "其中", "#", "＃", "△"] where s.hasPrefix(mark) {
            s.removeFirst(mark.count)
            break
        }
        let lowered = Self.changeWords.contains { s.contains($0) }
        change = lowered
        down = Self.downWords.contains { s.contains($0) }
        if lowered {
            // The comparison goes into `change`/`direction`, as for text metrics (地区生产总值增长5.6%).
            for w in Self.changePhrases { s = s.replacing(w, with: "") }
        }
        period = Self.period(s)
        if period != nil { s = "" }
        isTotal = Self.totalWords.contains(s)
        // A row number (序号 1, 2 …) or a filler says nothing about what is measured.
        let isNumber = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
        words = Self.fillers.contains(s) || isNumber || TableMetrics.numberingHeaders.contains(s) ? "" : s
    }

    // MARK: Lexicon (documented in docs/html.md)

    /// Words that make a column or row a change against a base period.
    /// (Not 增加 alone: 增加值 is value added.)
    static let changeWords = ["增长", "增速", "增幅", "增减", "比上年", "同比", "环比", "比上月", "比去年", "下降", "降低"]
    static let downWords = ["下降", "减少", "降低"]
    /// Removed from the subject when the label is a change (longest first).
    static let changePhrases = [
        "比上年同期增长", "比上年同期增减", "比上年同期", "比去年同期增长", "比去年同期", "比上年增长", "比上年增减", "比上年下降",
        "比上年增加", "比上年减少", "比上年", "比去年增长", "比去年", "比上月增长", "比上月", "同比增长", "同比增减", "同比下降",
        "同比增加", "同比减少", "同比", "环比增长", "环比下降", "环比", "增长速度", "增长率", "增长", "增速", "增幅", "增减", "下降",
        "降低", "±",
    ]
    static let totalWords: Set<String> = ["合计", "总计", "总数", "全部", "总体", "小计", "共计"]
    /// Column or row names that say "the number" and nothing about what is measured.
    static let fillers: Set<String> = [
        "绝对数", "绝对值", "绝对额", "数值", "数量", "数额", "金额", "总量", "指标", "指标名称", "项目", "名称", "本期", "本年",
        "本月", "当年", "全年", "累计", "实际", "数据", "完成", "完成额", "完成数", "计", "数", "值", "",
    ]

    // MARK: Pieces

    /// The label without spaces (headers are often spaced out for alignment: 指  标).
    static func squeeze(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }))
    }

    /// `X（inner）` → (inner, X) for the last bracket pair at the end.
    static func bracketTail(_ s: String) -> (String, String)? {
        guard let last = s.last, let open: Character = [")": "(", "）": "（", "】": "【", "]": "["][last] else {
            return nil
        }
        guard let i = s.lastIndex(of: open) else { return nil }
        let inner = String(s[s.index(after: i)..<s.index(before: s.endIndex)])
        return (inner, String(s[..<i]))
    }

    /// The unit stated by `单位：万元`, `万元`, `%`, `亿元、%` (the first one), or nil when the
    /// text is not a unit the parser knows.
    static func unit(in text: String) -> String? {
        var s = squeeze(text)
        if s.hasPrefix("单位") {
            s.removeFirst(2)
            if let f = s.first, f == "：" || f == ":" { s.removeFirst() }
        }
        // 亿元、% names two units: the first is the table's (per-unit units like 元/吨 stay whole).
        if let cut = s.firstIndex(where: { "、，,;；".contains($0) }) { s = String(s[..<cut]) }
        guard !s.isEmpty, s.count <= 8 else { return nil }
        let probe = "1" + s
        let qs = QuantityScanner.scan(probe)
        guard qs.count == 1, let q = qs.first, q.start == 0, q.end == probe.unicodeScalars.count, q.kind != nil else {
            return nil
        }
        return s
    }

    /// A label that is only a time: `2025年`, `2025`, `2025年上半年`, `2024年1-6月`, `1-11月`,
    /// `一季度`, `上半年` — it goes into `period`, not the subject.
    static func period(_ s: String) -> String? {
        var u = Array(s.unicodeScalars)[...]
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        if u.count >= 4, u.prefix(4).allSatisfy(isDigit) {
            let year = u.prefix(4).reduce(0) { $0 * 10 + Int($1.value - 0x30) }
            guard (1900...2100).contains(year) else { return nil }
            u = u.dropFirst(4)
            if u.isEmpty { return s }
            guard u.first == "年" else { return nil }
            u = u.dropFirst()
            if u.isEmpty { return s }
        }
        let rest = String(String.UnicodeScalarView(u))
        let parts: Set<String> = [
            "上半年", "下半年", "全年", "一季度", "二季度", "三季度", "四季度", "第一季度", "第二季度", "第三季度",
            "第四季度", "前三季度", "一至三季度",
        ]
        if parts.contains(rest) { return s }
        // 1-6月, 1—11月, 12月, 1-11月份
        var body = u
        if body.last == "份" { body = body.dropLast() }
        guard body.last == "月", body.count >= 2, isDigit(body.first!) else { return nil }
        return body.dropLast().allSatisfy({ isDigit($0) || "-—–~～至".unicodeScalars.contains($0) }) ? s : nil
    }
}
