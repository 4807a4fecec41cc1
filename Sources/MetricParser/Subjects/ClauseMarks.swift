/// The characters a clause holds that some subject rules need, read in one pass over the clause: a
/// rule whose key character the clause lacks is skipped, instead of each rule rescanning the clause.
struct ClauseMarks: OptionSet {
    let rawValue: UInt16

    /// A first character of an estimate verb (估计, 预计 …; see `SubjectFinder.estimateVerbs`).
    static let estimate = ClauseMarks(rawValue: 1)
    /// 由 / 从: the start of a disposal's earlier value (将…由).
    static let from = ClauseMarks(rawValue: 2)
    /// 将 / 把: the disposal marker.
    static let disposal = ClauseMarks(rawValue: 4)
    /// A first character of a reference head (高于, 超 …; see `SubjectFinder.isReferenceFirst`).
    static let reference = ClauseMarks(rawValue: 8)
    /// 比 / 较: a compared base (较去年第四季的4.3%).
    static let compared = ClauseMarks(rawValue: 16)
    /// A first or last character of a pronoun (这, 它们 …; see `SubjectFinder.pronouns`).
    static let pronoun = ClauseMarks(rawValue: 32)
    /// 至 / 到: the end of a 至-linker (升至, 降到).
    static let to = ClauseMarks(rawValue: 64)
    /// 占 / 佔, or the first character of a ratio copula (为X的…): a share.
    static let share = ClauseMarks(rawValue: 128)
    /// 等: the end of a list of examples (水电气热等各类老化管线).
    static let examples = ClauseMarks(rawValue: 256)
    /// An opening parenthesis: a figure may stand inside one right after its noun (建造業（由7.2%…）).
    static let open = ClauseMarks(rawValue: 512)

    /// The marks of every BMP scalar, through `ScriptFold` like the rules' own tests (將 is 将).
    /// Read through `SubjectFinder.Lexicons.clauseMarks`: a read of the static is a `swift_once`.
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 0x10000)
        let estimates = SubjectFinder.estimateVerbs, pronouns = SubjectFinder.pronouns
        let fold = ScriptFold.pointer
        for c in 0..<UInt32(0x10000) {
            let f = UInt32(fold[Int(c)])
            var m: ClauseMarks = []
            // The word lists' own first/last-character tests: a word can only start or end there.
            if estimates.mayStart(with: c) { m.insert(.estimate) }
            if pronouns.mayStart(with: c) || pronouns.mayEnd(with: c) { m.insert(.pronoun) }
            if f == u("由") || f == u("从") { m.insert(.from) }
            if f == u("将") || c == u("把") { m.insert(.disposal) }
            if SubjectFinder.isReferenceFirst(c) { m.insert(.reference) }
            if c == u("比") || f == u("较") { m.insert(.compared) }
            if f == u("至") || c == u("到") { m.insert(.to) }
            if c == u("占") || c == u("佔") || PredicateLexicon.ratioCopulas.mayStart(with: c) { m.insert(.share) }
            if c == u("等") { m.insert(.examples) }
            if c == 0x28 || c == 0xFF08 { m.insert(.open) }
            t[Int(c)] = m.rawValue
        }
        return t
    }()

    /// The marks of `s[a..<b]` (`0 <= a <= b <= s.count`), by `table` (`ClauseMarks.table`).
    /// Through buffer pointers: no bounds check per scalar, and a BMP scalar is always in the table.
    init(_ s: [UInt32], _ a: Int, _ b: Int, table: [UInt16]) {
        precondition(a >= 0 && b <= s.count && table.count == 0x10000)
        var m: UInt16 = 0
        s.withUnsafeBufferPointer { p in
            table.withUnsafeBufferPointer { t in
                for k in a..<b where p[k] < 0x10000 { m |= t[Int(p[k])] }
            }
        }
        rawValue = m
    }

    init(rawValue: UInt16) { self.rawValue = rawValue }
}
