/// Qualifier words around a quantity: 约/近/超过/不到 before it, 左右/以上/以下 after it.
///
/// They are not part of the quantity's span; they set `qualifier` and the implied bounds
/// (超过3.3万 → lower 33000, 近1万 → upper 10000).
enum QualifierLexicon {
    struct Hit {
        var qualifier: Qualifier
        var length: Int
    }

    static let approximate = WordList("约 大约 约为 大概 大致 约合 约有 估计 估算")
    static let nearly = WordList("近 将近 接近 几近 近乎 逼近")
    /// 突破 (broke through), 跌破 (fell below) and 逾 are the press's threshold words.
    static let moreThan = WordList("超过 超 逾 多达 至少 最少 起码 不少于 不低于 大于 高于 多于 过 超出 突破 突破了 超越 高达逾 达逾")
    static let lessThan = WordList("不到 不足 不超过 不高于 少于 低于 小于 最多 至多 不满 未满 未达 不及 跌破 跌破了 低过 少过")
    static let approximateAfter = WordList("左右 上下 前后")
    /// 或以上 / 及以上 (1,000萬元或以上, 县级及以上): the bound itself included, still a lower bound.
    static let moreThanAfter = WordList("以上 或以上 及以上 有余 之多 多")
    static let lessThanAfter = WordList("以下 或以下 及以下 以内 之内 不到")

    /// Words that end in a qualifier character but are something else (节约, 最近, 经过).
    static let falseFriends = WordList(
        "节约 签约 合约 制约 邀约 违约 履约 预约 集约 特约 相约 契约 条约 公约 最近 附近 靠近 临近 就近 亲近 贴近 经过 通过 不过 越过 度过 跨过 错过 走过 做过 看过 赶超 发过 办过 开过 举办过 年过 有过 受过"
    )

    /// The lists `before` probes, read through one lazily initialized global per call instead
    /// of five (`before` runs for every figure, some twice).
    /// `@unchecked`: immutable after init.
    private final class BeforeLists: @unchecked Sendable {
        static let shared = BeforeLists()
        let lessThan = QualifierLexicon.lessThan, moreThan = QualifierLexicon.moreThan
        let nearly = QualifierLexicon.nearly, approximate = QualifierLexicon.approximate
        let falseFriends = QualifierLexicon.falseFriends
    }

    /// Qualifier word ending right before `i` (spaces skipped), not crossing `limit`.
    static func before(_ s: [UInt32], _ i: Int, limit: Int) -> Hit? {
        var end = i
        while end > limit, CharClass.isSpace(s[end - 1]) { end -= 1 }
        // 約每六點二分鐘: the qualifier stands before the interval marker 每.
        if end - 1 > limit, s[end - 1] == u("每") { end -= 1 }
        guard end > limit else { return nil }
        let lists = BeforeLists.shared
        // Longest match wins across the four lists (不超过 over 超过, 将近 over 近); on a tie the
        // first list probed keeps it. Plain locals: a nested function capturing the best hit cost
        // an exclusivity check per call.
        var bestLength = 0
        var bestQualifier = Qualifier.exact
        if let len = lists.lessThan.suffix(s, before: end, limit: limit) {
            bestLength = len; bestQualifier = .lessThan
        }
        if let len = lists.moreThan.suffix(s, before: end, limit: limit), len > bestLength {
            bestLength = len; bestQualifier = .moreThan
        }
        if let len = lists.nearly.suffix(s, before: end, limit: limit), len > bestLength {
            bestLength = len; bestQualifier = .nearly
        }
        if let len = lists.approximate.suffix(s, before: end, limit: limit), len > bestLength {
            bestLength = len; bestQualifier = .approximate
        }
        guard bestLength > 0 else { return nil }
        let wordLen = bestLength
        // 节约 / 最近 / 经过: a longer ordinary word swallows the qualifier character.
        if let f = lists.falseFriends.suffix(s, before: end, limit: limit), f > wordLen { return nil }
        // 合約有5,236份: the qualifier's first character closes an ordinary word (合約 "contract").
        if let f = lists.falseFriends.suffix(s, before: end - wordLen + 1, limit: limit), f >= 2 { return nil }
        // 过 alone only after punctuation or a space (年过六十 reads fine, 经过 is caught above).
        if wordLen == 1, s[end - 1] == u("过"), end - 2 >= limit, CharClass.isIdeograph(s[end - 2]) { return nil }
        return Hit(qualifier: bestQualifier, length: wordLen + (i - end))
    }

    /// Focus adverbs that bound the figure of the verb they modify: 每年至少参加1次, 最多可申请3次;
    /// 最高/最低 before a verb, or before a modal and 达, are a ceiling and a floor (每户最高补助5000元,
    /// 每人最高可达2000元); without the modal, 最高达 states the peak itself (客流最高达5万人次).
    /// After a word of one time window or a record (单日最高接待游客2.3万人次, 单月最多成交…) the adverb
    /// picks the record out of the window's values: the figure is that record, not a bound.
    static let adverbMoreThan = WordList("至少 最少 起码 最低")
    static let adverbLessThan = WordList("最多 至多 最高")
    static let boundedLinkers = WordList("达 达到 達 達到")
    /// Verbs of granting money, the commonest object of a ceiling (每人每月最高补贴1.1万元, 每户最多奖补5000元);
    /// not in the general verb list, where they would end subjects (补贴资金 is a noun).
    static let grantVerbs = WordList("补贴 补助 奖补 补 补偿 资助 扶持 救助 贴息 奖励 报销 返还 赔付 赔偿 给付 给予 发放 支付 贷")
    static let receiveVerbs = WordList("获 获得 享 享受 享有 领取 申领")
    static let recordWindows = WordList("单日 單日 单月 單月 单周 單週 单季 單季 单年 單年 单场 單場 单小时 單小時 当日 當日 历史 歷史")

    /// A focus adverb before the verb that ends right before `i` (至少参加1次): the verb phrase's
    /// figure is bounded. The verb stays in the clause (it tells what is counted).
    static func adverbBeforeVerb(_ s: [UInt32], _ i: Int, limit: Int) -> Qualifier? {
        var end = i
        while end > limit, CharClass.isSpace(s[end - 1]) { end -= 1 }
        // Every adverb opens with 至, 最 or 起, at most nine characters back (adverb, receiving verb, modal,
        // verb): most figures have none there, and are told so without a word-list probe.
        var a = end - 1
        while a >= limit, end - a <= 9, s[a] != u("至"), s[a] != u("最"), s[a] != u("起") { a -= 1 }
        guard a >= limit, end - a <= 9 else { return nil }
        let verb =
            PredicateLexicon.verbs.suffix(s, before: end, limit: limit)
            ?? grantVerbs.suffix(s, before: end, limit: limit)
        guard let vl = verb ?? boundedLinkers.suffix(s, before: end, limit: limit) else {
            return focusBeforeAnyVerb(s, end, limit: limit)
        }
        var k = end - vl
        // 最高可获补贴3000元: a verb of receiving before the grant.
        if verb != nil, let r = receiveVerbs.suffix(s, before: k, limit: limit) { k -= r }
        // 至少可参加 / 最多能申请: a modal between the adverb and the verb.
        let modal = k - 1 > limit && (s[k - 1] == u("可") || s[k - 1] == u("能") || s[k - 1] == u("要"))
        if modal { k -= 1 } else if verb == nil { return nil }
        if let a = adverbMoreThan.suffix(s, before: k, limit: limit) {
            return isRecord(s, before: k - a) ? nil : .moreThan
        }
        if let a = adverbLessThan.suffix(s, before: k, limit: limit) {
            return isRecord(s, before: k - a) ? nil : .lessThan
        }
        return nil
    }

    /// 每个乡镇卫生院至少配备1名, 至多安排3次: 至少, 起码 and 至多 bound the figure of whatever verb of one or
    /// two characters follows them (配备 is in no list); 最高/最低/最多 only that of a listed verb, as
    /// they also open nouns (最高气温).
    private static func focusBeforeAnyVerb(_ s: [UInt32], _ end: Int, limit: Int) -> Qualifier? {
        for vl in 1...2 {
            let k = end - vl
            guard k - 2 >= limit, CharClass.isIdeograph(s[k]), !CharClass.isBreak(s[k]) else { return nil }
            let (x, y) = (s[k - 2], ScriptFold.simplified(s[k - 1]))
            if (x == u("至") && y == u("少")) || (x == u("起") && y == u("码")) { return .moreThan }
            if x == u("至") && y == u("多") { return .lessThan }
        }
        return nil
    }

    /// A record window (`recordWindows`) ends right before `i`.
    private static func isRecord(_ s: [UInt32], before i: Int) -> Bool {
        recordWindows.suffix(s, before: i, limit: max(0, i - 3)) != nil
    }

    /// Qualifier word starting at `i` (after the quantity).
    static func after(_ s: [UInt32], _ i: Int, limit: Int) -> Hit? {
        guard i < limit else { return nil }
        if let len = approximateAfter.prefix(s, at: i, limit: limit) {
            // 上下 / 前后 as qualifiers only when the clause ends or a verb-less phrase follows.
            if s[i] == u("上") || s[i] == u("前") {
                let next = i + len < limit ? s[i + len] : 0x3002
                if CharClass.isIdeograph(next) && next != u("的") { return nil }
            }
            return Hit(qualifier: .approximate, length: len)
        }
        if let len = moreThanAfter.prefix(s, at: i, limit: limit) {
            if len == 1 && i + 1 < limit && CharClass.isIdeograph(s[i + 1]) { return nil }  // 多 + noun
            return Hit(qualifier: .moreThan, length: len)
        }
        if let len = lessThanAfter.prefix(s, at: i, limit: limit) { return Hit(qualifier: .lessThan, length: len) }
        return nil
    }
}
