/// An error from Kafka or from this layer, carrying librdkafka's code and how to react to it.
///
/// librdkafka reports three things callers must tell apart: retriable errors (try again),
/// fatal errors (the client instance is unusable; recreate it) and, inside a transaction,
/// errors that require an abort. All three are flags here.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's response code (negative: local errors, positive: broker errors).
    public let code: Code
    /// What went wrong, in words (librdkafka's message, or this layer's).
    public let message: String
    public let isRetriable: Bool
    public let isFatal: Bool
    public let transactionRequiresAbort: Bool

    public init(
        code: Code, message: String? = nil, isRetriable: Bool = false, isFatal: Bool = false,
        transactionRequiresAbort: Bool = false
    ) {
        self.code = code
        self.message = message ?? code.summary
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.transactionRequiresAbort = transactionRequiresAbort
    }

    /// librdkafka's symbolic name, e.g. `UNKNOWN_TOPIC_OR_PART`, `_TIMED_OUT`.
    public var name: String { code.name }

    public var description: String {
        var flags: [String] = []
        if isFatal { flags.append("fatal") }
        if isRetriable { flags.append("retriable") }
        if transactionRequiresAbort { flags.append("abort transaction") }
        let suffix = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
        return "Kafka error \(code.name) (\(code.rawValue)): \(message)\(suffix)"
    }

    /// A librdkafka response code. Named constants cover the codes callers act on.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        // librdkafka's names, descriptions and the named codes: KafkaError+RdKafka.swift (the C wall).
    }
}

extension KafkaError {
    /// An error of this layer, not of librdkafka (invalid use, bad configuration value …).
    static func local(_ code: Code, _ message: String) -> KafkaError {
        KafkaError(code: code, message: message)
    }
}

extension KafkaError.Code {
    /// Codes that are transient by nature, for calls that return only a code.
    var isTypicallyRetriable: Bool {
        switch self {
        case .timedOut, .transport, .allBrokersDown, .notLeader, .leaderNotAvailable, .notCoordinator,
            .rebalanceInProgress, .requestTimedOut, .notEnoughReplicas, .queueFull:
            return true
        default:
            return false
        }
    }
}
