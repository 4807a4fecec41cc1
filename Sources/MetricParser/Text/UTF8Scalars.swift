/// A String's scalars as a `[UInt32]`, decoded straight from its UTF-8 bytes.
///
/// The parser reads code points by offset, so it needs them in an array; walking
/// `String.unicodeScalars` and appending costs a bounds and capacity check per scalar, this a
/// table-free decode into preallocated storage. A Swift String is always valid UTF-8, so the
/// lead byte alone says how long each sequence is.
enum UTF8Scalars {
    /// Every `checkpointStride`-th scalar's UTF-8 offset is kept: a 32nd of an array of all of
    /// them, so a 2 MB article's working set hardly grows, and a cut walks at most 31 scalars.
    static let checkpointStride = 32

    /// An article's scalars and, for `TextCutter`, the UTF-8 offset of every 32nd
    /// (`byteOffsets[k]` = offset of scalar `32k`, up to the scalar count); nil for a text of 4 GB
    /// or more.
    /// - Throws: `.inputTooLarge` when `text` has more than `limit` scalars (checked before any
    ///   allocation when the byte count already proves it).
    static func decodeArticle(_ text: String, limit: Int) throws(ParseError) -> (
        scalars: [UInt32], byteOffsets: [UInt32]?
    ) {
        // Every scalar takes at most 4 bytes: more than 4 × limit bytes is too many scalars.
        if text.utf8.count / 4 > limit { throw tooLarge(limit) }
        let withOffsets = text.utf8.count < Int(UInt32.max)
        let (scalars, offsets) = decode(text, recordingOffsets: withOffsets)
        if scalars.count > limit { throw tooLarge(limit) }
        return (scalars, withOffsets ? offsets : nil)
    }

    /// Up to this many bytes, `decode` works in a stack buffer (see there).
    private static let shortText = 1024

    static func decode(_ text: String) -> [UInt32] { decode(text, recordingOffsets: false).scalars }

    private static func decode(_ text: String, recordingOffsets: Bool) -> (scalars: [UInt32], offsets: [UInt32]) {
        var text = text
        let bytes = text.utf8.count
        return text.withUTF8 { utf8 in
            guard let p = utf8.baseAddress, bytes > 0 else { return ([], recordingOffsets ? [0] : []) }
            var scalarCount = 0
            if !recordingOffsets, bytes <= shortText {
                // A word or subject: decoded on the stack and copied into an array of its size. That
                // array is allocated by code specialized for UInt32; `unsafeUninitializedCapacity`
                // goes through the standard library's generic path, whose storage-type lookup cost
                // more than the decode itself.
                let scalars = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bytes) { out in
                    Array(UnsafeBufferPointer(rebasing: out[..<run(p, bytes, into: out.baseAddress!, offsets: nil)]))
                }
                return (scalars, [])
            }
            if !recordingOffsets {
                let scalars = [UInt32](unsafeUninitializedCapacity: bytes) { out, count in
                    count = run(p, bytes, into: out.baseAddress!, offsets: nil)
                }
                return (scalars, [])
            }
            var scalars: [UInt32] = []
            let offsets = [UInt32](unsafeUninitializedCapacity: bytes / checkpointStride + 2) { offs, offsCount in
                scalars = [UInt32](unsafeUninitializedCapacity: bytes) { out, count in
                    count = run(p, bytes, into: out.baseAddress!, offsets: offs.baseAddress!)
                    scalarCount = count
                }
                offsCount = scalarCount / checkpointStride + 1
            }
            return (scalars, offsets)
        }
    }

    /// Decodes `bytes` bytes at `p` into `out`; with `offsets`, also writes the UTF-8 offset of
    /// every 32nd scalar there (the scalar count's entry too). Returns the scalar count.
    @inline(__always)
    private static func run(
        _ p: UnsafePointer<UInt8>, _ bytes: Int, into out: UnsafeMutablePointer<UInt32>,
        offsets: UnsafeMutablePointer<UInt32>?
    ) -> Int {
        var i = 0, n = 0
        // Runs of `checkpointStride` scalars: the checkpoint is written once per run, not tested per scalar.
        // While a whole run's worst case (4 bytes a scalar, and the 8 bytes `pair` loads) is left,
        // the run needs no end-of-text test.
        while bytes - i >= 4 * checkpointStride + 8 {
            if let offsets { offsets[n / checkpointStride] = UInt32(truncatingIfNeeded: i) }
            for k in stride(from: 0, to: checkpointStride, by: 2) { i = pair(p, i, into: out + (n &+ k)) }
            n &+= checkpointStride
        }
        while i < bytes {
            if let offsets { offsets[n / checkpointStride] = UInt32(truncatingIfNeeded: i) }
            let runEnd = n + checkpointStride
            while i < bytes, n < runEnd {
                i = one(p, i, into: out + n)
                n &+= 1
            }
        }
        if let offsets, n % checkpointStride == 0 { offsets[n / checkpointStride] = UInt32(truncatingIfNeeded: bytes) }
        return n
    }

    /// Decodes the two sequences at byte `i` into `out[0]`, `out[1]`; returns the offset after them.
    /// Two CJK characters in a row (the common case) are read from one 8-byte load. Needs 8 bytes at `i`.
    @inline(__always)
    private static func pair(_ p: UnsafePointer<UInt8>, _ i: Int, into out: UnsafeMutablePointer<UInt32>) -> Int {
        let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
        // Lead bytes 0xE0...0xEF at i and i + 3: two three-byte sequences.
        guard w & 0xF000_00F0 == 0xE000_00E0 else { return one(p, one(p, i, into: out), into: out + 1) }
        out[0] = UInt32(truncatingIfNeeded: (w & 0x0F) << 12 | (w >> 8 & 0x3F) << 6 | (w >> 16 & 0x3F))
        out[1] = UInt32(truncatingIfNeeded: (w >> 24 & 0x0F) << 12 | (w >> 32 & 0x3F) << 6 | (w >> 40 & 0x3F))
        return i &+ 6
    }

    /// Decodes the sequence at byte `i` into `out`; returns the next sequence's offset.
    @inline(__always)
    private static func one(_ p: UnsafePointer<UInt8>, _ i: Int, into out: UnsafeMutablePointer<UInt32>) -> Int {
        let (v, next) = scalar(p, at: i)
        out.pointee = v
        return next
    }

    /// The scalar whose lead byte is `p[i]` in valid UTF-8, and the next sequence's offset.
    /// Offsets stay below the byte count, so the arithmetic wraps instead of testing for overflow.
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, at i: Int) -> (value: UInt32, next: Int) {
        let b = UInt32(p[i])
        if b &- 0xE0 < 0x10 {  // CJK: the common case of this text
            return ((b & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F), i &+ 3)
        }
        if b < 0x80 { return (b, i &+ 1) }
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F), i &+ 2) }
        let v =
            (b & 0x07) << 18 | UInt32(p[i &+ 1] & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6
            | UInt32(p[i &+ 3] & 0x3F)
        return (v, i &+ 4)
    }

    private static func tooLarge(_ limit: Int) -> ParseError {
        ParseError(code: .inputTooLarge, reason: "input exceeds \(limit) Unicode scalars", offset: limit)
    }
}
