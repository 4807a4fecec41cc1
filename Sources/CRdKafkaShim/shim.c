#include "CRdKafkaShim.h"

rd_kafka_resp_err_t tally_producev(rd_kafka_t *rk, const char *topic, int32_t partition,
                                   const void *value, size_t value_len,
                                   const void *key, size_t key_len,
                                   int64_t timestamp_ms, rd_kafka_headers_t *headers,
                                   void *msg_opaque) {
    if (headers) {
        return rd_kafka_producev(rk,
                                 RD_KAFKA_V_TOPIC(topic),
                                 RD_KAFKA_V_PARTITION(partition),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                 RD_KAFKA_V_VALUE((void *)value, value_len),
                                 RD_KAFKA_V_KEY(key, key_len),
                                 RD_KAFKA_V_TIMESTAMP(timestamp_ms),
                                 RD_KAFKA_V_HEADERS(headers),
                                 RD_KAFKA_V_OPAQUE(msg_opaque),
                                 RD_KAFKA_V_END);
    }
    return rd_kafka_producev(rk,
                             RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_TIMESTAMP(timestamp_ms),
                             RD_KAFKA_V_OPAQUE(msg_opaque),
                             RD_KAFKA_V_END);
}

int tally_watermark_query_honours_timeout(void) {
#if RD_KAFKA_VERSION >= 0x020300ff
    return 1;
#else
    return 0;
#endif
}

int tally_compiled_version(void) { return RD_KAFKA_VERSION; }

rd_kafka_resp_err_t tally_query_watermarks(rd_kafka_t *rk, const char *topic, int32_t partition,
                                           int64_t *low, int64_t *high, int timeout_ms) {
#if RD_KAFKA_VERSION >= 0x020300ff
    return rd_kafka_query_watermark_offsets(rk, topic, partition, low, high, timeout_ms);
#else
    /* Two lists: offsets_for_times resolves each entry's "timestamp" in place. */
    rd_kafka_resp_err_t err;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, topic, partition)->offset = RD_KAFKA_OFFSET_BEGINNING;
    err = rd_kafka_offsets_for_times(rk, l, timeout_ms);
    if (!err) err = l->elems[0].err;
    if (!err) *low = l->elems[0].offset;
    rd_kafka_topic_partition_list_destroy(l);
    if (err) return err;

    l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, topic, partition)->offset = RD_KAFKA_OFFSET_END;
    err = rd_kafka_offsets_for_times(rk, l, timeout_ms);
    if (!err) err = l->elems[0].err;
    if (!err) *high = l->elems[0].offset;
    rd_kafka_topic_partition_list_destroy(l);
    return err;
#endif
}

rd_kafka_resp_err_t tally_mock_broker_push_request_error(rd_kafka_mock_cluster_t *mcluster, int32_t broker_id,
                                                         int16_t api_key, rd_kafka_resp_err_t err, int32_t rtt_ms) {
    return rd_kafka_mock_broker_push_request_error_rtts(mcluster, broker_id, api_key, 1, err, rtt_ms);
}
