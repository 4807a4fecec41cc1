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
            // Fields are read in place: copying whole metrics would retain every string of each.
            // The units are compared through the fold last: most neighbours differ in subject, the cheaper test.
            if metrics[i - 1].kind == .count, metrics[i].kind == .count, metrics[i - 1].unit != metrics[i].unit,
                !metrics[i].subject.isEmpty, metrics[i - 1].subject == metrics[i].subject,
                metrics[i - 1].basis == metrics[i].basis, metrics[i - 1].sentence == metrics[i].sentence,
                !sameWord(metrics[i - 1].unit, metrics[i].unit)
            {
                let word = writtenNumber(metrics[i].subject + metrics[i - 1].unit + metrics[i].unit)
                metrics[i - 1].subject += metrics[i - 1].unit + word
                metrics[i].subject += metrics[i].unit + word
            }
            i += 1
        }
    }

    /// One measure word in either script (个 borrowed by 3和5個 is 個).
    static func sameWord(_ a: String, _ b: String) -> Bool {
        a == b
            || a.unicodeScalars.map { ScriptFold.simplified($0.value) }
                == b.unicodeScalars.map { ScriptFold.simplified($0.value) }
    }

    /// 户 → 户数, 人次 → 人次数: the noun 数 in the script of the subject and its measure words (旅行團人次數,
    /// 居民戶數 in a traditional report).
    static func writtenNumber(_ words: String) -> String {
        words.unicodeScalars.contains { $0.value >= 0x3400 && ScriptFold.simplified($0.value) != $0.value } ? "數" : "数"
    }
}
