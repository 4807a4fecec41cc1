import CRdKafka

/// An error from Kafka or from this layer, carrying librdkafka's code and how to react to it.
///
/// librdkafka reports three things callers must tell apart: retriable errors (try again),
/// fatal errors (the client instance is unusable; recreate it) and, inside a transaction,
/// errors that require an abort. All three are flags here.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's `rd_kafka_resp_err_t` value (negative: local errors, positive: broker errors).
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
        init(_ err: rd_kafka_resp_err_t) { self.rawValue = err.rawValue }

        var cValue: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

        /// librdkafka's symbolic name for the code.
        public var name: String { String(cString: rd_kafka_err2name(cValue)) }
        /// librdkafka's one-line description of the code.
        public var summary: String { String(cString: rd_kafka_err2str(cValue)) }

        public static let noError = Code(RD_KAFKA_RESP_ERR_NO_ERROR)
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        public static let allBrokersDown = Code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        public static let resolve = Code(RD_KAFKA_RESP_ERR__RESOLVE)
        public static let unknownTopic = Code(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        public static let unknownPartition = Code(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let invalidConfig = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
        public static let partitionEOF = Code(RD_KAFKA_RESP_ERR__PARTITION_EOF)
        public static let destroy = Code(RD_KAFKA_RESP_ERR__DESTROY)
        public static let noOffset = Code(RD_KAFKA_RESP_ERR__NO_OFFSET)
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        public static let nonEmptyGroup = Code(RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP)
        public static let groupIDNotFound = Code(RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND)
        public static let notCoordinator = Code(RD_KAFKA_RESP_ERR_NOT_COORDINATOR)
        public static let unknownMemberID = Code(RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID)
        public static let rebalanceInProgress = Code(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS)
        public static let illegalGeneration = Code(RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION)
        public static let offsetOutOfRange = Code(RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE)
        public static let notLeader = Code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        public static let leaderNotAvailable = Code(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
        public static let msgSizeTooLarge = Code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
        public static let notEnoughReplicas = Code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
        public static let requestTimedOut = Code(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
        public static let fenced = Code(RD_KAFKA_RESP_ERR__FENCED)
        public static let producerFenced = Code(RD_KAFKA_RESP_ERR_PRODUCER_FENCED)
        public static let invalidProducerEpoch = Code(RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH)
        public static let outOfOrderSequence = Code(RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER)
    }
}

extension KafkaError {
    /// An error of this layer, not of librdkafka (invalid use, bad configuration value …).
    static func local(_ code: Code, _ message: String) -> KafkaError {
        KafkaError(code: code, message: message)
    }

    /// From a bare response code, with librdkafka's message.
    init(_ err: rd_kafka_resp_err_t, context: String? = nil) {
        let code = Code(err)
        let msg = context.map { "\($0): \(code.summary)" } ?? code.summary
        self.init(code: code, message: msg, isRetriable: code.isTypicallyRetriable)
    }

    /// From an `rd_kafka_error_t`, taking ownership (it is destroyed here).
    init(consuming error: OpaquePointer, context: String? = nil) {
        let code = Code(rd_kafka_error_code(error))
        let detail = String(cString: rd_kafka_error_string(error))
        self.init(
            code: code,
            message: context.map { "\($0): \(detail)" } ?? detail,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            transactionRequiresAbort: rd_kafka_error_txn_requires_abort(error) != 0
        )
        rd_kafka_error_destroy(error)
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

/// Throws when `err` is not `NO_ERROR`.
@inline(__always)
func check(_ err: rd_kafka_resp_err_t, _ context: @autoclosure () -> String) throws(KafkaError) {
    if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: context()) }
}

/// Throws when `error` is non-nil (taking ownership of it).
@inline(__always)
func check(_ error: OpaquePointer?, _ context: @autoclosure () -> String) throws(KafkaError) {
    if let error { throw KafkaError(consuming: error, context: context()) }
}
