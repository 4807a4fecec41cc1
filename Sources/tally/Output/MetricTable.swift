import MetricParser

/// Renders metrics as a plain-text table whose columns line up in a terminal, counting CJK
/// and other East Asian wide characters as two columns.
///
/// Used by `tally parse --format table` and by the demo.
struct MetricTable {
    struct Row {
        var article: String
        var metric: Metric
    }

    /// Longest cell (in terminal columns) before it is cut with "…".
    var maxCellWidth: Int = 28
    /// Show the article column (useful when rows come from several files).
    var showArticle: Bool

    init(maxCellWidth: Int = 28, showArticle: Bool = true) {
        self.maxCellWidth = maxCellWidth
        self.showArticle = showArticle
    }

    static let headers = [
        "article", "span", "text", "subject", "value", "unit", "kind", "qualifier", "bounds", "change", "period",
    ]

    /// The table, one line per metric plus a header and a rule, each line ending in "\n".
    func render(_ rows: [(article: String, metric: Metric)]) -> String {
        var headers = Self.headers
        if !showArticle { headers.removeFirst() }
        var cells: [[String]] = rows.map { row in
            let m = row.metric
            var bounds = ""
            if m.lower != nil || m.upper != nil {
                bounds = "\(m.lower.map(Self.number) ?? "")–\(m.upper.map(Self.number) ?? "")"
            }
            let change = m.change ? (m.direction.map { $0 == .up ? "↑" : "↓" } ?? "Δ") : ""
            var line = [
                "\(m.start)-\(m.end)", m.text, m.subject, Self.number(m.value), m.unit, m.kind.rawValue,
                m.qualifier.rawValue, bounds, change, m.period ?? "",
            ]
            if showArticle { line.insert(row.article, at: 0) }
            return line.map { truncate(sanitize($0)) }
        }
        cells.insert(headers, at: 0)
        var widths = [Int](repeating: 0, count: headers.count)
        for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Self.displayWidth(c)) } }
        var out = ""
        for (ri, r) in cells.enumerated() {
            var line = ""
            for (i, c) in r.enumerated() {
                let pad = widths[i] - Self.displayWidth(c)
                let numeric = i == headers.firstIndex(of: "value") && ri > 0
                if numeric {
                    line += String(repeating: " ", count: pad) + c
                } else {
                    line += c + String(repeating: " ", count: pad)
                }
                if i < r.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if ri == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// Terminal columns of `s`: East Asian wide and full-width scalars count 2, combining marks 0.
    static func displayWidth(_ s: String) -> Int {
        var w = 0
        for sc in s.unicodeScalars { w += width(of: sc.value) }
        return w
    }

    static func width(of v: UInt32) -> Int {
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    private func sanitize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for sc in s.unicodeScalars {
            if sc.value == 0x0A || sc.value == 0x0D || sc.value == 0x09 { out.append(" ") } else { out.append(sc) }
        }
        return String(out)
    }

    private func truncate(_ s: String) -> String {
        guard Self.displayWidth(s) > maxCellWidth else { return s }
        var out = String.UnicodeScalarView()
        var w = 0
        for sc in s.unicodeScalars {
            let cw = Self.width(of: sc.value)
            if w + cw > maxCellWidth - 1 { break }
            out.append(sc); w += cw
        }
        return String(out) + "…"
    }

    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
