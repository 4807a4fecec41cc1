internal import CRdKafka
import Foundation

/// The consumer-group admin calls of librdkafka (`KafkaAdmin+Groups` is built on these).
extension RdKafkaClient {
    func listConsumerGroups(timeout: Duration) throws(KafkaError) -> [ConsumerGroupListing] {
        try adminCall(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeout: timeout) { options, queue in
            rd_kafka_ListConsumerGroups(handle, options, queue)
        } read: { event throws(KafkaError) in
            guard let res = rd_kafka_event_ListConsumerGroups_result(event) else { return [] }
            var n = 0
            var errCount = 0
            if let errs = rd_kafka_ListConsumerGroups_result_errors(res, &errCount), errCount > 0, let first = errs[0] {
                // Partial failure (a broker did not answer): report it rather than a short list.
                throw KafkaError(
                    code: KafkaError.Code(rd_kafka_error_code(first)),
                    message: "list consumer groups: \(String(cString: rd_kafka_error_string(first)))", isRetriable: true
                )
            }
            guard let arr = rd_kafka_ListConsumerGroups_result_valid(res, &n) else { return [] }
            return (0..<n).map { i in
                let g = arr[i]
                return ConsumerGroupListing(
                    groupID: String(cString: rd_kafka_ConsumerGroupListing_group_id(g)),
                    state: String(cString: rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(g))),
                    isSimple: rd_kafka_ConsumerGroupListing_is_simple_consumer_group(g) != 0)
            }.sorted { $0.groupID < $1.groupID }
        }
    }

    func describeConsumerGroups(_ groups: [String], timeout: Duration) throws(KafkaError)
        -> [ConsumerGroupDescription]
    {
        let cStrings = groups.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var ptrs: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
        return try adminCall(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout: timeout) { options, queue in
            ptrs.withUnsafeMutableBufferPointer {
                rd_kafka_DescribeConsumerGroups(handle, $0.baseAddress, $0.count, options, queue)
            }
        } read: { event throws(KafkaError) in
            guard let res = rd_kafka_event_DescribeConsumerGroups_result(event) else { return [] }
            var n = 0
            guard let arr = rd_kafka_DescribeConsumerGroups_result_groups(res, &n) else { return [] }
            return (0..<n).map { i in
                let g = arr[i]
                let members = (0..<rd_kafka_ConsumerGroupDescription_member_count(g)).map { j in
                    let m = rd_kafka_ConsumerGroupDescription_member(g, j)
                    let parts = rd_kafka_MemberDescription_assignment(m).flatMap {
                        rd_kafka_MemberAssignment_partitions($0)
                    }
                    return ConsumerGroupDescription.Member(
                        memberID: String(cString: rd_kafka_MemberDescription_consumer_id(m)),
                        clientID: String(cString: rd_kafka_MemberDescription_client_id(m)),
                        host: String(cString: rd_kafka_MemberDescription_host(m)),
                        assignment: parts.map { TopicPartitionList.read($0).map(\.topicPartition).sorted() } ?? [])
                }
                let err = rd_kafka_ConsumerGroupDescription_error(g)
                return ConsumerGroupDescription(
                    groupID: String(cString: rd_kafka_ConsumerGroupDescription_group_id(g)),
                    state: String(
                        cString: rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(g))),
                    partitionAssignor: rd_kafka_ConsumerGroupDescription_partition_assignor(g).map {
                        String(cString: $0)
                    } ?? "",
                    coordinator: rd_kafka_ConsumerGroupDescription_coordinator(g).map { rd_kafka_Node_id($0) },
                    members: members,
                    error: err.map { KafkaError.Code(rd_kafka_error_code($0)) })
            }
        }
    }

    /// The group's committed offsets (`KafkaOffset.invalid` for partitions without one).
    /// With `partitions` nil, every partition the group has committed.
    func committedOffsets(group: String, partitions: [TopicPartition]?, timeout: Duration)
        throws(KafkaError) -> [TopicPartitionOffset]
    {
        let list = partitions.map { TopicPartitionList(partitions: $0) }
        var req: [OpaquePointer?] = [rd_kafka_ListConsumerGroupOffsets_new(group, list?.pointer)]
        defer { rd_kafka_ListConsumerGroupOffsets_destroy(req[0]) }
        return try adminCall(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout: timeout) { options, queue in
            req.withUnsafeMutableBufferPointer {
                rd_kafka_ListConsumerGroupOffsets(handle, $0.baseAddress, $0.count, options, queue)
            }
        } read: { event throws(KafkaError) in
            guard let res = rd_kafka_event_ListConsumerGroupOffsets_result(event) else { return [] }
            var n = 0
            guard let arr = rd_kafka_ListConsumerGroupOffsets_result_groups(res, &n), n > 0 else { return [] }
            return try Self.groupResult(arr[0], context: "committed offsets of \(group)")
        }
    }

    /// Sets the group's committed offsets. The broker refuses (`UNKNOWN_MEMBER_ID` or
    /// `NON_EMPTY_GROUP`-like errors) while the group has active members.
    func alterCommittedOffsets(group: String, offsets: [TopicPartitionOffset], timeout: Duration)
        throws(KafkaError)
    {
        let list = TopicPartitionList(offsets)
        var req: [OpaquePointer?] = [rd_kafka_AlterConsumerGroupOffsets_new(group, list.pointer)]
        defer { rd_kafka_AlterConsumerGroupOffsets_destroy(req[0]) }
        _ = try adminCall(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, timeout: timeout) { options, queue in
            req.withUnsafeMutableBufferPointer {
                rd_kafka_AlterConsumerGroupOffsets(handle, $0.baseAddress, $0.count, options, queue)
            }
        } read: { event throws(KafkaError) in
            guard let res = rd_kafka_event_AlterConsumerGroupOffsets_result(event) else {
                return [TopicPartitionOffset]()
            }
            var n = 0
            guard let arr = rd_kafka_AlterConsumerGroupOffsets_result_groups(res, &n), n > 0 else { return [] }
            let result = try Self.groupResult(arr[0], context: "alter offsets of \(group)")
            if let bad = result.first(where: { $0.error != nil }), let code = bad.error {
                throw KafkaError(
                    code: code, message: "alter offsets of \(group): \(bad.topicPartition): \(code.summary)")
            }
            return result
        }
    }

    private static func groupResult(_ g: OpaquePointer?, context: String) throws(KafkaError) -> [TopicPartitionOffset] {
        if let err = rd_kafka_group_result_error(g) {
            throw KafkaError(
                code: KafkaError.Code(rd_kafka_error_code(err)),
                message: "\(context): \(String(cString: rd_kafka_error_string(err)))")
        }
        guard let parts = rd_kafka_group_result_partitions(g) else { return [] }
        return TopicPartitionList.read(parts).sorted { $0.topicPartition < $1.topicPartition }
    }
}
