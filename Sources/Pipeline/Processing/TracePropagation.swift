import Crypto
import Kafka
import W3CTraceContext

/// Carries a W3C trace context (`traceparent`, `tracestate` headers) from a raw record to every
/// record it causes — metric events, the article summary, a dead letter — so a crawl can be
/// followed to its metrics in a tracing backend.
///
/// Each output is a child of the raw record's span: same trace id, flags and state, and a span id
/// derived from the parent span id and the output's identity (metric id, summary, dead letter),
/// not drawn at random — so a redelivery or a replay of the same record gives the same ids, as
/// `metric_id` does. A missing or malformed `traceparent` propagates nothing (W3C: a receiver
/// must not pass on a header it cannot parse).
struct TracePropagation: Sendable {
    let parent: TraceContext?

    init(headers: [KafkaHeader]) {
        func header(_ name: String) -> String? { headers.last { $0.key.lowercased() == name }?.stringValue }
        parent = header("traceparent").flatMap {
            try? TraceContext(traceParentHeaderValue: $0, traceStateHeaderValue: header("tracestate"))
        }
    }

    /// The headers for one output; empty when the raw record carried no valid trace context.
    func headers(child identity: String) -> [KafkaHeader] {
        guard let parent else { return [] }
        var hasher = SHA256()
        hasher.update(data: Array("\(parent.spanID)\u{1F}\(identity)".utf8))
        let d = Array(hasher.finalize())
        // An all-zero span id is invalid; a digest prefix of eight zero bytes is a 2⁻⁶⁴ event.
        let last = d[0..<7].allSatisfy { $0 == 0 } && d[7] == 0 ? 1 : d[7]
        let span = SpanID(bytes: (d[0], d[1], d[2], d[3], d[4], d[5], d[6], last))
        let child = TraceContext(traceID: parent.traceID, spanID: span, flags: parent.flags, state: parent.state)
        var out = [KafkaHeader(key: "traceparent", string: child.traceParentHeaderValue)]
        if let state = child.traceStateHeaderValue, !state.isEmpty {
            out.append(KafkaHeader(key: "tracestate", string: state))
        }
        return out
    }
}
