import Foundation
import Kafka

/// What the worker is doing, for `/healthz` (alive: not failed) and `/readyz` (ready: has
/// partitions and is consuming them).
public final class WorkerState: @unchecked Sendable {
    public enum Phase: String, Sendable {
        case starting, running, draining, stopped, failed
    }

    private let lock = NSLock()
    private var _phase: Phase = .starting
    private var _assignment: [TopicPartition] = []
    private var _failure: String?

    public init() {}

    public var phase: Phase { lock.withLock { _phase } }
    public var assignment: [TopicPartition] { lock.withLock { _assignment } }
    public var failure: String? { lock.withLock { _failure } }

    func set(_ phase: Phase) { lock.withLock { if _phase != .failed { _phase = phase } } }
    func setAssignment(_ tps: [TopicPartition]) { lock.withLock { _assignment = tps.sorted() } }
    func fail(_ reason: String) {
        lock.withLock {
            if _failure == nil { _failure = reason }
            _phase = .failed
        }
    }

    public var isAlive: Bool { phase != .failed }
    public var isReady: Bool { lock.withLock { _phase == .running && !_assignment.isEmpty } }
    public var detail: String {
        lock.withLock {
            if let f = _failure { return "failed: \(f)" }
            return "\(_phase.rawValue), \(_assignment.count) partition(s) assigned"
        }
    }
}

/// Why a worker stopped with an error.
public struct WorkerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
