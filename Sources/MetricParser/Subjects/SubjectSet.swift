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
    private var buckets: [UInt64: [(String, MetricKind)]] = Dictionary(minimumCapacity: 64)
    private var others: [(String, MetricKind)] = []

    func contains(_ subject: String, _ kind: MetricKind) -> Bool { contains(subject, kind, Self.inertHash(subject)) }

    mutating func insert(_ subject: String, _ kind: MetricKind) {
        let h = Self.inertHash(subject)
        guard !contains(subject, kind, h) else { return }
        if let h {
            buckets[h, default: []].append((subject, kind))
        } else {
            others.append((subject, kind))
        }
    }

    private func contains(_ subject: String, _ kind: MetricKind, _ hash: UInt64?) -> Bool {
        if others.contains(where: { $0.1 == kind && $0.0 == subject }) { return true }
        if let hash { return buckets[hash]?.contains(where: { $0.1 == kind && $0.0 == subject }) ?? false }
        return buckets.values.contains { $0.contains(where: { $0.1 == kind && $0.0 == subject }) }
    }

    /// FNV-1a over the UTF-8 bytes, or nil when a character may change under normalization.
    /// One pass over the bytes (the scalars are read from their lead bytes).
    private static func inertHash(_ s: String) -> UInt64? {
        var s = s
        return s.withUTF8 { p -> UInt64? in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            var i = 0
            let n = p.count
            while i < n {
                let b = UInt32(p[i])
                var len = 1
                if b >= 0x80 {
                    // Only three-byte characters can be inert beyond ASCII.
                    guard b >= 0xE0, b < 0xF0, i + 2 < n else { return nil }
                    let v = (b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                    let inert =
                        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3001 && v <= 0x3011)
                        || (v >= 0xFF01 && v <= 0xFF5E) || (v >= 0x2018 && v <= 0x201D)
                    guard inert else { return nil }
                    len = 3
                }
                for k in i..<(i + len) { h = (h ^ UInt64(p[k])) &* 0x100_0000_01B3 }
                i += len
            }
            return h
        }
    }
}
