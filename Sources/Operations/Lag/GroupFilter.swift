/// Which consumer groups the lag monitor reports: allow and deny regular expressions over the
/// whole group name (as kminion's `allowedGroups`/`ignoredGroups` and kafka-lag-exporter's
/// group whitelist/blacklist). A group is kept when it matches some allow pattern (or there are
/// none) and no deny pattern; deny wins. Patterns match the WHOLE name: `tally-.*`, not `tally-`.
public struct GroupFilter: Sendable, Hashable {
    public let allow: [String]
    public let deny: [String]
    private let allowRegexes: [CompiledPattern]
    private let denyRegexes: [CompiledPattern]

    /// Everything.
    public static let none = GroupFilter(validated: [], [])

    /// - Throws: `OperationsError.invalidArgument` naming the pattern that does not compile.
    public init(allow: [String] = [], deny: [String] = []) throws(OperationsError) {
        self.allow = allow
        self.deny = deny
        allowRegexes = try allow.map { p throws(OperationsError) in try CompiledPattern(p, option: "--allow-groups") }
        denyRegexes = try deny.map { p throws(OperationsError) in try CompiledPattern(p, option: "--deny-groups") }
    }

    private init(validated allow: [String], _ deny: [String]) {
        self.allow = allow
        self.deny = deny
        allowRegexes = []
        denyRegexes = []
    }

    public var isEmpty: Bool { allow.isEmpty && deny.isEmpty }

    public func admits(_ group: String) -> Bool {
        if denyRegexes.contains(where: { $0.matchesWhole(group) }) { return false }
        return allowRegexes.isEmpty || allowRegexes.contains { $0.matchesWhole(group) }
    }

    public static func == (a: GroupFilter, b: GroupFilter) -> Bool { a.allow == b.allow && a.deny == b.deny }
    public func hash(into h: inout Hasher) {
        h.combine(allow)
        h.combine(deny)
    }
}

/// A regular expression compiled once (Swift Regex syntax, which accepts the usual PCRE/RE2 forms).
private struct CompiledPattern: @unchecked Sendable {
    // Regex is immutable once built; matching from several threads is safe.
    let regex: Regex<AnyRegexOutput>

    init(_ pattern: String, option: String) throws(OperationsError) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw OperationsError.invalidArgument("\(option): '\(pattern)' is not a valid regular expression: \(error)")
        }
    }

    func matchesWhole(_ s: String) -> Bool { (try? regex.wholeMatch(in: s)) != nil }
}
