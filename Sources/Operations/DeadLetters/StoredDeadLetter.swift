import Foundation
import Kafka

/// A dead letter as read back from the dead-letter topic (`schemas/deadletter.v1.json`), with
/// its own coordinates, so operators can inspect it and `redrive` can send its original on.
public struct StoredDeadLetter: Sendable, Hashable, Encodable {
    /// Where this dead letter is stored: its identity for the redrive ledger.
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestampMs: Int64?

    public var errorClass: String
    public var reason: String
    public var original: Original
    /// The original key as text (the JSON's `key`; null when it was not UTF-8).
    public var key: String?
    /// The original key as bytes: the dead-letter record is keyed like the original, so this is
    /// its own record key — also for a key that is not UTF-8, which `key` cannot carry.
    public var originalKey: [UInt8]?
    /// The original value (decoded from `payload` or `payload_base64`); nil when the record had none.
    public var payload: [UInt8]?
    public var payloadBytes: Int
    public var payloadTruncated: Bool
    public var parserVersion: String?
    public var failedAt: String?

    public struct Original: Sendable, Hashable, Codable {
        public var topic: String
        public var partition: Int32
        public var offset: Int64
    }

    /// JSON for `show --format json`: the payload as a short text preview, not a byte array.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeStoredProperties(
            of: self, excluding: ["topic", "partition", "offset", "timestampMs", "payload", "originalKey"],
            adding: ["id": id, "payloadPreview": payload.map { String(decoding: $0.prefix(200), as: UTF8.self) }])
    }

    /// `topic/partition/offset`: the key of this dead letter in the redrive ledger.
    public var id: String { "\(topic)/\(partition)/\(offset)" }

    /// Why it cannot be sent back as it is, if so (the original is not fully kept).
    public var unredrivableReason: String? {
        if payload == nil { return "no original payload (the record had no value)" }
        if payloadTruncated { return "original payload was truncated at \(payload!.count) of \(payloadBytes) bytes" }
        return nil
    }

    /// Decodes one record of the dead-letter topic; nil (with the reason) for anything that is
    /// not a `deadletter.v1` event, so a foreign record on the topic is reported, not fatal.
    public static func decode(_ record: ConsumerRecord) -> Result<StoredDeadLetter, DecodeFailure> {
        guard let value = record.value,
            let object = try? JSONSerialization.jsonObject(with: Data(value)) as? [String: Any]
        else { return .failure(DecodeFailure(record: record, reason: "not a JSON object")) }
        guard object["schema"] as? String == "deadletter.v1" else {
            return .failure(DecodeFailure(record: record, reason: "schema is not deadletter.v1"))
        }
        guard let errorClass = object["error_class"] as? String, let reason = object["reason"] as? String,
            let original = object["original"] as? [String: Any], let oTopic = original["topic"] as? String,
            let oPartition = (original["partition"] as? NSNumber)?.int32Value,
            let oOffset = (original["offset"] as? NSNumber)?.int64Value
        else { return .failure(DecodeFailure(record: record, reason: "error_class, reason or original missing")) }
        let payload: [UInt8]?
        if let text = object["payload"] as? String {
            payload = Array(text.utf8)
        } else if let b64 = object["payload_base64"] as? String {
            guard let data = Data(base64Encoded: b64) else {
                return .failure(DecodeFailure(record: record, reason: "payload_base64 is not base64"))
            }
            payload = Array(data)
        } else {
            payload = nil
        }
        return .success(
            StoredDeadLetter(
                topic: record.topic, partition: record.partition, offset: record.offset,
                timestampMs: record.timestampMs,
                errorClass: errorClass, reason: reason,
                original: Original(topic: oTopic, partition: oPartition, offset: oOffset),
                key: object["key"] as? String, originalKey: record.key,
                payload: payload, payloadBytes: (object["payload_bytes"] as? NSNumber)?.intValue ?? payload?.count ?? 0,
                payloadTruncated: object["payload_truncated"] as? Bool ?? false,
                parserVersion: object["parser_version"] as? String, failedAt: object["failed_at"] as? String))
    }

    public struct DecodeFailure: Error, Sendable, Hashable {
        public var topic: String
        public var partition: Int32
        public var offset: Int64
        public var reason: String
        init(record: ConsumerRecord, reason: String) {
            topic = record.topic
            partition = record.partition
            offset = record.offset
            self.reason = reason
        }
    }
}
