/// The text the subject rules read: the normalized text with its script folds undone.
///
/// The normalizer folds the traditional characters the scanners test one by one (陸→陆, 與→与,
/// 個→个, 萬→万 …). A subject is the article's own text as written, so the subject steps read a
/// copy where every ideograph that was folded is the original again: 中國大陸旅客, not 中國大陆旅客.
/// Offsets are the normalized ones (a fold is one scalar for one), so figure spans still apply;
/// the subject rules match words through `ScriptFold` and read both scripts. Entities, full-width
/// forms and punctuation stay normalized. A text with no folded ideograph is returned as is.
enum WrittenText {
    static func scalars(_ t: NormalizedText) -> [UInt32] {
        let s = t.scalars
        // Same storage when nothing was normalized; the same ideographs when none was folded.
        if !t.foldsIdeographs || s == t.original { return s }
        // A pass over every scalar of the article: the class table and both arrays are read
        // through pointers loaded once, not through a global's lazy-init check per scalar.
        let classes = CharClass.pointer
        @inline(__always) func isIdeograph(_ c: UInt32) -> Bool {
            c < 0x10000 ? classes[Int(c)] & CharClass.ideograph != 0 : CharClass.isIdeograph(c)
        }
        var changed: [(Int, UInt32)] = []
        s.withUnsafeBufferPointer { sb in
            t.original.withUnsafeBufferPointer { ob in
                for i in 0..<sb.count {
                    let c = sb[i]
                    guard c >= 0x3400, isIdeograph(c) else { continue }
                    let o = ob[t.originalOffset(i)]
                    guard o != c, isIdeograph(o) else { continue }
                    changed.append((i, o))
                }
            }
        }
        if changed.isEmpty { return s }
        var out = s
        for (i, o) in changed { out[i] = o }
        return out
    }
}

extension WrittenText {
    /// A count's measure word as written: 142間, 1,056個. The normalizer folds 個 and 間 for the
    /// scanners, but the measure word is the article's own word (as 項 and 人次 already are, being
    /// left as written), so a traditional report's units do not change script with the character.
    /// Read from `written` (`scalars(_:)` of the same text); `unit` is kept when it is not the span's
    /// text (人(次) → 人次) or nothing in it was folded.
    static func measureWord(_ unit: String, _ span: Range<Int>, normalized: [UInt32], written: [UInt32]) -> String {
        guard !span.isEmpty, span.upperBound <= written.count, span.upperBound <= normalized.count,
            !written[span].elementsEqual(normalized[span]),
            unit.unicodeScalars.lazy.map(\.value).elementsEqual(normalized[span])
        else { return unit }
        return String(scalars: written[span])
    }
}
