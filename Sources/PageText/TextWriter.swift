/// Builds the page's text as a reader sees it: whitespace collapsed to one space, none at the
/// start or end of a line, one line break per block boundary, and nothing at all where one inline
/// element ends and the next begins (`<span>1234.5</span>亿元` → `1234.5亿元`). A line break in
/// the source between two CJK characters vanishes (CSS segment-break rule): Chinese has no spaces.
/// Counts Unicode scalars as it goes, so cells and tables know their offsets.
struct TextWriter {
    let bytes: ByteBuffer
    /// Scalars written so far (= code-point offset of the next one).
    private(set) var scalars = 0
    private var pendingSpace = false
    private var pendingSegmentBreak = false
    private var pendingBreak = false
    /// Inside a table cell a block boundary is a space: the row stays one line.
    var inCell = false

    init(capacity: Int) { bytes = ByteBuffer(capacity: capacity) }

    /// The last scalar written (a line feed before the first): read back from the bytes when a
    /// pending space or break needs it, instead of decoding every scalar as it is copied.
    private var last: UInt32 {
        let end = bytes.count
        guard end > 0 else { return 0x0A }
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return Self.scalar(bytes.bytes(start..<end), at: 0)
    }

    /// A block boundary: the next text starts a new line.
    mutating func breakLine() {
        if inCell { pendingSpace = true } else { pendingBreak = true }
    }

    /// Writes a pending line break now (a table row must know where it starts).
    mutating func flushBreak() {
        if pendingBreak, bytes.count > 0, last != 0x0A { put(0x0A) }
        pendingBreak = false
        pendingSpace = false
        pendingSegmentBreak = false
    }

    /// A hard separator between table cells.
    mutating func tab() {
        flushBreak()
        put(0x09)
    }

    /// Ends a cell: a trailing space is never written.
    mutating func dropPendingSpace() {
        pendingSpace = false
        pendingSegmentBreak = false
    }

    /// A byte that is copied as it is: visible ASCII, a continuation byte, or the lead byte of a
    /// character that is never a space (only C2, E2 and EF lead the no-break spaces, the
    /// zero-width space and the BOM). libxml2 hands over whole UTF-8 characters, so a byte that
    /// is not ordinary is always where a character starts.
    @inline(__always) private static func isOrdinary(_ b: UInt8) -> Bool {
        b < 0x80 ? (b > 0x20 && b != 0x7F) : (b != 0xC2 && b != 0xE2 && b != 0xEF)
    }

    /// Whether all eight bytes are ordinary (`isOrdinary`).
    @inline(__always) private static func allOrdinary(_ x: UInt64) -> Bool {
        (WordBytes.below(x, 0x21) | WordBytes.equal(x, 0x7F) | WordBytes.equal(x, 0xC2) | WordBytes.equal(x, 0xE2)
            | WordBytes.equal(x, 0xEF)) == 0
    }

    /// Copies runs of visible characters whole; stops at each space, control, no-break space
    /// or BOM, and before a character that a pending break or space must precede.
    mutating func text(_ s: UnsafeBufferPointer<UInt8>) {
        // A character cut off at the end is not written.
        let n = Self.completeLength(s)
        let raw = UnsafeRawBufferPointer(s)
        var i = 0, run = 0
        while i < n {
            let b = s[i]
            if Self.isOrdinary(b) {
                if pendingBreak || pendingSpace {
                    commit(s, run, i)
                    run = i
                    flush(before: Self.scalar(s, at: i))
                }
                i += 1
                while i + 8 <= n, Self.allOrdinary(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
                while i < n, Self.isOrdinary(s[i]) { i += 1 }
                continue
            }
            if b < 0x80 {
                commit(s, run, i)
                switch b {
                case 0x20, 0x09, 0x0D, 0x0C: pendingSpace = true
                case 0x0A:
                    pendingSpace = true
                    pendingSegmentBreak = true
                default: break
                }
                i += 1
                run = i
                continue
            }
            let len = b == 0xC2 ? 2 : 3
            guard i + len <= n else { break }
            let v = Self.scalar(s, at: i)
            // No-break spaces (&nbsp;) collapse like spaces; a BOM is dropped.
            let space = v == 0xA0 || v == 0x2002 || v == 0x2003 || v == 0x2009
            if space || v == 0xFEFF || v == 0x200B {
                commit(s, run, i)
                if space { pendingSpace = true }
                i += len
                run = i
                continue
            }
            if pendingBreak || pendingSpace {
                commit(s, run, i)
                run = i
                flush(before: v)
            }
            i += len
        }
        commit(s, run, n)
    }

    /// Bytes of `s` up to the last whole character (a lead byte needs its continuation bytes).
    private static func completeLength(_ s: UnsafeBufferPointer<UInt8>) -> Int {
        let n = s.count
        var j = n - 1
        while j >= 0, n - j < 4, s[j] & 0xC0 == 0x80 { j -= 1 }
        guard j >= 0, s[j] >= 0x80 else { return n }
        let b = s[j]
        let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return j + len <= n ? n : j
    }

    /// The scalar whose lead byte is at `i` (whole: see `completeLength`).
    private static func scalar(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let b = s[i]
        if b < 0x80 { return UInt32(b) }
        let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len where i + k < s.count { v = v << 6 | UInt32(s[i + k] & 0x3F) }
        return v
    }

    /// Writes `s[from..<to]`, counting its scalars (bytes that are not continuation bytes).
    private mutating func commit(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        guard to > from else { return }
        scalars += bytes.appendCountingScalars(UnsafeBufferPointer(rebasing: s[from..<to]))
    }

    private mutating func flush(before next: UInt32) {
        if pendingBreak {
            if bytes.count > 0, last != 0x0A { put(0x0A) }
        } else if pendingSpace, last != 0x0A, last != 0x09,
            !(pendingSegmentBreak && Self.isCJK(last) && Self.isCJK(next))
        {
            put(0x20)
        }
        pendingBreak = false
        pendingSpace = false
        pendingSegmentBreak = false
    }

    private mutating func put(_ b: UInt8) {
        bytes.append(b)
        scalars += 1
    }

    static func isCJK(_ v: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }

    /// The text written since byte `from`.
    func string(from: Int) -> String { bytes.string(from..<bytes.count) }
    var byteCount: Int { bytes.count }
}
