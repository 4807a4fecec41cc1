/// A set of (subject, kind) pairs that answers exactly as `Set` of a Hashable pair would
/// (subjects compared with String `==`, i.e. canonical equivalence), without hashing every
/// subject through its NFC form: for Chinese text that hash costs more than the rest of a
/// figure's subject bookkeeping.
///
/// A subject made only of characters that are their own NFC form in any context (ASCII, CJK
/// ideographs, CJK punctuation, full-width forms, curly quotes) equals another such subject
/// exactly when their bytes are equal, so those are bucketed by a byte hash. Any other subject
/// is kept in a list that every look-up also scans: it may equal one of the first kind.
struct SubjectSet {
    private var buckets: [UInt64: [(String, MetricKind)]] = [:]
    private var others: [(String, MetricKind)] = []

    func contains(_ subject: String, _ kind: MetricKind) -> Bool {
        if others.contains(where: { $0.1 == kind && $0.0 == subject }) { return true }
        if let h = Self.inertHash(subject) {
            return buckets[h]?.contains(where: { $0.1 == kind && $0.0 == subject }) ?? false
        }
        return buckets.values.contains { $0.contains(where: { $0.1 == kind && $0.0 == subject }) }
    }

    mutating func insert(_ subject: String, _ kind: MetricKind) {
        guard !contains(subject, kind) else { return }
        if let h = Self.inertHash(subject) {
            buckets[h, default: []].append((subject, kind))
        } else {
            others.append((subject, kind))
        }
    }

    /// FNV-1a over the UTF-8 bytes, or nil when a character may change under normalization.
    private static func inertHash(_ s: String) -> UInt64? {
        for c in s.unicodeScalars {
            let v = c.value
            let inert =
                v < 0x80 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3001 && v <= 0x3011)
                || (v >= 0xFF01 && v <= 0xFF5E) || (v >= 0x2018 && v <= 0x201D)
            if !inert { return nil }
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
