/// A topic clause heading a ；-separated item: 甲合作社，提供保洁岗位，带动25名贫困户就业，月收入1000元左右；乙合作社，
/// 种植蔬菜103亩 … — the bare noun phrase that opens the item (after ；) is what every figure of the
/// item is about: 甲合作社月收入, 乙合作社种植蔬菜.
///
/// The text is read forward once (each scalar once), so the cost is linear in the article.
struct SegmentTopic {
    private var scanned = 0
    private var segmentStart = -1
    private var topic = ""
    /// The last item's topic: a parallel item names its topic with the same head (物业合作社；种植合作社).
    private var previous: [UInt32] = []

    /// The topic of the item holding `position`, or "" when its first clause is not a bare noun phrase.
    mutating func topic(_ finder: SubjectFinder, before position: Int, sentence: Range<Int>) -> String {
        let s = finder.s
        let from = max(scanned, sentence.lowerBound)
        // An item starts after ；. The first clause of a sentence is not read as a topic: it is as
        // often a frame (初步核算，过去一年，生态环境持续改善，) as a noun.
        var start = segmentStart
        if start < sentence.lowerBound { start = -1 }
        // Only the last separator before `position` counts: read back from it, up to what was read.
        // 成立3个合作社：甲合作社，…；乙合作社，…: the colon opens the first item of the list.
        if from < position {
            s.withUnsafeBufferPointer { p in
                var k = position
                while k > from {
                    k -= 1
                    // ；(FF1B) ：(FF1A) ; (3B) : (3A): one test per pair (the two differ in the last bit).
                    let c = p[k] | 1
                    if c == 0xFF1B || c == 0x3B { start = k + 1; break }
                }
            }
        }
        scanned = max(scanned, position)
        if start != segmentStart {
            segmentStart = start
            topic = start >= 0 ? Self.read(finder, start, position, previous: previous) : ""
            if !topic.isEmpty { previous = [UInt32](topic) }
        }
        return topic
    }

    /// The first clause of `[a, limit)` when it is a bare noun phrase: 2–8 characters, no digit, no
    /// verb or linking word, not a framing phrase (分产业看, 在…中, 据了解).
    private static func read(_ f: SubjectFinder, _ a: Int, _ limit: Int, previous: [UInt32]) -> String {
        let s = f.s
        var b = a
        while b < limit, !CharClass.isBreak(s[b]) || s[b] == u("、") {
            if s[b] == u("、") { return "" }  // a list of names (甲区、乙区紧随其后) is not one topic
            b += 1
        }
        guard b < limit else { return "" }  // the figure is in this clause: no topic clause
        var (x, y) = f.trim(a, b)
        // 而派遣用工性质的城管监督员，…: a modifier ending in 的 describes the topic; its head is the name.
        if let d = f.lastIndex(of: u("的"), x, y), y - (d + 1) >= 2 { x = d + 1 }
        guard y - x >= 2, y - x <= 8 else { return "" }
        // 物业合作社，…；种植合作社，…: an item opened with the previous item's head (two or more
        // characters) is a parallel name, even when a modifier in it is a verb (种植).
        var head = 0
        while head < min(previous.count, y - x), s[y - 1 - head] == previous[previous.count - 1 - head] { head += 1 }
        let parallel = head >= 2 && head < y - x
        var k = x
        while k < y, !parallel {
            if CharClass.has(s[k], CharClass.asciiDigit) || CharClass.isDigit(s[k]) { return "" }
            // A verb, a linking word or a change (物价进一步调低) makes the clause a statement, not a name.
            if PredicateLexicon.verbs.prefix(s, at: k, limit: y) != nil
                || PredicateLexicon.linkers.prefix(s, at: k, limit: y) != nil
                || (PredicateLexicon.increase.prefix(s, at: k, limit: y) ?? 0) >= 2
                || (PredicateLexicon.decrease.prefix(s, at: k, limit: y) ?? 0) >= 2
            {
                return ""
            }
            k += 1
        }
        if framing.contains(s[y - 1]) || openers.contains(s[x]) { return "" }
        return f.clean(x, y)
    }

    /// Last characters of framing phrases (分产业看, 总体而言, 另一方面, 在…中, 据了解).
    static let framing = Set([UInt32]("看言面中解说示计計說"))
    /// First characters of framing phrases (在…中, 据了解, 从…看, 按…统计, 对于…).
    static let openers = Set([UInt32]("在据據从從按对對就为為"))
}
