import Foundation
import Kafka

/// A raw record that could not be processed, with the reason (`schemas/deadletter.v1.json`).
///
/// The original value is carried along (as text when it is UTF-8, else base64), cut at a bound
/// so a dead letter always fits in a Kafka message; the lineage points at the untouched original.
public struct DeadLetterEvent: Sendable, Hashable {
    public static let schema = "deadletter.v1"

    public var reason: DeadLetterReason
    public var original: Lineage
    public var key: [UInt8]?
    public var payload: [UInt8]?
    public var parserVersion: String
    public var failedAt: String
    public var maxPayloadBytes: Int

    public init(
        reason: DeadLetterReason, original: Lineage, key: [UInt8]?, payload: [UInt8]?, parserVersion: String,
        failedAt: String, maxPayloadBytes: Int = 256 * 1024
    ) {
        self.reason = reason
        self.original = original
        self.key = key
        self.payload = payload
        self.parserVersion = parserVersion
        self.failedAt = failedAt
        self.maxPayloadBytes = maxPayloadBytes
    }

    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 512 + min(payload?.count ?? 0, maxPayloadBytes) * 2)
        w.beginObject()
        w.key("schema"); w.string(Self.schema)
        w.key("error_class"); w.string(reason.errorClass.rawValue)
        w.key("reason"); w.string(reason.message)
        w.key("original"); original.write(into: &w)
        w.key("key"); w.string(key.flatMap { String(validating: $0, as: UTF8.self) })
        let truncated = (payload?.count ?? 0) > maxPayloadBytes
        let cut = payload.map { Array($0.prefix(maxPayloadBytes)) }
        let text = cut.flatMap { Self.text($0, truncated: truncated) }
        w.key("payload"); w.string(text)
        w.key("payload_base64"); w.string(text == nil ? cut.map { Data($0).base64EncodedString() } : nil)
        w.key("payload_bytes"); w.number(payload?.count ?? 0)
        w.key("payload_truncated"); w.bool(truncated)
        w.key("parser_version"); w.string(parserVersion)
        w.key("failed_at"); w.string(failedAt)
        w.endObject()
        return w.finish()
    }

    /// The bytes as text when they are UTF-8; after truncation a code point cut at the end is allowed.
    static func text(_ bytes: [UInt8], truncated: Bool) -> String? {
        for drop in 0...(truncated ? min(3, bytes.count) : 0) {
            if let s = String(validating: bytes.dropLast(drop), as: UTF8.self) { return s }
        }
        return nil
    }

    /// Headers repeating the essentials, so tools can triage without parsing the value.
    public var headers: [KafkaHeader] {
        [
            KafkaHeader(key: "tally.dlq.class", string: reason.errorClass.rawValue),
            KafkaHeader(key: "tally.dlq.reason", string: reason.message),
            KafkaHeader(key: "tally.original.topic", string: original.topic),
            KafkaHeader(key: "tally.original.partition", string: String(original.partition)),
            KafkaHeader(key: "tally.original.offset", string: String(original.offset)),
        ]
    }
}
