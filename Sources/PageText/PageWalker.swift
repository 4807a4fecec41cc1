import MetricParser

/// Walks a parsed page once to measure (text and link lengths per element), once to write.
struct PageWalker {
    private var w: TextWriter
    private var tags = TagTable()
    private var chrome = Boilerplate.Memo()
    /// Data tables with the bytes of the text they were written to (for a 单位 line beside them).
    private var tables: [(table: DataTable, startByte: Int, endByte: Int)] = []
    private var meta = PageMeta()

    init(capacity: Int) { w = TextWriter(capacity: capacity) }

    mutating func run(_ doc: LibXML.Document) {
        guard let root = doc.root else { return }
        measure(root)
        // `traverse` visits what is below a node: the root element is entered and left here.
        if enter(root) {
            root.traverse(enter: { enter($0) }, leave: { leave($0) }, text: { n in n.withContent { w.text($0) } })
            leave(root)
        }
    }

    mutating func finish() -> Page {
        var text = w.string(from: 0)
        if text.last == "\n" { text.removeLast() }
        var out: [DataTable] = []
        for (i, t) in tables.enumerated() {
            var table = t.table
            table.index = i
            if table.unitNote == nil { table.unitNote = unitNote(before: t.startByte, after: t.endByte) }
            out.append(table)
        }
        return Page(text: text, title: meta.title, publishedAt: meta.publishedAt, source: meta.source, tables: out)
    }

    // MARK: Measuring

    /// Leaves `NodeStats` on every element: its text and link bytes, and its tag index.
    mutating func measure(_ root: LibXML.Node) {
        var tags = self.tags
        defer { self.tags = tags }
        root.scratch = NodeStats(text: 0, links: 0, tag: tags.id(root)).raw
        root.traverse(
            enter: { n in
                n.scratch = NodeStats(text: 0, links: 0, tag: tags.id(n)).raw
                return true
            },
            leave: { n in
                var v = NodeStats(raw: n.scratch)
                if tags.info(v.tag, n).isLink { v = NodeStats(text: v.text, links: v.text, tag: v.tag) }
                if let p = n.parent { Self.add(p, v.text, v.links) }
            },
            text: { n in
                let len = n.withContent { buf in buf.reduce(0) { $0 + ($1 > 0x20 ? 1 : 0) } }
                if let p = n.parent { Self.add(p, len, 0) }
            })
    }

    private static func add(_ n: LibXML.Node, _ text: Int, _ links: Int) {
        let v = NodeStats(raw: n.scratch)
        n.scratch = NodeStats(text: v.text + text, links: v.links + links, tag: v.tag).raw
    }

    private func info(_ n: LibXML.Node) -> TagInfo { tags.info(NodeStats(raw: n.scratch).tag, n) }

    // MARK: Writing

    private mutating func enter(_ n: LibXML.Node) -> Bool {
        let info = info(n)
        switch info.special {
        case .head:
            readHead(n)
            return false
        case .title:
            meta.titleTag = meta.titleTag ?? Self.plainText(n)
            return false
        case .meta:
            meta.add(n)
            return false
        case .br:
            w.breakLine()
            return false
        default: break
        }
        if info.dropped { return false }
        if info.special != .root {
            if n.withAttribute("class", { $0.map { chrome.isChrome($0) } ?? false }) { return false }
            if n.withAttribute("id", { $0.map { chrome.isChrome($0) } ?? false }) { return false }
            if info.judgedForLinks {
                let v = NodeStats(raw: n.scratch)
                if Boilerplate.isLinkDense(text: v.text, links: v.links) { return false }
            }
        }
        if info.special == .table, let rows = DataTableReader.rows(of: n) {
            writeTable(n, rows)
            return false
        }
        if info.block { w.breakLine() }
        return true
    }

    private mutating func leave(_ n: LibXML.Node) {
        if info(n).block { w.breakLine() }
    }

    private mutating func readHead(_ head: LibXML.Node) {
        var m = meta
        head.traverse(
            enter: { n in
                switch n.name {
                case "title": m.titleTag = m.titleTag ?? Self.plainText(n)
                case "meta": m.add(n)
                default: return true
                }
                return false
            }, leave: { _ in }, text: { _ in })
        meta = m
    }

    /// All text below `n`, whitespace collapsed, for titles.
    static func plainText(_ n: LibXML.Node) -> String {
        var tw = TextWriter(capacity: 64)
        tw.inCell = true
        n.traverse(enter: { _ in true }, leave: { _ in }, text: { t in t.withContent { tw.text($0) } })
        return tw.string(from: 0)
    }

    /// A data table: caption line, then one line per row with cells separated by tabs; every
    /// cell's text and offset goes into the `DataTable`.
    private mutating func writeTable(_ table: LibXML.Node, _ rows: DataTableReader.Rows) {
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

    private mutating func writeCell(_ cell: LibXML.Node) -> (String, Int) {
        w.inCell = true
        w.dropPendingSpace()
        let startByte = w.byteCount, start = w.scalars
        cell.traverse(
            enter: { n in
                let tag = n.name
                if tag == "br" { w.breakLine(); return false }
                return !Boilerplate.droppedTags.contains(tag)
            }, leave: { n in if Boilerplate.blockTags.contains(n.name) { w.breakLine() } },
            text: { n in n.withContent { w.text($0) } })
        w.dropPendingSpace()
        w.inCell = false
        return (w.string(from: startByte), start)
    }

    /// A line stating a unit (单位：万元) right before the table or right after it.
    private func unitNote(before start: Int, after end: Int) -> String? {
        let b = w.bytes
        func line(_ from: Int, _ to: Int) -> String? {
            guard from < to else { return nil }
            let s = String(decoding: b[from..<to], as: UTF8.self)
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
        var node: LibXML.Node
        var isHeader: Bool
        var rowSpan: Int
        var colSpan: Int
    }
    struct Rows {
        var caption: LibXML.Node?
        var rows: [[CellNode]]
    }

    /// Average text per cell above which a table is layout, not data.
    static let maxAverageCellBytes = 160

    static func rows(of table: LibXML.Node) -> Rows? {
        var caption: LibXML.Node?
        var rows: [[CellNode]] = []
        var nested = false
        func readRow(_ tr: LibXML.Node, header: Bool) {
            var cells: [CellNode] = []
            var c = tr.firstChild
            while let n = c {
                if n.isElement, n.name == "td" || n.name == "th" {
                    cells.append(
                        CellNode(
                            node: n, isHeader: header || n.name == "th",
                            rowSpan: span(n.attribute("rowspan")), colSpan: span(n.attribute("colspan"))))
                }
                c = n.next
            }
            rows.append(cells)
        }
        var c = table.firstChild
        while let n = c {
            if n.isElement {
                switch n.name {
                case "caption": caption = n
                case "tr": readRow(n, header: false)
                case "thead", "tbody", "tfoot":
                    var r = n.firstChild
                    while let tr = r {
                        if tr.isElement, tr.name == "tr" { readRow(tr, header: n.name == "thead") }
                        r = tr.next
                    }
                default: break
                }
            }
            c = n.next
        }
        // Nested tables are layout.
        table.traverse(
            enter: { n in
                if n.name == "table" { nested = true; return false }
                return !nested
            }, leave: { _ in }, text: { _ in })
        let cellCount = rows.reduce(0) { $0 + $1.count }
        guard !nested, rows.count >= 2, rows.contains(where: { $0.count >= 2 }), cellCount > 0 else { return nil }
        let textBytes = NodeStats(raw: table.scratch).text
        guard textBytes / cellCount <= maxAverageCellBytes else { return nil }
        return Rows(caption: caption, rows: rows)
    }

    private static func span(_ s: String?) -> Int {
        guard let s, let v = Int(s.filter(\.isNumber).prefix(5)), v > 0 else { return 1 }
        return v
    }
}
