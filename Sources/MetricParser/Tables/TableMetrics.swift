/// Turns a table of figures into metrics: every cell holding a figure becomes a metric whose
/// subject is built from its row and column headers, whose unit comes from the cell itself, else
/// the nearest header that states one, else the caption, else the `单位：…` note beside the table.
///
/// ```
/// 单位：亿元
/// 指标          绝对数     比上年增长(%)
/// 地区生产总值   1234.5     5.6
/// ```
/// → `1234.5` subject 地区生产总值, 1.2345e11 CNY; `5.6` subject 地区生产总值, 5.6 percent, change ↑.
///
/// Header rows are the top rows with no figure (or only `<th>` cells); header columns are the left
/// columns with no figure in any data row. A cell with a number but no unit anywhere is not a
/// metric: nothing says what it counts. Values, units and kinds come from `QuantityScanner` on
/// "cell + unit", so a table reads `1.2` + `万人` exactly as the text parser reads `1.2万人`.
public enum TableMetrics {
    /// - Parameter locale: the article's locale, as for `MetricExtractor.extract`: a cell or header
    ///   in 元 is in the article's own currency (TWD on a Taiwan page), like 元 in its text.
    public static func metrics(_ table: DataTable, locale: ArticleLocale = .mainland) -> [TableMetric] {
        let grid = TableGrid(table)
        guard grid.rowCount > 0, grid.columnCount > 0 else { return [] }
        let figures = grid.cells.map { Figure($0.cell.text, locale: locale) }
        func figure(_ r: Int, _ c: Int) -> Figure? { grid.cellID(r, c).flatMap { figures[$0] } }

        // Header rows: from the top, while the row has no figure or only header cells.
        var headerRows = 0
        while headerRows < grid.rowCount - 1 {
            let ids = (0..<grid.columnCount).compactMap { grid.cellID(headerRows, $0) }
            let allTH = !ids.isEmpty && ids.allSatisfy { grid.cells[$0].cell.isHeader }
            let hasFigure = ids.contains { figures[$0].map { !$0.looksLikeYear } ?? false }
            guard allTH || !hasFigure else { break }
            headerRows += 1
        }
        // Header columns: from the left, while no data row has a figure there. A numbering
        // column (序号 1, 2, 3 …) is a header column too: its numbers count rows, not things.
        func isNumbering(_ c: Int) -> Bool {
            let top = (0..<headerRows).compactMap { grid.cellID($0, c) }.last.map {
                TableLabel.squeeze(grid.cells[$0].cell.text)
            }
            if let top, Self.numberingHeaders.contains(top) { return true }
            let values = (headerRows..<grid.rowCount).compactMap { grid.cellID($0, c) }.map { figures[$0]?.own }
            guard values.count >= 2 else { return false }
            return values.enumerated().allSatisfy { i, q in
                q.map { $0.kind == nil && $0.value == Double(i + 1) } ?? false
            }
        }
        var headerColumns = 0
        while headerColumns < grid.columnCount - 1,
            isNumbering(headerColumns)
                || !(headerRows..<grid.rowCount).contains(where: { r in
                    guard let id = grid.cellID(r, headerColumns) else { return false }
                    return figures[id] != nil && !grid.cells[id].cell.isHeader
                })
        {
            headerColumns += 1
        }

        // A header cell across the whole width is the table's title (表1 …（单位：万元）), not a column's label.
        let titleCells = Set(
            (0..<headerRows).compactMap { r -> Int? in
                guard grid.columnCount > 1, let id = grid.cellID(r, 0),
                    (0..<grid.columnCount).allSatisfy({ grid.cellID(r, $0) == id })
                else { return nil }
                return id
            })
        let tableUnit =
            table.caption.flatMap(Self.unitOf) ?? titleCells.sorted().lazy.compactMap {
                Self.unitOf(grid.cells[$0].cell.text)
            }.first
            ?? table.unitNote.flatMap(Self.unitOf)
        var labelCache: [Int: TableLabel] = [:]
        func label(_ id: Int) -> TableLabel {
            if let l = labelCache[id] { return l }
            let l = TableLabel(grid.cells[id].cell.text)
            labelCache[id] = l
            return l
        }
        func ids(_ coords: [(Int, Int)]) -> [Int] {
            var out: [Int] = []
            for (r, c) in coords { if let id = grid.cellID(r, c), out.last != id, !out.contains(id) { out.append(id) } }
            return out
        }

        // A unit column (指标 | 单位 | 绝对数 …): each row states its own unit.
        let unitColumns = Set(
            (0..<headerColumns).filter { c in
                if let top = (0..<headerRows).compactMap({ grid.cellID($0, c) }).last,
                    Self.unitHeaders.contains(TableLabel.squeeze(grid.cells[top].cell.text))
                {
                    return true
                }
                let texts = (headerRows..<grid.rowCount).compactMap { grid.cellID($0, c) }.map {
                    grid.cells[$0].cell.text
                }.filter { !$0.isEmpty }
                return !texts.isEmpty && texts.allSatisfy { TableLabel.unit(in: $0) != nil }
            })
        let labelColumns = (0..<headerColumns).filter { !unitColumns.contains($0) }

        var out: [TableMetric] = []
        for (id, placed) in grid.cells.enumerated() {
            let (cell, r, c) = placed
            guard r >= headerRows, c >= headerColumns, let fig = figures[id] else { continue }
            let rowLabels = ids(labelColumns.map { (r, $0) }).map(label)
            let columnLabels = ids((0..<headerRows).map { ($0, c) }).filter { !titleCells.contains($0) }.map(label)
            let rowUnit = unitColumns.sorted().lazy.compactMap { grid.cellID(r, $0) }.compactMap {
                TableLabel.unit(in: grid.cells[$0].cell.text)
            }.first
            // Nearest first: the column's lowest header, the row's unit cell, the row's innermost header.
            let headerUnit =
                columnLabels.reversed().lazy.compactMap(\.unit).first ?? rowUnit
                ?? rowLabels.reversed().lazy.compactMap(\.unit).first
            guard let q = fig.quantity(unit: headerUnit ?? tableUnit) else { continue }
            let labels = rowLabels + columnLabels
            let change = labels.contains { $0.change }
            let down = labels.contains { $0.down } || q.value < 0
            var parts: [String] = []
            for l in labels where !l.isTotal && !l.words.isEmpty && !parts.contains(l.words) { parts.append(l.words) }
            if let total = labels.first(where: \.isTotal) { parts.append(total.words == "总计" ? "总计" : "合计") }
            let rowText = ids((0..<grid.columnCount).map { (r, $0) }).filter { grid.cells[$0].row == r }
                .map { grid.cells[$0].cell.text }.joined(separator: "\t")
            let metric = Metric(
                start: cell.start, end: cell.start + cell.text.unicodeScalars.count, text: cell.text,
                subject: parts.joined(), value: q.value, unit: q.unit ?? "", kind: q.kind ?? .other,
                qualifier: q.qualifier,
                lower: q.lower, upper: q.upper, change: change, direction: change ? (down ? .down : .up) : nil,
                period: labels.lazy.compactMap(\.period).first, sentence: rowText)
            out.append(TableMetric(metric: metric, location: TableLocation(table: table.index, row: r, column: c)))
        }
        return out
    }

    /// Headers of a column that gives each row its unit.
    static let unitHeaders: Set<String> = ["单位", "计量单位", "单位名称"]

    /// Headers of a numbering column (its cells count rows).
    static let numberingHeaders: Set<String> = ["序号", "编号", "排名", "名次", "排序", "序", "No.", "No", "NO."]

    static func unitOf(_ text: String) -> String? {
        if let u = TableLabel(text).unit { return u }
        // 单位：万元 somewhere in a longer caption or note.
        guard let at = text.firstRange(of: "单位") else { return nil }
        return TableLabel.unit(in: String(text[at.lowerBound...]).prefix(12).description)
    }
}

/// A cell that is one figure: the whole trimmed text scans as one cardinal quantity.
struct Figure {
    let text: String
    let own: Quantity
    let locale: ArticleLocale

    init?(_ text: String, locale: ArticleLocale = .mainland) {
        let qs = QuantityScanner.scan(text, locale: locale)
        guard qs.count == 1, let q = qs.first, q.start == 0, q.end == text.unicodeScalars.count,
            q.role == .cardinal || q.role == .year
        else { return nil }
        self.text = text
        self.locale = locale
        own = q
    }

    /// 2025年, or a bare 1900–2100, in a header row is a year label, not a figure.
    var looksLikeYear: Bool {
        own.role == .year || (own.kind == nil && own.value == own.value.rounded() && (1900...2100).contains(own.value))
    }

    /// The quantity with the cell's own unit, else with the header's unit appended; nil when
    /// neither gives one (a bare count of nothing).
    func quantity(unit: String?) -> Quantity? {
        if own.kind != nil { return own.role == .cardinal ? own : nil }
        guard let unit else { return nil }
        let probe = text + unit
        let qs = QuantityScanner.scan(probe, locale: locale)
        guard qs.count == 1, let q = qs.first, q.start == 0, q.end == probe.unicodeScalars.count, q.kind != nil else {
            return nil
        }
        return q
    }
}
