/// A plain-text table with left-aligned columns, for terminal output of `lag` and `offsets`.
///
/// Contract: every row has the header's column count (missing cells render empty, extra ones
/// are dropped); columns are separated by two spaces; trailing spaces are trimmed so the output
/// diffs and greps cleanly. No colours or box drawing: it is also read by scripts and in logs.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(_ header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        let all = [header] + rows.map { row in (0..<header.count).map { $0 < row.count ? row[$0] : "" } }
        let widths = (0..<header.count).map { col in all.map { $0[col].count }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.count + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
