internal import CRdKafka

/// A consumer's group membership (group id, generation, member id) as a transaction needs it
/// to commit offsets on the group's behalf. Opaque; obtain it from `KafkaConsumer.groupMetadata()`.
public final class ConsumerGroupMetadata: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { rd_kafka_consumer_group_metadata_destroy(pointer) }
}
