internal import CRdKafka

// KafkaError's link to librdkafka: codes from `rd_kafka_resp_err_t`, their names and
// descriptions, and errors from `rd_kafka_error_t`. Only the C wall (Kafka/Client) builds these.

extension KafkaError.Code {
    init(_ err: rd_kafka_resp_err_t) { self.init(rawValue: err.rawValue) }

    var cValue: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

    /// librdkafka's symbolic name for the code.
    public var name: String { String(cString: rd_kafka_err2name(cValue)) }
    /// librdkafka's one-line description of the code.
    public var summary: String { String(cString: rd_kafka_err2str(cValue)) }

    public static let noError = Self(RD_KAFKA_RESP_ERR_NO_ERROR)
    public static let timedOut = Self(RD_KAFKA_RESP_ERR__TIMED_OUT)
    public static let queueFull = Self(RD_KAFKA_RESP_ERR__QUEUE_FULL)
    public static let messageTimedOut = Self(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
    public static let transport = Self(RD_KAFKA_RESP_ERR__TRANSPORT)
    public static let allBrokersDown = Self(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    public static let resolve = Self(RD_KAFKA_RESP_ERR__RESOLVE)
    public static let unknownTopic = Self(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
    public static let unknownPartition = Self(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
    public static let unknownTopicOrPartition = Self(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
    public static let invalidArgument = Self(RD_KAFKA_RESP_ERR__INVALID_ARG)
    public static let invalidConfig = Self(RD_KAFKA_RESP_ERR__INVALID_ARG)
    public static let state = Self(RD_KAFKA_RESP_ERR__STATE)
    public static let fatal = Self(RD_KAFKA_RESP_ERR__FATAL)
    public static let partitionEOF = Self(RD_KAFKA_RESP_ERR__PARTITION_EOF)
    public static let destroy = Self(RD_KAFKA_RESP_ERR__DESTROY)
    public static let noOffset = Self(RD_KAFKA_RESP_ERR__NO_OFFSET)
    public static let topicAlreadyExists = Self(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
    public static let nonEmptyGroup = Self(RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP)
    public static let groupIDNotFound = Self(RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND)
    public static let notCoordinator = Self(RD_KAFKA_RESP_ERR_NOT_COORDINATOR)
    public static let unknownMemberID = Self(RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID)
    public static let rebalanceInProgress = Self(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS)
    public static let illegalGeneration = Self(RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION)
    public static let offsetOutOfRange = Self(RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE)
    public static let notLeader = Self(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
    public static let leaderNotAvailable = Self(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
    public static let msgSizeTooLarge = Self(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
    public static let notEnoughReplicas = Self(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
    public static let requestTimedOut = Self(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
    public static let fenced = Self(RD_KAFKA_RESP_ERR__FENCED)
    public static let producerFenced = Self(RD_KAFKA_RESP_ERR_PRODUCER_FENCED)
    public static let invalidProducerEpoch = Self(RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH)
    public static let outOfOrderSequence = Self(RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER)
}

extension KafkaError {
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
