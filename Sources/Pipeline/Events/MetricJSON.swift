import MetricParser

/// The sentence of the last metric written, as JSON string bytes (quoted, escaped). An article's
/// metrics come in text order, so the metrics of one sentence follow each other: the sentence is
/// escaped once and its bytes copied into each of their events. Every event still carries its
/// sentence (a consumer reads one event alone); only the work of encoding it is shared.
///
/// The parser hands all metrics of a sentence the same `String`, so a hit is usually a pointer
/// comparison; otherwise the bytes are compared, which costs less than escaping them again.
struct SentenceCache {
    private var sentence: String? = nil
    private(set) var encoded: [UInt8] = []
    /// How many lookups found the sentence already encoded (for tests).
    private(set) var hits = 0

    /// The sentence as a quoted JSON string.
    mutating func json(_ s: String) -> [UInt8] {
        if let last = sentence, Self.sameBytes(last, s) {
            hits += 1
            return encoded
        }
        encoded = JSONWriter.quoted(s)
        sentence = s
        return encoded
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.baseAddress == y.baseAddress || x.elementsEqual(y))
            }
        }
    }
}

/// The raw values of a string enum as JSON strings, each quoted once: a metric's kind, qualifier,
/// direction and basis are copied from here rather than scanned for escapes and quoted per metric.
struct QuotedRawValues<E: CaseIterable & RawRepresentable & Equatable & Sendable>: Sendable
where E.RawValue == String {
    private let cases: [E]
    private let json: [[UInt8]]

    init() {
        cases = Array(E.allCases)
        json = cases.map { JSONWriter.quoted($0.rawValue) }
    }

    /// Writes `e.rawValue` as a JSON string value.
    func write(_ e: E, into w: inout JSONWriter) {
        // Always found: `allCases` has every case.
        if let i = cases.firstIndex(of: e) { w.encoded(json[i]) } else { w.string(e.rawValue) }
    }
}

extension Metric {
    private static let kinds = QuotedRawValues<MetricKind>()
    private static let qualifiers = QuotedRawValues<Qualifier>()
    private static let directions = QuotedRawValues<Direction>()
    private static let bases = QuotedRawValues<ChangeBasis>()

    /// The metric's own fields, `start` … `sentence`, in schema order: the one piece of code that
    /// writes them, for the metric event (`MetricEvent.json`) and for `tally parse` (`MetricLines`).
    /// `basis` and `basis_reference` are absent when they do not apply, as metric.normalized.v2 has them.
    func writeFields(into w: inout JSONWriter, sentences: inout SentenceCache) {
        w.key("start"); w.number(start)
        w.key("end"); w.number(end)
        w.key("text"); w.string(text)
        w.key("subject"); w.string(subject)
        w.key("value"); w.number(value)
        w.key("unit"); w.string(unit)
        w.key("kind"); Self.kinds.write(kind, into: &w)
        w.key("qualifier"); Self.qualifiers.write(qualifier, into: &w)
        w.key("lower"); w.number(lower)
        w.key("upper"); w.number(upper)
        w.key("change"); w.bool(change)
        w.key("direction")
        if let direction { Self.directions.write(direction, into: &w) } else { w.null() }
        if let basis { w.key("basis"); Self.bases.write(basis, into: &w) }
        if let basisReference { w.key("basis_reference"); w.string(basisReference) }
        w.key("period"); w.string(period)
        w.key("sentence"); w.encoded(sentences.json(sentence))
    }
}

/// `tally parse`'s JSON lines: per metric, `file` (when given), the metric's fields as the metric
/// event writes them (`Metric.writeFields`), and `location` for a table cell. Lines are appended
/// to a caller's buffer, so output is written in large blocks, not a line at a time.
public struct MetricLines {
    private var sentences = SentenceCache()
    /// One line at a time, its room kept from line to line.
    private var line = JSONWriter(capacity: 4096)

    public init() {}

    /// Appends one line (with its "\n") for `metric` to `out`.
    public mutating func append(_ metric: Metric, file: String?, location: TableLocation?, to out: inout [UInt8]) {
        line.reset()
        line.beginObject()
        if let file { line.key("file"); line.string(file) }
        metric.writeFields(into: &line, sentences: &sentences)
        if let location { line.key("location"); location.write(into: &line) }
        line.endObject()
        line.append(to: &out)
        out.append(0x0A)
    }
}
