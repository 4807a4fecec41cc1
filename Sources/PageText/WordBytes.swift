/// Eight bytes at a time in a `UInt64`: each function gives the high bit of every byte that
/// matches, for the byte scans that run over whole pages.
enum WordBytes {
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bytes below `b` (`b` at most 0x80; no carry crosses bytes: 0x7F + 0x80 - b < 0x100).
    @inline(__always) static func below(_ x: UInt64, _ b: UInt8) -> UInt64 {
        ~(((x & lows) &+ (UInt64(0x80 - b) &* 0x0101_0101_0101_0101)) | x) & highs
    }

    /// Bytes equal to `b` (exact: a zero byte is the only one whose low seven bits plus 0x7F do
    /// not carry and whose high bit is clear).
    @inline(__always) static func equal(_ x: UInt64, _ b: UInt8) -> UInt64 {
        let y = x ^ (UInt64(b) &* 0x0101_0101_0101_0101)
        return ~(((y & lows) &+ lows) | y) & highs
    }
}
