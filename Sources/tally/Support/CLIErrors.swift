import ArgumentParser
import Foundation
import Kafka
import Operations

/// One line on stderr: stdout is for data (`--format json`), messages go here.
enum Stderr {
    /// Writes `message`, after `tally <command>: ` when a command is given.
    static func line(_ message: String, command: String? = nil) {
        FileHandle.standardError.write(Data(((command.map { "tally \($0): " } ?? "") + message + "\n").utf8))
    }
}

/// How the operator commands end on an error: a one-paragraph message and exit status 1, never
/// a stack trace. Errors of other kinds (ValidationError, ExitCode) pass through to the parser.
enum CLIErrors {
    /// Reports `error` on stderr if it is an operations or Kafka error and returns the exit to throw.
    static func report(_ error: any Error, command: String) -> any Error {
        switch error {
        case let e as OperationsError: Stderr.line(e.description, command: command)
        case let e as KafkaError: Stderr.line("\(e.message) (\(e.name))", command: command)
        default: return error
        }
        return ExitCode.failure
    }

    /// Runs `body`, reporting its operations or Kafka error (see `report`).
    static func reporting(_ command: String, _ body: () throws -> Void) throws {
        do { try body() } catch { throw report(error, command: command) }
    }
}
