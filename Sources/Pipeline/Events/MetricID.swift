import Crypto

/// The deterministic id of a metric: the same article, span and parser version always give the
/// same id, so a retry, a crash-restart or a replay produces duplicates a downstream store can
/// drop by key (upsert on `metric_id`).
public enum MetricID {
    /// First 128 bits of SHA-256 over the fields, hex (32 characters).
    public static func make(articleID: String, start: Int, end: Int, parserVersion: String) -> String {
        // The bytes of "\(articleID)\u{1F}\(start)\u{1F}\(end)\u{1F}\(parserVersion)", built
        // without string interpolation (one id per metric). Unit separators keep ("a1", 2) and
        // ("a", 12) apart.
        var id = articleID
        var version = parserVersion
        return id.withUTF8 { id in
            version.withUTF8 { version in
                // On the stack: a heap array per metric costs more than the hashing.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: id.count + version.count + 43) { buffer in
                    let p = buffer.baseAddress!
                    var n = 0
                    func put(_ u: UnsafeBufferPointer<UInt8>) {
                        (p + n).update(from: u.baseAddress!, count: u.count)
                        n += u.count
                    }
                    if !id.isEmpty { put(id) }
                    p[n] = 0x1F; n += 1
                    n += JSONWriter.decimal(Int64(start), to: p + n)
                    p[n] = 0x1F; n += 1
                    n += JSONWriter.decimal(Int64(end), to: p + n)
                    p[n] = 0x1F; n += 1
                    if !version.isEmpty { put(version) }
                    return SHA256.hash(data: UnsafeRawBufferPointer(start: p, count: n)).withUnsafeBytes {
                        Hex.lower(UnsafeRawBufferPointer(rebasing: $0[..<16]))
                    }
                }
            }
        }
    }
}

/// Lower-case hex of bytes (ids, digests).
enum Hex {
    static func lower(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            guard let o = out.baseAddress, let p = bytes.baseAddress else { return 0 }
            let b = p.assumingMemoryBound(to: UInt8.self)
            for i in 0..<bytes.count {
                o[2 &* i] = digit(b[i] >> 4)
                o[2 &* i &+ 1] = digit(b[i] & 0xF)
            }
            return bytes.count * 2
        }
    }

    static func lower(_ digest: SHA256.Digest) -> String { digest.withUnsafeBytes { lower($0) } }

    /// SHA-256 of a text's UTF-8, hashed in place (not copied into an array first).
    static func sha256(_ text: String) -> SHA256.Digest {
        var text = text
        return text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
    }

    /// One lower-case hex digit of `v` (0–15), for ids and for JSON's \u00XX escapes. Without a
    /// branch: a digest's digits are random, and a branch on each would be mispredicted half the
    /// time. 9 − v wraps past 127 exactly when v > 9, which adds the 39 between '9' + 1 and 'a'.
    @inline(__always)
    static func digit(_ v: UInt8) -> UInt8 { 0x30 &+ v &+ ((9 &- v) >> 7) &* 39 }
}
