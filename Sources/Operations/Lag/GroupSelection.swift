/// Which consumer groups (and optionally which topic) a lag evaluation covers.
///
/// `all` re-lists the cluster's groups at every evaluation, so groups that appear are picked up
/// and groups that disappear drop out (and their exporter series with them). The lag probe's
/// own private groups (`tally-unjoined-*`) are never listed.
public struct GroupSelection: Sendable, Hashable {
    public enum Groups: Sendable, Hashable {
        case named([String])
        case all
    }

    public var groups: Groups
    /// Only this topic's partitions; nil: every topic the group has committed offsets for or
    /// has assigned to a member.
    public var topic: String?
    /// Allow/deny patterns over group names, applied to listed and named groups alike.
    public var filter: GroupFilter

    public init(groups: Groups, topic: String? = nil, filter: GroupFilter = .none) {
        self.groups = groups
        self.topic = topic
        self.filter = filter
    }

    public static func group(_ name: String, topic: String? = nil) -> GroupSelection {
        GroupSelection(groups: .named([name]), topic: topic)
    }
}
