/// A String's scalars as a `[UInt32]`, decoded straight from its UTF-8 bytes.
///
/// The parser reads code points by offset, so it needs them in an array; walking
/// `String.unicodeScalars` and appending costs a bounds and capacity check per scalar, this a
/// table-free decode into preallocated storage. A Swift String is always valid UTF-8, so the
/// lead byte alone says how long each sequence is.
enum UTF8Scalars {
    /// - Throws: `.inputTooLarge` when `text` has more than `limit` scalars (checked before any
    ///   allocation when the byte count already proves it).
    static func decode(_ text: String, limit: Int) throws(ParseError) -> [UInt32] {
        // Every scalar takes at most 4 bytes: more than 4 × limit bytes is too many scalars.
        if text.utf8.count / 4 > limit { throw tooLarge(limit) }
        let scalars = decode(text)
        if scalars.count > limit { throw tooLarge(limit) }
        return scalars
    }

    static func decode(_ text: String) -> [UInt32] {
        var text = text
        let bytes = text.utf8.count
        return text.withUTF8 { utf8 in
            [UInt32](unsafeUninitializedCapacity: bytes) { out, count in
                guard let p = utf8.baseAddress else { count = 0; return }
                var i = 0, n = 0
                while i < bytes {
                    let b = UInt32(p[i])
                    if b < 0x80 {
                        out[n] = b; i += 1
                    } else if b < 0xE0 {
                        out[n] = (b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); i += 2
                    } else if b < 0xF0 {
                        out[n] = (b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); i += 3
                    } else {
                        out[n] =
                            (b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                            | UInt32(p[i + 3] & 0x3F)
                        i += 4
                    }
                    n += 1
                }
                count = n
            }
        }
    }

    private static func tooLarge(_ limit: Int) -> ParseError {
        ParseError(code: .inputTooLarge, reason: "input exceeds \(limit) Unicode scalars", offset: limit)
    }
}
