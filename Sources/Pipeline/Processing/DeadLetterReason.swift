/// Why a raw record went to the dead-letter topic instead of producing metrics.
public struct DeadLetterReason: Sendable, Hashable, Error, CustomStringConvertible {
    public var errorClass: ErrorClass
    /// What is wrong, for a human: names the field, the rule or the offset.
    public var message: String

    public init(_ errorClass: ErrorClass, _ message: String) {
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String { "\(errorClass.rawValue): \(message)" }

    /// The kinds of poison input. Each is a label value of `tally_dead_letters_total`.
    public enum ErrorClass: String, Sendable, Hashable, CaseIterable, Codable {
        /// The record has no value (a tombstone) or an empty one.
        case emptyValue = "empty_value"
        /// The value is not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// The value is not JSON (or not a JSON object).
        case invalidJSON = "invalid_json"
        /// JSON, but not an `article.raw.v1` event (missing field, wrong type, bad format).
        case schemaViolation = "schema_violation"
        /// The record or the article body is over the configured size.
        case tooLarge = "too_large"
        /// The parser refused the text.
        case parseError = "parse_error"
    }
}
