import Kafka

/// Why an operator command (`tally lag`, `tally offsets`) could not do what was asked.
///
/// Contract: `description` is one or a few lines meant for a person at a terminal — what went
/// wrong and what to do — never a stack trace. The CLI prints it to stderr and exits non-zero;
/// tests match on the case.
public enum OperationsError: Error, Sendable, CustomStringConvertible {
    /// The arguments do not make sense (bad duration, unknown partition, two reset modes …).
    case invalidArgument(String)
    /// The group has live members, so its committed offsets must not be changed under them.
    case groupActive(group: String, members: [GroupMember])
    /// A topic or group that the command needs does not exist.
    case notFound(String)
    /// A bounded wait ran out (e.g. reading a record for the time lag).
    case timedOut(String)
    /// A Kafka call failed; `context` says which step.
    case kafka(context: String, KafkaError)

    public var description: String {
        switch self {
        case .invalidArgument(let m): return m
        case .notFound(let m): return m
        case .timedOut(let m): return m
        case .kafka(let context, let e):
            let unreachable: [KafkaError.Code] = [.timedOut, .transport, .allBrokersDown, .resolve]
            let hint =
                unreachable.contains(e.code) ? " — is the cluster reachable? (check --brokers / TALLY_BROKERS)" : ""
            return "\(context): \(e.message) (\(e.name))\(hint)"
        case .groupActive(let group, let members):
            let list = members.map { "  - \($0.summary)" }.joined(separator: "\n")
            return """
                consumer group '\(group)' has \(members.count) active member(s); its offsets can only be changed \
                while it is empty. Stop these consumers first (e.g. scale the workers to 0), then retry:
                \(list)
                """
        }
    }
}

extension OperationsError {
    /// Runs one Kafka step, turning its `KafkaError` into `.kafka(context:…)` so the message says
    /// which step failed. `OperationsError`s pass through unchanged.
    static func step<T>(_ context: @autoclosure () -> String, _ body: () throws -> T) throws(OperationsError) -> T {
        do {
            return try body()
        } catch let e as KafkaError {
            throw .kafka(context: context(), e)
        } catch let e as OperationsError {
            throw e
        } catch {
            throw .kafka(context: context(), KafkaError(code: .state, message: String(describing: error)))
        }
    }
}
