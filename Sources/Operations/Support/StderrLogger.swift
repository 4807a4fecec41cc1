import Logging

/// The logger of operator commands: to stderr, warnings and worse by default.
///
/// Why: `tally lag --format json` and `tally offsets … --format json` write machine-readable
/// output to stdout; the Kafka layer's logs (connection errors, retries) must never be mixed
/// into it. The process-wide `LoggingSystem` is not touched, so this works whatever the root
/// command bootstrapped.
public enum StderrLogger {
    public static func make(_ label: String, level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level
        return logger
    }
}
