import Foundation
import Kafka

extension KafkaConsumer {
    /// Polls until `count` records arrived or `timeout` passed; returns what arrived.
    /// Consumer errors are collected into `errors` (when given) instead of being dropped.
    public func records(
        count: Int, timeout: Duration = .seconds(30), errors: ((KafkaError) -> Void)? = nil
    ) throws(KafkaError) -> [ConsumerRecord] {
        var out: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + timeout
        while out.count < count && ContinuousClock.now < deadline {
            switch try poll(timeout: .milliseconds(100)) {
            case .record(let r): out.append(r)
            case .error(let e): errors?(e)
            case .partitionEOF, nil: break
            }
        }
        return out
    }

    /// Polls for `duration`, returning every record seen (to check that nothing more arrives).
    public func records(for duration: Duration) throws(KafkaError) -> [ConsumerRecord] {
        var out: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if case .record(let r) = try poll(timeout: .milliseconds(50)) { out.append(r) }
        }
        return out
    }
}

extension KafkaProducer {
    /// Sends every message (pipelined) and waits for all reports; results are in send order.
    /// A message that cannot be enqueued gets its enqueue error as its result.
    public func sendAll(_ messages: [ProducerMessage], timeout: Duration = .seconds(60)) throws
        -> [Result<DeliveryReport, KafkaError>]
    {
        let results = ResultBox(count: messages.count)
        let group = DispatchGroup()
        for (i, m) in messages.enumerated() {
            group.enter()
            do throws(KafkaError) {
                try send(m) { r in
                    results.set(i, r)
                    group.leave()
                }
            } catch {
                results.set(i, .failure(error))
                group.leave()
            }
        }
        guard group.wait(timeout: .now() + .milliseconds(Int(timeout.wholeMilliseconds))) == .success else {
            throw TimeoutError(description: "delivery reports missing after \(timeout)")
        }
        return results.values
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<DeliveryReport, KafkaError>?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<DeliveryReport, KafkaError>) {
        lock.lock()
        storage[i] = r
        lock.unlock()
    }
    var values: [Result<DeliveryReport, KafkaError>] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}
