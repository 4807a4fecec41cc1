import ArgumentParser
import Foundation
import Kafka
import Operations

/// `tally offsets show|reset`: read or move a consumer group's committed offsets.
/// See docs/offsets.md.
struct OffsetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offsets",
        abstract: "Show or reset a consumer group's committed offsets.",
        subcommands: [Show.self, Reset.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }
}

extension OffsetsCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a group's committed offsets next to each partition's retained range and lag.",
            discussion: "Partitions without a committed offset show 'none'.")

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: "Consumer group id.")
        var group: String

        @Option(name: .long, help: "Only this topic (default: every topic the group has offsets for).")
        var topic: String?

        @Option(name: .long, help: "Output format: table or json.")
        var format: Format = .table

        func run() async throws {
            try CLIErrors.reporting("offsets") {
                let tool = try ConsumerGroupOffsets(config: try kafka.config())
                let offsets = try tool.show(group: group, topic: topic)
                print(format == .json ? try JSONOutput.encode(offsets) : OffsetsTextFormat.render(offsets))
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a group's committed offsets (dry run unless --execute).",
            discussion: """
                Exactly one of --to-earliest, --to-latest, --to-datetime, --by-duration, --shift-by, --to-offset.
                Every new offset is clamped into the retained range [log start, log end].
                --execute refuses while the group has active members: stop the consumers first.
                Examples:
                  tally offsets reset --group workers --topic articles --to-datetime 2026-11-01T00:00:00Z
                  tally offsets reset --group workers --topic articles --by-duration PT2H --partitions 0,3 --execute
                  tally offsets reset --group workers --topic articles --shift-by -1000 --execute
                """)

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: "Consumer group id.")
        var group: String

        @Option(name: .long, help: "Topic whose partitions are reset.")
        var topic: String

        @Flag(name: .customLong("to-earliest"), help: "To the log start (reprocess everything retained).")
        var toEarliest = false

        @Flag(name: .customLong("to-latest"), help: "To the log end (skip everything unprocessed).")
        var toLatest = false

        @Option(
            name: .customLong("to-datetime"),
            help: ArgumentHelp(
                "To the first record at or after this time (ISO 8601 with zone).", valueName: "2026-11-01T00:00:00Z"))
        var toDatetime: String?

        @Option(
            name: .customLong("by-duration"),
            help: ArgumentHelp(
                "To the first record at or after now minus this ISO 8601 duration.", valueName: "PT2H"))
        var byDuration: String?

        @Option(
            name: .customLong("shift-by"), parsing: .unconditional,
            help: ArgumentHelp(
                "Move the committed offset by N (negative: back). Partitions without one are left unchanged.",
                valueName: "N"))
        var shiftBy: Int64?

        @Option(
            name: .customLong("to-offset"), parsing: .unconditional,
            help: ArgumentHelp("To this offset.", valueName: "N"))
        var toOffset: Int64?

        @Option(name: .long, help: ArgumentHelp("Only these partitions (default: all).", valueName: "0,3"))
        var partitions: String?

        @Flag(name: .long, help: "Apply the reset (default: dry run, nothing changes).")
        var execute = false

        @Option(name: .long, help: "Output format: table or json.")
        var format: Format = .table

        func validate() throws {
            let modes = [toEarliest, toLatest, toDatetime != nil, byDuration != nil, shiftBy != nil, toOffset != nil]
            if modes.filter({ $0 }).count != 1 {
                throw ValidationError(
                    "give exactly one of --to-earliest, --to-latest, --to-datetime, --by-duration, --shift-by, --to-offset"
                )
            }
            _ = try partitionList()
            do {
                _ = try target()
            } catch let e as OperationsError {
                throw ValidationError(e.description)
            }
        }

        func partitionList() throws -> [Int32]? {
            guard let partitions else { return nil }
            let items = partitions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let parsed = items.compactMap { Int32($0) }
            guard !items.isEmpty, parsed.count == items.count, parsed.allSatisfy({ $0 >= 0 }) else {
                throw ValidationError(
                    "--partitions expects partition numbers separated by commas, e.g. 0,3 (got '\(partitions)')")
            }
            return parsed
        }

        func target() throws -> OffsetResetTarget {
            if toEarliest { return .earliest }
            if toLatest { return .latest }
            if let toDatetime { return .datetime(try Timestamps.parse(toDatetime)) }
            if let byDuration { return .duration(seconds: try ISO8601Duration.seconds(byDuration)) }
            if let shiftBy { return .shift(shiftBy) }
            if let toOffset {
                guard toOffset >= 0 else {
                    throw OperationsError.invalidArgument("--to-offset must be >= 0 (got \(toOffset))")
                }
                return .offset(toOffset)
            }
            throw OperationsError.invalidArgument("no reset mode given")
        }

        func run() async throws {
            try CLIErrors.reporting("offsets") {
                let tool = try ConsumerGroupOffsets(config: try kafka.config())
                var plan = try tool.planReset(
                    group: group, topic: topic, partitions: try partitionList(), to: try target())
                if execute { plan = try tool.execute(plan) }
                print(format == .json ? try JSONOutput.encode(plan) : OffsetsTextFormat.render(plan))
            }
        }
    }
}
