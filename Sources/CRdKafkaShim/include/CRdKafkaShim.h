#pragma once
// C glue between Swift and librdkafka: what Swift cannot call itself (the variadic
// rd_kafka_producev) and calls whose best implementation depends on RD_KAFKA_VERSION.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdint.h>
#include <stddef.h>

/// Enqueues one message with rd_kafka_producev (copying key and value).
///
/// Why not rd_kafka_produceva: in librdkafka < 2.4 (incl. Debian's 2.0.2) produceva destroys
/// the headers on a failed enqueue although the caller still owns them (double free,
/// librdkafka#4627). rd_kafka_producev has the documented contract this shim keeps:
/// on success librdkafka owns `headers`; on failure the caller must destroy them.
rd_kafka_resp_err_t tally_producev(rd_kafka_t *rk, const char *topic, int32_t partition,
                                   const void *value, size_t value_len,
                                   const void *key, size_t key_len,
                                   int64_t timestamp_ms, rd_kafka_headers_t *headers,
                                   void *msg_opaque);

/// Low and high watermark of one partition, asked of the partition leader, honouring
/// `timeout_ms`. librdkafka < 2.3.0 ignores the timeout of rd_kafka_query_watermark_offsets
/// (it can hang while a broker is down, librdkafka#2588, fixed by #4460); there the shim asks
/// ListOffsets through rd_kafka_offsets_for_times with the logical timestamps
/// BEGINNING (-2) and END (-1), whose wait is bounded.
rd_kafka_resp_err_t tally_query_watermarks(rd_kafka_t *rk, const char *topic, int32_t partition,
                                           int64_t *low, int64_t *high, int timeout_ms);

/// 1 when this librdkafka's rd_kafka_query_watermark_offsets honours its timeout (>= 2.3.0).
int tally_watermark_query_honours_timeout(void);

/// The RD_KAFKA_VERSION the shim was compiled against (the runtime one is rd_kafka_version()).
int tally_compiled_version(void);


/// Makes the next request of `api_key` to `broker_id` fail with `err` after `rtt_ms`
/// (rd_kafka_mock_broker_push_request_error_rtts is variadic).
rd_kafka_resp_err_t tally_mock_broker_push_request_error(rd_kafka_mock_cluster_t *mcluster, int32_t broker_id,
                                                         int16_t api_key, rd_kafka_resp_err_t err, int32_t rtt_ms);
