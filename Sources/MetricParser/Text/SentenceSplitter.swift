/// Sentence bounds around a position: 。！？!? and line breaks end a sentence; ；does not.
enum SentenceSplitter {
    /// Normalized `[start, end)` of the sentence containing `i`, end including its final mark,
    /// with surrounding whitespace trimmed.
    /// A "sentence" longer than `reach` on either side (a table flattened into one line) is cut
    /// at `reach`, which keeps the work per figure bounded.
    static func bounds(_ s: [UInt32], around i: Int, reach: Int = 2000) -> Range<Int> {
        var a = min(i, s.count)
        let lowest = max(0, i - reach)
        // The table once, not through the global's lazy-init check per character.
        let table = CharClass.pointer
        @inline(__always) func isBreak(_ c: UInt32) -> Bool {
            c < 0x10000 && table[Int(c)] & CharClass.sentenceBreak != 0
        }
        while a > lowest, !isBreak(s[a - 1]) { a -= 1 }
        var b = i
        let highest = min(s.count, i + reach)
        if b < highest {
            // The next break, four characters a step (`highest` when none).
            b = s.withUnsafeBufferPointer {
                CharClass.next(
                    CharClass.sentenceBreak, in: UnsafeBufferPointer(rebasing: $0[..<highest]), from: i, table)
            }
            if b < highest {
                if s[b] != 0x0A && s[b] != 0x0D { b += 1 }
                // Closing quotes and brackets belong to the sentence they end.
                while b < s.count, s[b] == 0x201D || s[b] == 0x2019 || s[b] == 0x29 || s[b] == 0xFF09 || s[b] == 0x300B
                { b += 1 }
            }
        }
        while a < b, CharClass.isSpace(s[a]) { a += 1 }
        while b > a, CharClass.isSpace(s[b - 1]) || s[b - 1] == 0x0A || s[b - 1] == 0x0D { b -= 1 }
        return a..<b
    }
}
