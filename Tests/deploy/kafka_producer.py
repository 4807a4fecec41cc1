"""A minimal producer for the live deploy test: the distribution's librdkafka through ctypes.

Uses the plain `rd_kafka_produce` (no headers, not variadic: the 2.0.2 header bug in
`rd_kafka_produceva` does not apply) and counts delivery reports, so a record the broker did
not acknowledge is an error, not a silent loss.
"""

from __future__ import annotations

import ctypes
import ctypes.util

RD_KAFKA_PRODUCER = 0
RD_KAFKA_PARTITION_UA = -1
RD_KAFKA_MSG_F_COPY = 0x2


class _Message(ctypes.Structure):  # rd_kafka_message_t, the leading fields
    _fields_ = [("err", ctypes.c_int), ("rkt", ctypes.c_void_p), ("partition", ctypes.c_int32),
                ("payload", ctypes.c_void_p), ("len", ctypes.c_size_t)]


_DR_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_Message), ctypes.c_void_p)


def _lib() -> ctypes.CDLL:
    lib = ctypes.CDLL(ctypes.util.find_library("rdkafka") or "librdkafka.so.1")
    lib.rd_kafka_conf_new.restype = ctypes.c_void_p
    lib.rd_kafka_conf_set.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_conf_set_dr_msg_cb.argtypes = [ctypes.c_void_p, _DR_CB]
    lib.rd_kafka_new.restype = ctypes.c_void_p
    lib.rd_kafka_new.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_topic_new.restype = ctypes.c_void_p
    lib.rd_kafka_topic_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
    lib.rd_kafka_produce.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                                     ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    lib.rd_kafka_poll.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.rd_kafka_flush.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.rd_kafka_outq_len.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_topic_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_err2str.restype = ctypes.c_char_p
    lib.rd_kafka_NewTopic_new.restype = ctypes.c_void_p
    lib.rd_kafka_NewTopic_new.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_NewTopic_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_queue_new.restype = ctypes.c_void_p
    lib.rd_kafka_queue_new.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_queue_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_CreateTopics.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_size_t,
                                          ctypes.c_void_p, ctypes.c_void_p]
    lib.rd_kafka_queue_poll.restype = ctypes.c_void_p
    lib.rd_kafka_queue_poll.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.rd_kafka_event_CreateTopics_result.restype = ctypes.c_void_p
    lib.rd_kafka_event_CreateTopics_result.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_CreateTopics_result_topics.restype = ctypes.POINTER(ctypes.c_void_p)
    lib.rd_kafka_CreateTopics_result_topics.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)]
    lib.rd_kafka_topic_result_error.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_topic_result_error_string.restype = ctypes.c_char_p
    lib.rd_kafka_topic_result_error_string.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_event_destroy.argtypes = [ctypes.c_void_p]
    return lib


class Producer:
    def __init__(self, brokers: str, topic: str):
        self.lib = _lib()
        self.delivered = 0
        self.failed: list[str] = []
        err = ctypes.create_string_buffer(512)
        conf = self.lib.rd_kafka_conf_new()
        for k, v in {"bootstrap.servers": brokers, "acks": "all", "linger.ms": "5"}.items():
            if self.lib.rd_kafka_conf_set(conf, k.encode(), v.encode(), err, len(err)) != 0:
                raise RuntimeError(f"librdkafka {k}={v}: {err.value.decode()}")
        self._cb = _DR_CB(self._on_delivery)  # kept alive as long as the producer
        self.lib.rd_kafka_conf_set_dr_msg_cb(conf, self._cb)
        self.rk = self.lib.rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, len(err))
        if not self.rk:
            raise RuntimeError(f"rd_kafka_new: {err.value.decode()}")
        self.rkt = self.lib.rd_kafka_topic_new(self.rk, topic.encode(), None)

    def create_topics(self, partitions: dict[str, int], timeout_s: float = 30) -> None:
        """CreateTopics (replication factor 1); an existing topic is fine."""
        err = ctypes.create_string_buffer(512)
        topics = [self.lib.rd_kafka_NewTopic_new(n.encode(), p, 1, err, len(err)) for n, p in partitions.items()]
        queue = self.lib.rd_kafka_queue_new(self.rk)
        try:
            array = (ctypes.c_void_p * len(topics))(*topics)
            self.lib.rd_kafka_CreateTopics(self.rk, array, len(topics), None, queue)
            event = self.lib.rd_kafka_queue_poll(queue, int(timeout_s * 1000))
            if not event:
                raise RuntimeError(f"CreateTopics: no answer in {timeout_s} s")
            n = ctypes.c_size_t()
            results = self.lib.rd_kafka_CreateTopics_result_topics(self.lib.rd_kafka_event_CreateTopics_result(event),
                                                                  ctypes.byref(n))
            failures = [self.lib.rd_kafka_topic_result_error_string(results[i]) for i in range(n.value)
                        if self.lib.rd_kafka_topic_result_error(results[i]) not in (0, 36)]  # 36: already exists
            self.lib.rd_kafka_event_destroy(event)
            if failures:
                raise RuntimeError(f"CreateTopics failed: {failures}")
        finally:
            self.lib.rd_kafka_queue_destroy(queue)
            for t in topics:
                self.lib.rd_kafka_NewTopic_destroy(t)

    def _on_delivery(self, _rk, msg, _opaque) -> None:
        if msg.contents.err:
            self.failed.append(self.lib.rd_kafka_err2str(msg.contents.err).decode())
        else:
            self.delivered += 1

    def send(self, key: str, value: bytes) -> None:
        k = key.encode()
        while self.lib.rd_kafka_produce(self.rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                                        value, len(value), k, len(k), None) != 0:
            self.lib.rd_kafka_poll(self.rk, 100)  # queue full: serve delivery reports, retry
        self.lib.rd_kafka_poll(self.rk, 0)

    def flush(self, timeout_s: float = 30) -> int:
        """Waits for every delivery report; returns how many records were acknowledged in total."""
        self.lib.rd_kafka_flush(self.rk, int(timeout_s * 1000))
        left = self.lib.rd_kafka_outq_len(self.rk)
        if left or self.failed:
            raise RuntimeError(f"{left} records unacknowledged after {timeout_s} s, failures: {self.failed[:3]}")
        return self.delivered

    def close(self) -> None:
        self.lib.rd_kafka_topic_destroy(self.rkt)
        self.lib.rd_kafka_destroy(self.rk)
