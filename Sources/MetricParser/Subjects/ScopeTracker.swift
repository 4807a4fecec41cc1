/// The scope a lead-in sets for the figures after it, tracked in one pass over an article.
///
/// 其中 opens a breakdown of the figure before it: 港口完成货物吞吐量519376万吨。其中，沿海港口完成354599万吨
/// reads "沿海港口 [货物吞吐量]", and 装机容量7487.71万千瓦。其中，水电971.82万千瓦 reads "水电 [装机容量]".
/// The breakdown lasts to the end of the sentence that holds the 其中. Positions are visited in
/// increasing order and each scalar is looked at once, so the cost is linear in the article.
struct ScopeTracker {
    private var scanned = 0
    private var sentenceEnd = 0
    /// The indicator of the last figure that named one (without its topic).
    private var lastIndicator = ""
    /// The indicator a 其中 opened, valid up to `sentenceEnd`.
    private(set) var parent: String? = nil
    private var parentKind: MetricKind? = nil
    private var lastKind: MetricKind? = nil

    /// Reads the text up to `position` (the next figure) for lead-ins.
    mutating func advance(_ s: [UInt32], to position: Int, sentence: Range<Int>) {
        if sentence.lowerBound >= sentenceEnd { parent = nil }
        var k = max(scanned, sentence.lowerBound)
        while k + 1 < position {
            if s[k] == u("其"), s[k + 1] == u("中"), k == sentence.lowerBound || CharClass.isBreak(s[k - 1]) || CharClass.isSpace(s[k - 1]),
               !lastIndicator.isEmpty {
                parent = lastIndicator
                parentKind = lastKind
                sentenceEnd = sentence.upperBound
            }
            k += 1
        }
        scanned = max(scanned, position)
    }

    /// The subject of a figure inside a breakdown: the part named plus the parent's indicator.
    func apply(_ found: SubjectFinder.Result, base: String, kind: MetricKind?) -> String {
        guard let parent, !found.change else { return base }
        if found.bareLightVerb { return found.topic + parent }
        // 水电971.82万千瓦 under 装机容量: a bare part names a scope, not a new indicator.
        guard !base.isEmpty, !found.linked, found.indicator.isEmpty, found.shareBase == nil, kind == parentKind else { return base }
        let b = [UInt32](base), p = [UInt32](parent)
        guard b.count <= 6, p.count >= 2 else { return base }
        if sharesHead(b, p) { return base }
        return base + parent
    }

    /// Remembers the figure's indicator as the one a later 其中 breaks down.
    mutating func record(_ found: SubjectFinder.Result, base: String, kind: MetricKind?) {
        guard !found.change, !base.isEmpty, parent == nil else { return }
        lastIndicator = found.indicator.isEmpty ? base : found.indicator
        lastKind = kind
    }

    /// 发明专利 under 申请专利, 省级龙头企业 under 龙头企业: the part already names the indicator's head.
    private func sharesHead(_ b: [UInt32], _ p: [UInt32]) -> Bool {
        let tail = p.suffix(2)
        var k = 0
        while k + 1 < b.count {
            if b[k] == tail[tail.startIndex], b[k + 1] == tail[tail.startIndex + 1] { return true }
            k += 1
        }
        return false
    }
}
