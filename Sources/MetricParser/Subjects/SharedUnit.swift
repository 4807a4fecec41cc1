/// Coordinated numbers that share one unit: 高于全国、全省5.9和2.9个百分点, 分别增长3和5个百分点.
///
/// The first number is bare (no unit of its own) and is joined to a quantity with a unit by 和 / 、
/// / 及 / 与; it is a figure of that unit and scale. So is a first number that wrote only the
/// measure word 个 of a unit that begins with it (个百分点, 个月, 个小时): 分别提高6.5个和9.3个百分点. When the comparison before them names as many
/// references as there are figures (全国全省, 全国、全省), each figure is compared with its own.
enum SharedUnit {
    /// The bare number at `i` read with the unit of the first figure with one in its list: the next,
    /// or one across more bare numbers (51.3萬、47.9萬及39.6萬人次); nil when they are not coordinated.
    static func borrow(_ qs: UnsafeMutableBufferPointer<RawQuantity>, at i: Int, in s: [UInt32])
        -> (quantity: RawQuantity, lender: Int)?
    {
        var j = i + 1
        while j < qs.count, j - i <= 8, joined(qs[j - 1], qs[j], in: s) {
            if qs[j].kind != nil { return borrow(qs[i], lender: qs[j], in: s).map { ($0, j) } }
            j += 1
        }
        return nil
    }

    /// `q` and `next` are cardinals joined by 和 / 、 / 及 / 与 alone.
    private static func joined(_ q: RawQuantity, _ next: RawQuantity, in s: [UInt32]) -> Bool {
        guard q.role == .cardinal, next.role == .cardinal, q.end < next.start, next.start - q.end <= 2 else {
            return false
        }
        var k = q.end
        while k < next.start, CharClass.isSpace(s[k]) { k += 1 }
        guard k < next.start, joints.contains(s[k]) else { return false }
        k += 1
        while k < next.start, CharClass.isSpace(s[k]) { k += 1 }
        return k == next.start
    }

    private static func borrow(_ q: RawQuantity, lender next: RawQuantity, in s: [UInt32]) -> RawQuantity? {
        guard
            q.kind == nil
                || writesLeadOfUnit(q.kind, q.unitStart, q.unitEnd, q.end, next: next.unitStart, next.unitEnd, s),
            let kind = next.kind,
            q.value.isFinite, next.number != 0
        else { return nil }
        // 3和5万元: the multiplier written once belongs to both, unless the number wrote its own (47.9萬、
        // 39.6萬人次); the unit's factor too (公里 → m). A count is whole at its scale (1347.4、308.9和149.9亿件).
        let scale = multiplier(s, q.numberStart, q.numberEnd) > 1 ? 1 : multiplier(s, next.numberStart, next.numberEnd)
        guard kind != .count || FloatMath.isIntegral(FloatMath.tidy(q.number * scale)) else { return nil }
        var out = q
        out.kind = kind
        out.unit = next.unit
        out.value = q.number * scale * (next.value / next.number)
        if q.kind == nil {
            out.unitStart = q.end
            out.unitEnd = q.end
        }
        return out
    }

    /// Whether `borrow` can answer for `q` and the figure after it, read in place (most figures have
    /// a unit of their own, and copying the two quantities costs more than the test).
    @inline(__always)
    static func mayBorrow(_ q: UnsafePointer<RawQuantity>, next: UnsafePointer<RawQuantity>, in s: [UInt32]) -> Bool {
        q.pointee.kind == nil
            || writesLeadOfUnit(
                q.pointee.kind, q.pointee.unitStart, q.pointee.unitEnd, q.pointee.end,
                next: next.pointee.unitStart, next.pointee.unitEnd, s)
    }

    /// `q` wrote only 个 (個) and `next`'s unit is longer and begins with it: 6.5个 before 9.3个百分点.
    @inline(__always)
    private static func writesLeadOfUnit(
        _ kind: MetricKind?, _ unitStart: Int, _ unitEnd: Int, _ end: Int, next a: Int, _ b: Int, _ s: [UInt32]
    ) -> Bool {
        guard kind == .count, unitEnd - unitStart == 1, unitEnd == end, b - a > 1, a >= 0, b <= s.count else {
            return false
        }
        let c = s[unitStart]
        return (c == u("个") || c == u("個")) && s[a] == c
    }

    /// The 万 / 亿 / 千 written after the last digit of a number (5万 → 1e4, 2.1万亿 → 1e12), else 1.
    static func multiplier(_ s: [UInt32], _ a: Int, _ b: Int) -> Double {
        var k = b, m = 1.0
        while k > a {
            switch s[k - 1] {
            case u("万"), u("萬"): m *= 1e4
            case u("亿"), u("億"): m *= 1e8
            case u("千"): m *= 1e3
            default: return m
            }
            k -= 1
        }
        return m
    }

    /// 全国全省 / 全国、全省 / 全国和全省 → [全国, 全省]; one reference stays whole.
    static func references(_ r: String) -> [String] {
        let a = [UInt32](r)
        var parts: [[UInt32]] = [[]]
        for c in a {
            if joints.contains(c) { parts.append([]); continue }
            // 全国全省: each scope word 全X starts a reference of its own.
            if c == u("全"), !parts[parts.count - 1].isEmpty { parts.append([]) }
            parts[parts.count - 1].append(c)
        }
        return parts.filter { !$0.isEmpty }.map { String(scalars: $0) }
    }

    static let joints = ScalarSet("和、及与")
}
