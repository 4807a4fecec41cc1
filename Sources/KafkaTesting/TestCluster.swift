import Foundation
import Kafka
import Synchronization

/// Brokers for tests, shared by every test of the process.
///
/// `integration()` is a real broker: `KAFKA_BROKERS` when set (e.g. an Apache Kafka), else one
/// noida-db started on first use and stopped when the process exits. `mock()` is a fresh
/// in-process mock cluster per call (cheap, isolated: for fault injection).
public enum TestCluster {
    private static let shared = Mutex<Result<String, NoidaBroker.StartError>?>(nil)
    nonisolated(unsafe) private static var broker: NoidaBroker?

    /// `bootstrap.servers` of the integration broker.
    public static func integration() throws -> String {
        try shared.withLock { state in
            if let state { return try state.get() }
            if let env = ProcessInfo.processInfo.environment["KAFKA_BROKERS"], !env.isEmpty {
                state = .success(env)
                return env
            }
            do {
                let b = try NoidaBroker.start()
                broker = b
                atexit { TestCluster.broker?.stop() }
                state = .success(b.bootstrapServers)
                return b.bootstrapServers
            } catch let e as NoidaBroker.StartError {
                state = .failure(e)
                throw e
            }
        }
    }

    /// Integration-broker client config with the settings noida-db needs in tests
    /// (it ignores fetch size limits, so allow large responses).
    public static func integrationConfig(_ extra: [String: String] = [:]) throws -> KafkaConfig {
        var c = KafkaConfig(bootstrapServers: try integration())
        c["receive.message.max.bytes"] = "200000000"
        c.merge(extra)
        return c
    }

    /// A fresh mock cluster with `brokers` brokers.
    public static func mock(brokers: Int = 3) throws -> MockCluster {
        try MockCluster(brokers: brokers)
    }

    /// A topic or group name no other test uses.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Polls `condition` until it holds or `timeout` passes; throws with `message` on timeout.
/// For integration tests' bounded waits (never for unit-test timing).
public func waitUntil(
    timeout: Duration = .seconds(30), _ message: @autoclosure () -> String, _ condition: () throws -> Bool
) throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return }
        Thread.sleep(forTimeInterval: 0.05)
    }
    throw TimeoutError(description: "timed out after \(timeout): \(message())")
}

public struct TimeoutError: Error, CustomStringConvertible {
    public let description: String
}

/// `waitUntil` for async tests: suspends between checks instead of blocking a thread of the
/// cooperative pool (blocking there can starve the very tasks being waited for).
public func waitUntil(
    timeout: Duration = .seconds(30), _ message: @autoclosure () -> String, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TimeoutError(description: "timed out after \(timeout): \(message())")
}
