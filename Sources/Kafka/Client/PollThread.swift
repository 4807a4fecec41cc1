import Foundation
import Synchronization

/// A dedicated thread that calls `body` until stopped. librdkafka delivers producer events
/// (delivery reports, statistics, errors) only to whoever polls the handle, so a producer owns
/// one of these; Swift concurrency's cooperative pool must not be blocked by librdkafka's poll.
final class PollThread: Sendable {
    private final class Flag: Sendable { let running = Atomic<Bool>(true) }
    private let flag = Flag()
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, body: @escaping @Sendable () -> Void) {
        let thread = Thread { [flag, finished] in
            while flag.running.load(ordering: .acquiring) { body() }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the loop after the current `body` call and waits for the thread to end.
    func stop() {
        if flag.running.exchange(false, ordering: .acquiringAndReleasing) { finished.wait() }
    }
}

/// Wakes senders blocked on a full producer queue when deliveries free space.
final class QueueSpace: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation: UInt64 = 0

    func signal() {
        condition.lock()
        generation &+= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until space may have been freed or `deadline` passes.
    func wait(until deadline: Date) {
        condition.lock()
        let seen = generation
        while generation == seen, condition.wait(until: deadline) {}
        condition.unlock()
    }
}
