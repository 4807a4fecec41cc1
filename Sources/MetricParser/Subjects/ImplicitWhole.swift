/// 经甲码头入境旅客…为5084179人次，香港旅客占60.7%: a share whose whole the text leaves implicit is
/// a share of the sentence's last figure's thing (WHOLE中PART占比); not when that figure is a share itself.
/// A 分别占 list keeps the whole for each of its figures.
struct ImplicitWhole {
    /// The whole of the current 分别占 list of shares (以甲、乙旅客为主，分别占…).
    private var listWhole: String? = nil
    /// The whole named by the share before a 分别占 list (甲占总数58.1%；乙及丙分别占…): the list's too.
    private var listNamedWhole: String? = nil

    /// `share` (PART占比) as a share of `whole`, the sentence's last subject; `list`: it heads a 分别占 list.
    mutating func share(_ share: String, of whole: String?, list: Bool) -> String {
        guard let whole, !whole.isEmpty, !InertText.hasPrefix(share, whole) else { return share }
        if Self.isShare(whole) {
            guard list, let named = Self.namedWhole(whole) else { return share }
            listNamedWhole = named
            return Self.shareOf(share, named)
        }
        if list { listWhole = whole }
        return whole + "中" + share
    }

    /// A later figure of the list: the list's whole applied to its own subject.
    func listItem(_ base: String) -> String {
        var base = base
        if let whole = listWhole { base = whole + "中" + base }
        if let whole = listNamedWhole { base = Self.shareOf(base, whole) }
        return base
    }

    mutating func endList() {
        if listWhole != nil { listWhole = nil }
        if listNamedWhole != nil { listNamedWhole = nil }
    }

    /// The whole a share names (甲占总数 → 总数, 甲占旅客总数比重 → 旅客总数), or nil.
    private static func namedWhole(_ share: String) -> String? {
        let a = [UInt32](share)
        guard let k = a.lastIndex(where: { $0 == u("占") || $0 == u("佔") }) else { return nil }
        var w = Array(a[(k + 1)...])
        if w.count > 2, w.suffix(2) == [u("比"), u("重")] { w.removeLast(2) }
        return w.count >= 2 ? String(scalars: w) : nil
    }

    /// 乙占比 + 总数 → 乙占总数比重.
    private static func shareOf(_ share: String, _ whole: String) -> String {
        let a = [UInt32](share)
        guard a.count > 2, a.last == u("比"), a[a.count - 2] == u("占") || a[a.count - 2] == u("佔") else {
            return share
        }
        return String(scalars: a[..<(a.count - 1)]) + whole + "比重"
    }

    private static func isShare(_ subject: String) -> Bool {
        InertText.hasSuffix(subject, "比重") || InertText.hasSuffix(subject, "占比")
            || InertText.hasSuffix(subject, "佔比") || InertText.contains(subject, "占")
            || InertText.contains(subject, "佔")
    }
}
