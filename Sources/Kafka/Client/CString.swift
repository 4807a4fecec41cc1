extension String {
    /// A string from a NUL-terminated C buffer (librdkafka's `errstr` arrays).
    init(cBuffer: [CChar]) {
        let bytes = cBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
