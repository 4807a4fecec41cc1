/// A set of short words matched forward or backward against scalar arrays (longest first).
///
/// Used for the small closed lexicons around a number (qualifiers, linking verbs, scope words);
/// lookups only happen next to numbers, never per character of the text. Words and text are
/// compared through `ScriptFold`, so a simplified list also reads traditional text (增長, 較).
/// `@unchecked`: the only non-Sendable members are immutable, process-lifetime tables.
/// A class: the lists live in `static let`s read next to every figure, and reading a struct of
/// four collections out of a global retains and releases each of them.
final class WordList: @unchecked Sendable {
    /// Where a word sits in `chars` (`start`, `count`): the words hold no arrays of their own, so a
    /// probe walks plain integers with no retain or release. `next` is the folded scalar beside the
    /// bucket's own (the second of a word by first character, the second to last by last), 0 for a
    /// one-scalar word: a probe tests it before walking the word, and most words of a bucket fail there.
    private struct Word {
        var start: Int32
        var count: Int32
        var next: UInt32
    }

    /// Words of one first (or last) character: `[lower, upper)` in `byFirstWords` / `byLastWords`.
    /// `nexts` has bit `next & 63` of each longer word (see `Word`), and `single` tells whether the
    /// character is a word alone: a probe whose neighbour has no bit answers without the words.
    private struct Bucket {
        var lower: Int32
        var upper: Int32
        var nexts: UInt64
        var single: Bool
    }

    /// Every word's folded scalars, end to end. This and the word groups below are allocated once
    /// per list (process-lifetime `static let`s): a probe reads them with no bounds check, no slice
    /// and no retain of an array buffer.
    private let chars: UnsafeMutablePointer<UInt32>
    /// Words grouped by first / last character, each group longest first.
    private let byFirstWords: UnsafeMutablePointer<Word>
    private let byLastWords: UnsafeMutablePointer<Word>
    private let byFirst: ScalarMap<Bucket>
    private let byLast: ScalarMap<Bucket>
    /// Bitsets over the BMP of first / last characters: most probes fail here, without hashing.
    /// A character's bit is its folded form's, so a probe tests the text's scalar before folding it.
    /// Allocated once per list (the lists are process-lifetime `static let`s).
    private let firstBits: UnsafeMutablePointer<UInt64>
    private let lastBits: UnsafeMutablePointer<UInt64>
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
        var chars: [UInt32] = []
        func group(
            _ d: [UInt32: [[UInt32]]], fromFirst: Bool
        ) -> ([Word], ScalarMap<Bucket>, UnsafeMutablePointer<UInt64>) {
            var list: [Word] = []
            var buckets: [(UInt32, Bucket)] = []
            let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 1024)
            bits.initialize(repeating: 0, count: 1024)
            for (k, ws) in d {
                let lower = Int32(list.count)
                var nexts: UInt64 = 0
                for w in ws.sorted(by: { $0.count > $1.count }) {
                    let next = w.count < 2 ? 0 : fromFirst ? w[1] : w[w.count - 2]
                    if w.count >= 2 { nexts |= 1 << (next & 63) }
                    list.append(Word(start: Int32(chars.count), count: Int32(w.count), next: next))
                    chars += w
                }
                let single = ws.contains { $0.count == 1 }
                buckets.append((k, Bucket(lower: lower, upper: Int32(list.count), nexts: nexts, single: single)))
                if k < 0x10000 { bits[Int(k >> 6)] |= 1 << (k & 63) }
            }
            return (list, ScalarMap(buckets), bits)
        }
        let (firstWords, byFirst, firstBits) = group(f, fromFirst: true)
        let (lastWords, byLast, lastBits) = group(l, fromFirst: false)
        Self.readAsWritten(firstBits)
        Self.readAsWritten(lastBits)
        (self.byFirst, self.firstBits, self.byLast, self.lastBits) = (byFirst, firstBits, byLast, lastBits)
        byFirstWords = Self.copy(firstWords)
        byLastWords = Self.copy(lastWords)
        self.chars = Self.copy(chars)
        firstScalars = Array(f.keys)
        fold = ScriptFold.pointer
    }

    deinit {
        firstBits.deallocate()
        lastBits.deallocate()
        chars.deallocate()
        byFirstWords.deallocate()
        byLastWords.deallocate()
    }

    /// Turns a bitset of folded characters into one of characters as written: each character the fold
    /// changes takes its folded form's bit (all read before any is written).
    private static func readAsWritten(_ bits: UnsafeMutablePointer<UInt64>) {
        let fold = ScriptFold.pointer
        let changed = ScriptFold.changed.map { ($0, test(bits, UInt32(fold[Int($0)]))) }
        for (c, set) in changed {
            if set { bits[Int(c >> 6)] |= 1 << (c & 63) } else { bits[Int(c >> 6)] &= ~(1 << (c & 63)) }
        }
    }

    /// `array` in a buffer of its own (at least one element, so an empty list allocates too).
    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
        _ = UnsafeMutableBufferPointer(start: p, count: array.count).initialize(from: array)
        return p
    }

    @inline(__always)
    private func folded(_ c: UInt32) -> UInt32 { c < 0x10000 ? UInt32(fold[Int(c)]) : c }

    @inline(__always)
    private static func test(_ bits: UnsafeMutablePointer<UInt64>, _ c: UInt32) -> Bool {
        c >= 0x10000 || bits[Int(c >> 6)] & (1 << (c & 63)) != 0
    }

    convenience init(_ text: String) { self.init(text.split(separator: " ").map(String.init)) }

    /// Whether some word may start with `c` (false only when none does): a test without decoding
    /// or hashing, for callers that would otherwise build a scalar array first.
    func mayStart(with c: UInt32) -> Bool { Self.test(firstBits, c) }

    /// Whether some word may end with `c` (false only when none does), like `mayStart(with:)`.
    func mayEnd(with c: UInt32) -> Bool { Self.test(lastBits, c) }

    /// The characters some word of any of several lists may end with (`mayEnd` of each, in one
    /// bitset): a loop that probes the lists at every character skips most characters with one test.
    /// `@unchecked`: the bitset is immutable after init (held by process-lifetime lexicons).
    final class Ends: @unchecked Sendable {
        private let bits: UnsafeMutablePointer<UInt64>

        init(_ lists: [WordList]) {
            bits = .allocate(capacity: 1024)
            bits.initialize(repeating: 0, count: 1024)
            for list in lists { for w in 0..<1024 { bits[w] |= list.lastBits[w] } }
        }

        deinit { bits.deallocate() }

        @inline(__always)
        func contains(_ c: UInt32) -> Bool { WordList.test(bits, c) }
    }

    /// Length of the longest word starting at `i` and ending at or before `limit`.
    /// Inlined: most probes stop at the bitset, and a call would cost more than the test.
    @inline(__always)
    func prefix(_ s: [UInt32], at i: Int, limit: Int) -> Int? {
        guard i < limit, i >= 0 else { return nil }
        let c = s[i]
        guard Self.test(firstBits, c) else { return nil }
        return prefixWords(s, at: i, limit: limit, first: folded(c))
    }

    /// `prefix` past the bitset: the words starting with `c` (folded `s[i]`), longest first.
    private func prefixWords(_ s: [UInt32], at i: Int, limit: Int, first c: UInt32) -> Int? {
        guard let b = byFirst[c] else { return nil }
        // The scalar after `c` (0, no word's, past the limit): a longer word must have it next.
        let next = i + 1 < limit && i + 1 < s.count ? folded(s[i + 1]) : 0
        if b.nexts & (1 << (next & 63)) == 0 { return b.single ? 1 : nil }
        for j in Int(b.lower)..<Int(b.upper) {
            let w = byFirstWords[j]
            if w.count == 1 { return 1 }
            if w.next == next, i + Int(w.count) <= limit, matches(s, at: i, w, 2..<Int(w.count)) {
                return Int(w.count)
            }
        }
        return nil
    }

    /// Whether the folded `s[base + k]` is the word's `k`-th scalar for every `k` in `ks` (the
    /// bucket's own character is already known to match).
    @inline(__always)
    private func matches(_ s: [UInt32], at base: Int, _ w: Word, _ ks: Range<Int>) -> Bool {
        let word = chars + Int(w.start)
        for k in ks where folded(s[base + k]) != word[k] { return false }
        return true
    }

    /// Length of the longest word ending right before `end` and starting at or after `limit`.
    /// Inlined like `prefix`.
    @inline(__always)
    func suffix(_ s: [UInt32], before end: Int, limit: Int) -> Int? {
        guard end - 1 >= limit, end - 1 < s.count else { return nil }
        let c = s[end - 1]
        guard Self.test(lastBits, c) else { return nil }
        return suffixWords(s, before: end, limit: limit, last: folded(c))
    }

    /// `suffix` past the bitset: the words ending with `c` (folded `s[end - 1]`), longest first.
    private func suffixWords(_ s: [UInt32], before end: Int, limit: Int, last c: UInt32) -> Int? {
        guard let b = byLast[c] else { return nil }
        // The scalar before `c` (0, no word's, past the limit): a longer word must have it there.
        let next = end - 2 >= limit && end >= 2 ? folded(s[end - 2]) : 0
        if b.nexts & (1 << (next & 63)) == 0 { return b.single ? 1 : nil }
        for j in Int(b.lower)..<Int(b.upper) {
            let w = byLastWords[j]
            if w.count == 1 { return 1 }
            if w.next == next, end - Int(w.count) >= limit,
                matches(s, at: end - Int(w.count), w, 0..<Int(w.count) - 2)
            {
                return Int(w.count)
            }
        }
        return nil
    }
}
