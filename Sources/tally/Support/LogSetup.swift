import ArgumentParser
import Foundation
import Logging

/// Process-wide logging: human-readable lines (default) or one JSON object per line for log
/// pipelines. Both go to stderr, so stdout stays clean for data (`tally parse`, `--format json`).
enum LogSetup {
    enum Format: String, CaseIterable {
        case text, json
    }

    static func bootstrap(level: Logger.Level, format: Format) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .text: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}

/// One JSON object per log line: `{"ts":…,"level":…,"logger":…,"msg":…,"<metadata>":…}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private static let lock = NSLock()

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var obj: [String: String] = [
            "ts": Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date()),
            "level": event.level.rawValue, "logger": label, "msg": "\(event.message)",
        ]
        if let error = event.error { obj["error"] = "\(error)" }
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { obj[k] = "\(v)" }
        guard
            var data = try? JSONSerialization.data(
                withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        data.append(0x0A)
        Self.lock.withLock { FileHandle.standardError.write(data) }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogSetup.Format: ExpressibleByArgument {}
