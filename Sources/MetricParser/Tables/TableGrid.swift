/// A table's cells placed on a grid with rowspan and colspan resolved (the HTML table model:
/// each cell takes the first free slot of its row and covers `rowSpan × colSpan` slots).
struct TableGrid {
    /// `slots[r][c]`: index into `cells` of the cell covering that slot, or -1.
    private(set) var slots: [[Int]]
    /// Every cell once, with the grid position of its top-left slot.
    private(set) var cells: [(cell: DataTable.Cell, row: Int, column: Int)]
    let rowCount: Int
    let columnCount: Int

    init(_ table: DataTable) {
        var slots: [[Int]] = []
        var cells: [(cell: DataTable.Cell, row: Int, column: Int)] = []
        var width = 0
        for (r, row) in table.rows.prefix(DataTable.Limits.maxRows).enumerated() {
            while slots.count <= r { slots.append([]) }
            var c = 0
            for cell in row {
                while c < slots[r].count, slots[r][c] >= 0 { c += 1 }
                guard c < DataTable.Limits.maxColumns else { break }
                let rs = min(max(cell.rowSpan, 1), DataTable.Limits.maxRows - r)
                let cs = min(max(cell.colSpan, 1), DataTable.Limits.maxColumns - c)
                let id = cells.count
                cells.append((cell, r, c))
                for rr in r..<(r + rs) {
                    while slots.count <= rr { slots.append([]) }
                    while slots[rr].count < c + cs { slots[rr].append(-1) }
                    for cc in c..<(c + cs) { slots[rr][cc] = id }
                }
                c += cs
                width = max(width, c)
            }
        }
        // A rowspan may reach past the last written row: those rows hold no cell of their own.
        if slots.count > table.rows.count { slots.removeLast(slots.count - table.rows.count) }
        for r in slots.indices where slots[r].count < width {
            slots[r] += Array(repeating: -1, count: width - slots[r].count)
        }
        self.slots = slots
        self.cells = cells
        rowCount = slots.count
        columnCount = width
    }

    func cellID(_ r: Int, _ c: Int) -> Int? {
        guard r >= 0, r < rowCount, c >= 0, c < columnCount else { return nil }
        let id = slots[r][c]
        return id >= 0 ? id : nil
    }
}
