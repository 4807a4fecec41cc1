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
        if s == t.original { return s }  // same storage when nothing was normalized
        var out: [UInt32]? = nil
        for i in 0..<s.count {
            let c = s[i]
            guard c >= 0x3400, CharClass.isIdeograph(c) else { continue }
            let o = t.original[t.originalOffset(i)]
            guard o != c, CharClass.isIdeograph(o) else { continue }
            if out == nil { out = s }
            out![i] = o
        }
        return out ?? s
    }
}
