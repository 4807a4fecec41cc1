import Dispatch

/// Runs blocking work (librdkafka calls wait up to their timeouts) on a Dispatch thread and
/// awaits it, so async callers — the lag exporter's loop, next to an HTTP server — never park a
/// thread of Swift's small cooperative pool (2 threads on a 2-core machine) for seconds.
///
/// Contract: `body` runs exactly once, on a global-queue thread; its result or error is
/// returned. Cancellation is not propagated into `body` (librdkafka calls are bounded by their
/// own timeouts), so callers bound their waits there.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { cont in
        DispatchQueue.global().async {
            cont.resume(with: Result { try body() })
        }
    }
}
