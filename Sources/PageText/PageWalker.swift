import MetricParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks a parsed page (its elements already measured: text and link bytes) once, writing its text.
struct PageWalker {
    private let dom: DOM
    private var w: TextWriter
    /// Data tables with the bytes of the text they were written to (for a 单位 line beside them).
    private var tables: [(table: DataTable, startByte: Int, endByte: Int)] = []
    private var meta = PageMeta()
    /// The last class or id value judged, and whether it was chrome (the tree's bytes do not move).
    private var lastChromeCheck: (UnsafeBufferPointer<UInt8>, Bool)?

    init(_ dom: DOM, capacity: Int) {
        self.dom = dom
        w = TextWriter(capacity: capacity)
    }

    mutating func run() {
        let root = dom.root
        guard root != DOM.none else { return }
        // `traverse` visits what is below a node: the root element is entered and left here.
        if enter(root) {
            let dom = self.dom
            dom.traverse(
                root, enter: { enter($0) }, leave: { leave($0) }, text: { n in dom.withText(n) { w.text($0) } })
            leave(root)
        }
    }

    mutating func finish() -> Page {
        // Without the last line's break (the writer never writes CR, so a final LF is a
        // character of its own).
        let b = w.bytes
        let text = b.string(0..<(b.count > 0 && b[b.count - 1] == 0x0A ? b.count - 1 : b.count))
        var out: [DataTable] = []
        for (i, t) in tables.enumerated() {
            var table = t.table
            table.index = i
            if table.unitNote == nil { table.unitNote = unitNote(before: t.startByte, after: t.endByte) }
            out.append(table)
        }
        return Page(text: text, title: meta.title, publishedAt: meta.publishedAt, source: meta.source, tables: out)
    }

    // MARK: Writing

    private mutating func enter(_ n: Int32) -> Bool {
        let info = dom.info(n)
        switch info.special {
        case .head:
            readHead(n)
            return false
        case .title:
            meta.titleTag = meta.titleTag ?? Self.plainText(n, of: dom)
            return false
        case .meta:
            meta.add(n, of: dom)
            return false
        case .br:
            w.breakLine()
            return false
        default: break
        }
        if info.dropped { return false }
        if info.special != .root {
            if let r = dom.attributeRange(n, .class), isChrome(r) { return false }
            if let r = dom.attributeRange(n, .id), isChrome(r) { return false }
            if info.judgedForLinks {
                let v = dom.nodes[Int(n)]
                if Boilerplate.isLinkDense(text: Int(v.textBytes), links: Int(v.linkBytes)) { return false }
            }
        }
        if info.special == .table, let rows = DataTableReader.rows(of: n, in: dom) {
            writeTable(n, rows)
            return false
        }
        if info.block { w.breakLine() }
        return true
    }

    /// `Boilerplate.isChrome` of an attribute value, remembering the last value checked: pages
    /// repeat one class on element after element (every figure's `<span class="num">`).
    private mutating func isChrome(_ r: Range<Int>) -> Bool {
        let value = dom.attributeBytes.bytes(r)
        if let (last, chrome) = lastChromeCheck, last.count == value.count,
            last.count == 0 || memcmp(last.baseAddress!, value.baseAddress!, last.count) == 0
        {
            return chrome
        }
        let chrome = Boilerplate.isChrome(classOrID: value)
        lastChromeCheck = (value, chrome)
        return chrome
    }

    private mutating func leave(_ n: Int32) {
        if dom.info(n).block { w.breakLine() }
    }

    private mutating func readHead(_ head: Int32) {
        // Moved out and back, not copied: the closure's copy stays the only one (no copy on write).
        var m = PageMeta()
        swap(&m, &meta)
        let dom = self.dom
        dom.traverse(
            head,
            enter: { n in
                switch dom.info(n).special {
                case .title: m.titleTag = m.titleTag ?? Self.plainText(n, of: dom)
                case .meta: m.add(n, of: dom)
                default: return true
                }
                return false
            }, leave: { _ in }, text: { _ in })
        meta = m
    }

    /// All text below `n`, whitespace collapsed, for titles.
    static func plainText(_ n: Int32, of dom: DOM) -> String {
        var tw = TextWriter(capacity: 64)
        tw.inCell = true
        dom.traverse(n, enter: { _ in true }, leave: { _ in }, text: { t in dom.withText(t) { tw.text($0) } })
        return tw.string(from: 0)
    }

    /// A data table: caption line, then one line per row with cells separated by tabs; every
    /// cell's text and offset goes into the `DataTable`.
    private mutating func writeTable(_ table: Int32, _ rows: DataTableReader.Rows) {
        w.breakLine()
        w.flushBreak()
        let startByte = w.byteCount
        var caption: String?
        if let c = rows.caption {
            let (text, _) = writeCell(c)
            caption = text.isEmpty ? nil : text
            w.breakLine()
        }
        var out: [[DataTable.Cell]] = []
        for row in rows.rows {
            w.breakLine()
            w.flushBreak()
            var cells: [DataTable.Cell] = []
            for (k, cell) in row.enumerated() {
                if k > 0 { w.tab() }
                let (text, start) = writeCell(cell.node)
                cells.append(
                    DataTable.Cell(
                        text: text, start: start, isHeader: cell.isHeader, rowSpan: cell.rowSpan, colSpan: cell.colSpan)
                )
            }
            out.append(cells)
        }
        w.breakLine()
        tables.append((DataTable(index: tables.count, rows: out, caption: caption), startByte, w.byteCount))
    }

    private mutating func writeCell(_ cell: Int32) -> (String, Int) {
        w.inCell = true
        w.dropPendingSpace()
        let startByte = w.byteCount, start = w.scalars
        let dom = self.dom
        dom.traverse(
            cell,
            enter: { n in
                let info = dom.info(n)
                if info.special == .br { w.breakLine(); return false }
                return !info.dropped
            }, leave: { n in if dom.info(n).block { w.breakLine() } },
            text: { n in dom.withText(n) { w.text($0) } })
        w.dropPendingSpace()
        w.inCell = false
        return (w.string(from: startByte), start)
    }

    /// A line stating a unit (单位：万元) right before the table or right after it.
    private func unitNote(before start: Int, after end: Int) -> String? {
        let b = w.bytes
        func line(_ from: Int, _ to: Int) -> String? {
            guard from < to else { return nil }
            let s = b.string(from..<to)
            return s.contains("单位") && s.unicodeScalars.count <= 40 ? s : nil
        }
        // The line before: from the previous newline to the one before the table.
        var e = start
        if e > 0, b[e - 1] == 0x0A { e -= 1 }
        var s = e
        while s > 0, b[s - 1] != 0x0A { s -= 1 }
        if let l = line(s, e) { return l }
        var a = end
        if a < b.count, b[a] == 0x0A { a += 1 }
        var z = a
        while z < b.count, b[z] != 0x0A { z += 1 }
        return line(a, z)
    }
}

/// Finds a table's rows and cells, and decides whether it is a data table (figures in a grid)
/// or a layout table (a page laid out with `<table>`, read as ordinary blocks).
enum DataTableReader {
    struct CellNode {
        var node: Int32
        var isHeader: Bool
        var rowSpan: Int
        var colSpan: Int
    }
    struct Rows {
        var caption: Int32?
        var rows: [[CellNode]]
    }

    /// Average text per cell above which a table is layout, not data.
    static let maxAverageCellBytes = 160

    static func rows(of table: Int32, in dom: DOM) -> Rows? {
        var caption: Int32?
        var rows: [[CellNode]] = []
        var nested = false
        func readRow(_ tr: Int32, header: Bool) {
            var cells: [CellNode] = []
            var n = dom.firstChild(tr)
            while n != DOM.none {
                let role = dom.special(n)
                if role == .td || role == .th {
                    cells.append(
                        CellNode(
                            node: n, isHeader: header || role == .th,
                            rowSpan: span(dom.attribute(n, .rowspan)), colSpan: span(dom.attribute(n, .colspan))))
                }
                n = dom.next(n)
            }
            rows.append(cells)
        }
        var n = dom.firstChild(table)
        while n != DOM.none {
            switch dom.special(n) {
            case .caption: caption = n
            case .tr: readRow(n, header: false)
            case let group where group == .thead || group == .tbody || group == .tfoot:
                var tr = dom.firstChild(n)
                while tr != DOM.none {
                    if dom.special(tr) == .tr { readRow(tr, header: group == .thead) }
                    tr = dom.next(tr)
                }
            default: break
            }
            n = dom.next(n)
        }
        // Nested tables are layout.
        dom.traverse(
            table,
            enter: { n in
                if dom.info(n).special == .table { nested = true; return false }
                return !nested
            }, leave: { _ in }, text: { _ in })
        let cellCount = rows.reduce(0) { $0 + $1.count }
        guard !nested, rows.count >= 2, rows.contains(where: { $0.count >= 2 }), cellCount > 0 else { return nil }
        let textBytes = Int(dom.nodes[Int(table)].textBytes)
        guard textBytes / cellCount <= maxAverageCellBytes else { return nil }
        return Rows(caption: caption, rows: rows)
    }

    private static func span(_ s: String?) -> Int {
        guard let s, let v = Int(s.filter(\.isNumber).prefix(5)), v > 0 else { return 1 }
        return v
    }
}
