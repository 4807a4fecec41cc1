import Crypto

/// The deterministic id of a metric: the same article, span and parser version always give the
/// same id, so a retry, a crash-restart or a replay produces duplicates a downstream store can
/// drop by key (upsert on `metric_id`).
public enum MetricID {
    /// First 128 bits of SHA-256 over the fields, hex (32 characters).
    public static func make(articleID: String, start: Int, end: Int, parserVersion: String) -> String {
        var hasher = SHA256()
        // Unit separators keep ("a1", 2) and ("a", 12) apart.
        hasher.update(data: Array("\(articleID)\u{1F}\(start)\u{1F}\(end)\u{1F}\(parserVersion)".utf8))
        return Hex.lower(hasher.finalize().prefix(16))
    }
}

/// Lower-case hex of bytes (ids, digests).
enum Hex {
    static func lower<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
