import Foundation

/// JSON for `--format json`: sorted keys (stable diffs and tests), no escaped slashes, pretty
/// for one-shot output and one compact document per line (JSON Lines) for `--watch`.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
