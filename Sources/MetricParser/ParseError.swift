/// Why `MetricExtractor.extract` refused an input.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The input has more scalars than `ExtractorOptions.maxInputScalars`.
        case inputTooLarge = "input_too_large"
    }

    public var code: Code
    /// Human-readable reason.
    public var reason: String
    /// Code-point offset the error refers to (for `inputTooLarge`: the first scalar past the limit).
    public var offset: Int?

    public init(code: Code, reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(code.rawValue): \(reason) (at code point \(offset))" }
        return "\(code.rawValue): \(reason)"
    }
}
