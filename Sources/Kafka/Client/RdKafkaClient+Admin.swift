internal import CRdKafka
import Foundation

/// The admin calls of librdkafka (`KafkaAdmin` is built on these).
extension RdKafkaClient {
    func createTopics(_ topics: [KafkaAdmin.NewTopic], ifNotExists: Bool, timeout: Duration) throws(KafkaError) {
        var errstr = [CChar](repeating: 0, count: 512)
        var handles: [OpaquePointer?] = []
        defer { handles.forEach { rd_kafka_NewTopic_destroy($0) } }
        for t in topics {
            guard let nt = rd_kafka_NewTopic_new(t.name, t.partitions, t.replicationFactor, &errstr, errstr.count)
            else {
                throw .local(.invalidArgument, "topic \(t.name): \(String(cBuffer: errstr))")
            }
            handles.append(nt)
            for (k, v) in t.configs { try check(rd_kafka_NewTopic_set_config(nt, k, v), "topic \(t.name) config \(k)") }
        }
        let results = try adminCall(RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout: timeout) { options, queue in
            handles.withUnsafeMutableBufferPointer {
                rd_kafka_CreateTopics(handle, $0.baseAddress, $0.count, options, queue)
            }
        } read: { event throws(KafkaError) -> [(String, rd_kafka_resp_err_t, String)] in
            var n = 0
            guard let res = rd_kafka_event_CreateTopics_result(event),
                let arr = rd_kafka_CreateTopics_result_topics(res, &n)
            else {
                return []
            }
            return (0..<n).map { i in
                (
                    String(cString: rd_kafka_topic_result_name(arr[i])), rd_kafka_topic_result_error(arr[i]),
                    rd_kafka_topic_result_error_string(arr[i]).map { String(cString: $0) } ?? ""
                )
            }
        }
        for (name, err, msg) in results where err != RD_KAFKA_RESP_ERR_NO_ERROR {
            if ifNotExists && err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS { continue }
            throw KafkaError(
                code: KafkaError.Code(err),
                message: "create topic \(name): \(msg.isEmpty ? KafkaError.Code(err).summary : msg)")
        }
    }

    func deleteTopics(_ names: [String], timeout: Duration) throws(KafkaError) {
        var handles: [OpaquePointer?] = names.map { rd_kafka_DeleteTopic_new($0) }
        defer { handles.forEach { rd_kafka_DeleteTopic_destroy($0) } }
        let results = try adminCall(RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout: timeout) { options, queue in
            handles.withUnsafeMutableBufferPointer {
                rd_kafka_DeleteTopics(handle, $0.baseAddress, $0.count, options, queue)
            }
        } read: { event throws(KafkaError) -> [(String, rd_kafka_resp_err_t)] in
            var n = 0
            guard let res = rd_kafka_event_DeleteTopics_result(event),
                let arr = rd_kafka_DeleteTopics_result_topics(res, &n)
            else {
                return []
            }
            return (0..<n).map {
                (String(cString: rd_kafka_topic_result_name(arr[$0])), rd_kafka_topic_result_error(arr[$0]))
            }
        }
        for (name, err) in results where err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, context: "delete topic \(name)")
        }
    }

    /// Runs one admin request on a private queue and reads its result event.
    func adminCall<R>(
        _ op: rd_kafka_admin_op_t, timeout: Duration,
        start: (OpaquePointer?, OpaquePointer?) -> Void,
        read: (OpaquePointer) throws(KafkaError) -> R
    ) throws(KafkaError) -> R {
        guard let queue = rd_kafka_queue_new(handle) else { throw .local(.state, "rd_kafka_queue_new failed") }
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(handle, op)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.milliseconds, &errstr, errstr.count)
        if op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS {
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout.milliseconds, &errstr, errstr.count)
        }
        start(options, queue)
        // The request itself times out at `timeout`; allow a little for the result to arrive.
        guard let event = rd_kafka_queue_poll(queue, timeout.milliseconds &+ 2000) else {
            throw .local(.timedOut, "admin request timed out after \(timeout)")
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let msg = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? KafkaError.Code(err).summary
            throw KafkaError(
                code: KafkaError.Code(err), message: msg, isRetriable: KafkaError.Code(err).isTypicallyRetriable)
        }
        return try read(event)
    }
}
