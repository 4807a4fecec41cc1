/// What a measure word adds to a subject: when one sentence counts the same thing with two
/// measure words (惠及居民3800多万户、约1亿人; 印发5期、5000本), the noun alone does not tell the figures
/// apart, the measure word does: 居民户数 / 居民人数, 期数 / 本数.
enum MeasureWordSubject {
    /// Rewrites, in place, the subjects of neighbouring counts in one sentence that share a subject
    /// but not a measure word. One pass over the metrics (neighbours only).
    static func separate(_ metrics: inout [Metric]) {
        guard metrics.count > 1 else { return }
        var i = 1
        while i < metrics.count {
            let a = metrics[i - 1], b = metrics[i]
            if a.kind == .count, b.kind == .count, !a.subject.isEmpty, a.subject == b.subject, a.unit != b.unit,
               a.basis == b.basis, a.sentence == b.sentence {
                metrics[i - 1].subject = a.subject + counted(a.unit)
                metrics[i].subject = b.subject + counted(b.unit)
            }
            i += 1
        }
    }

    /// 户 → 户数, 人次 → 人次数.
    static func counted(_ unit: String) -> String { unit + "数" }
}
