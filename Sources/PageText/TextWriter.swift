/// Builds the page's text as a reader sees it: whitespace collapsed to one space, none at the
/// start or end of a line, one line break per block boundary, and nothing at all where one inline
/// element ends and the next begins (`<span>1234.5</span>亿元` → `1234.5亿元`). A line break in
/// the source between two CJK characters vanishes (CSS segment-break rule): Chinese has no spaces.
/// Counts Unicode scalars as it goes, so cells and tables know their offsets.
struct TextWriter {
    private(set) var bytes: [UInt8] = []
    /// Scalars written so far (= code-point offset of the next one).
    private(set) var scalars = 0
    private var last: UInt32 = 0x0A
    private var pendingSpace = false
    private var pendingSegmentBreak = false
    private var pendingBreak = false
    /// Inside a table cell a block boundary is a space: the row stays one line.
    var inCell = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// A block boundary: the next text starts a new line.
    mutating func breakLine() {
        if inCell { pendingSpace = true } else { pendingBreak = true }
    }

    /// Writes a pending line break now (a table row must know where it starts).
    mutating func flushBreak() {
        if pendingBreak, !bytes.isEmpty, last != 0x0A { put(0x0A) }
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

    /// Copies runs of visible characters whole; stops at each space, control, no-break space
    /// or BOM, and before a character that a pending break or space must precede.
    mutating func text(_ s: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = s.count
        var run = 0, runScalars = 0
        func commit(_ w: inout TextWriter, _ end: Int) {
            if end > run {
                w.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[run..<end]))
                w.scalars += runScalars
            }
            runScalars = 0
        }
        while i < n {
            let b = s[i]
            if b > 0x20, b < 0x7F {
                if pendingBreak || pendingSpace {
                    commit(&self, i)
                    run = i
                    flush(before: UInt32(b))
                }
                runScalars += 1
                last = UInt32(b)
                i += 1
                continue
            }
            if b < 0x80 {
                commit(&self, i)
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
            let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard i + len <= n else { break }
            var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len { v = v << 6 | UInt32(s[i + k] & 0x3F) }
            // No-break spaces (&nbsp;) collapse like spaces; a BOM is dropped.
            let space = v == 0xA0 || v == 0x2002 || v == 0x2003 || v == 0x2009
            if space || v == 0xFEFF || v == 0x200B {
                commit(&self, i)
                if space { pendingSpace = true }
                i += len
                run = i
                continue
            }
            if pendingBreak || pendingSpace {
                commit(&self, i)
                run = i
                flush(before: v)
            }
            runScalars += 1
            last = v
            i += len
        }
        commit(&self, i)
    }

    private mutating func flush(before next: UInt32) {
        if pendingBreak {
            if !bytes.isEmpty, last != 0x0A { put(0x0A) }
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
        last = UInt32(b)
    }

    static func isCJK(_ v: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }

    /// The text written since byte `from`.
    func string(from: Int) -> String { String(decoding: bytes[from...], as: UTF8.self) }
    var byteCount: Int { bytes.count }
}
