/// An article's quote marks and sentence stops (`CharClass.quoteOrStop`), found in one pass over
/// it: `NonMetricFilter.insideQuotes` then visits only the marks around a figure instead of
/// reading every character of its window again, figure after figure.
struct QuoteMarks {
    /// Offsets of the marks, ascending.
    let positions: [Int]
    /// Whether the text holds an ASCII double quote (most Chinese text has none).
    let hasASCIIQuote: Bool
    /// Where the last search ended: figures are asked about in text order, so a search moves a
    /// few marks from here instead of bisecting the whole list.
    private var cursor = 0

    init(_ s: [UInt32]) {
        let table = CharClass.pointer
        var ascii = false
        // A slot per scalar, written only for the marks (a few in a hundred): the pages past them
        // are never touched, and no append per mark checks capacity and uniqueness.
        positions = s.withUnsafeBufferPointer { p in
            [Int](unsafeUninitializedCapacity: p.count) { out, count in
                var n = 0
                var k = CharClass.next(CharClass.quoteOrStop, in: p, from: 0, table)
                while k < p.count {
                    out[n] = k
                    n &+= 1
                    if p[k] == 0x22 { ascii = true }
                    k = CharClass.next(CharClass.quoteOrStop, in: p, from: k &+ 1, table)
                }
                count = n
            }
        }
        hasASCIIQuote = ascii
    }

    /// Index in `positions` of the first mark at or after offset `i`.
    mutating func firstIndex(atOrAfter i: Int) -> Int {
        var k = cursor
        while k < positions.count, positions[k] < i { k += 1 }
        while k > 0, positions[k - 1] >= i { k -= 1 }
        cursor = k
        return k
    }
}
