/// A table of figures as it was laid out on a page: rows of cells with their spans, plus the
/// words around it that may carry its unit. Built by whoever reads the page (PageText reads HTML);
/// `TableMetrics` turns it into metrics. Offsets are code points of the text the table was
/// rendered into, so a table metric points at its cell in that text.
public struct DataTable: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        /// The cell's text, trimmed, as it appears in the rendered text at `start`.
        public var text: String
        /// Code-point offset of `text` in the rendered text.
        public var start: Int
        /// A `<th>` or a cell of `<thead>`.
        public var isHeader: Bool
        public var rowSpan: Int
        public var colSpan: Int

        public init(text: String, start: Int, isHeader: Bool = false, rowSpan: Int = 1, colSpan: Int = 1) {
            self.text = text
            self.start = start
            self.isHeader = isHeader
            self.rowSpan = rowSpan
            self.colSpan = colSpan
        }
    }

    /// Position of the table among the page's tables (0-based).
    public var index: Int
    /// Rows as written (before spans are resolved).
    public var rows: [[Cell]]
    public var caption: String?
    /// A line next to the table that states its unit (`单位：万元`), if any.
    public var unitNote: String?

    public init(index: Int, rows: [[Cell]], caption: String? = nil, unitNote: String? = nil) {
        self.index = index
        self.rows = rows
        self.caption = caption
        self.unitNote = unitNote
    }

    /// Grids are capped so that a hostile `rowspan="65534"` cannot allocate without bound.
    public enum Limits {
        public static let maxRows = 2_000
        public static let maxColumns = 200
    }
}

/// Where a table metric came from: the table's index on the page and the cell's row and column
/// in the resolved grid (0-based, spans expanded).
public struct TableLocation: Sendable, Hashable, Codable {
    public var table: Int
    public var row: Int
    public var column: Int

    public init(table: Int, row: Int, column: Int) {
        self.table = table
        self.row = row
        self.column = column
    }
}

/// A metric read from a table cell, with the cell it came from.
public struct TableMetric: Sendable, Hashable {
    public var metric: Metric
    public var location: TableLocation

    public init(metric: Metric, location: TableLocation) {
        self.metric = metric
        self.location = location
    }
}
