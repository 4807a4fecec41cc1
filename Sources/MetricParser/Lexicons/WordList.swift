/// A set of short words matched forward or backward against scalar arrays (longest first).
///
/// Used for the small closed lexicons around a number (qualifiers, linking verbs, scope words);
/// lookups only happen next to numbers, never per character of the text. Words and text are
/// compared through `ScriptFold`, so a simplified list also reads traditional text (增長, 較).
/// `@unchecked`: the only non-Sendable member is the immutable, process-lifetime fold table.
/// A class: the lists live in `static let`s read next to every figure, and reading a struct of
/// four collections out of a global retains and releases each of them.
final class WordList: @unchecked Sendable {
    private let byFirst: ScalarMap<[[UInt32]]>
    private let byLast: ScalarMap<[[UInt32]]>
    /// Bitsets over the BMP of first / last characters: most probes fail here, without hashing.
    private let firstBits: [UInt64]
    private let lastBits: [UInt64]
    /// First characters of the words, folded (what `prefix` can match at).
    let firstScalars: [UInt32]
    /// `ScriptFold.pointer`, held here so hot look-ups skip the global's lazy-init check.
    private let fold: UnsafePointer<UInt16>

    init(_ words: [String]) {
        var f: [UInt32: [[UInt32]]] = [:], l: [UInt32: [[UInt32]]] = [:]
        for w in words where !w.isEmpty {
            let a = ScriptFold.simplified([UInt32](w))
            f[a.first!, default: []].append(a)
            l[a.last!, default: []].append(a)
        }
        for k in f.keys { f[k]!.sort { $0.count > $1.count } }
        for k in l.keys { l[k]!.sort { $0.count > $1.count } }
        firstScalars = Array(f.keys)
        byFirst = ScalarMap(f)
        byLast = ScalarMap(l)
        var fb = [UInt64](repeating: 0, count: 1024), lb = [UInt64](repeating: 0, count: 1024)
        for k in f.keys where k < 0x10000 { fb[Int(k >> 6)] |= 1 << (k & 63) }
        for k in l.keys where k < 0x10000 { lb[Int(k >> 6)] |= 1 << (k & 63) }
        firstBits = fb
        lastBits = lb
        fold = ScriptFold.pointer
    }

    @inline(__always)
    private func folded(_ c: UInt32) -> UInt32 { c < 0x10000 ? UInt32(fold[Int(c)]) : c }

    @inline(__always)
    private static func test(_ bits: [UInt64], _ c: UInt32) -> Bool {
        c >= 0x10000 || bits[Int(c >> 6)] & (1 << (c & 63)) != 0
    }

    convenience init(_ text: String) { self.init(text.split(separator: " ").map(String.init)) }

    /// Length of the longest word starting at `i` and ending at or before `limit`.
    func prefix(_ s: [UInt32], at i: Int, limit: Int) -> Int? {
        guard i < limit, i >= 0 else { return nil }
        let c = folded(s[i])
        guard Self.test(firstBits, c), let ws = byFirst[c] else { return nil }
        outer: for w in ws where i + w.count <= limit {
            for k in 1..<max(w.count, 1) where k < w.count && folded(s[i + k]) != w[k] { continue outer }
            return w.count
        }
        return nil
    }

    /// Length of the longest word ending right before `end` and starting at or after `limit`.
    func suffix(_ s: [UInt32], before end: Int, limit: Int) -> Int? {
        guard end - 1 >= limit, end - 1 < s.count else { return nil }
        let c = folded(s[end - 1])
        guard Self.test(lastBits, c), let ws = byLast[c] else { return nil }
        outer: for w in ws where end - w.count >= limit {
            let base = end - w.count
            for k in 0..<w.count - 1 where folded(s[base + k]) != w[k] { continue outer }
            return w.count
        }
        return nil
    }
}
