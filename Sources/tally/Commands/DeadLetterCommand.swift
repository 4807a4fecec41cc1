import ArgumentParser
import Foundation
import Kafka
import Operations
import Pipeline

/// `tally deadletter show|redrive`: inspect the dead-letter topic and send originals back.
/// See docs/deadletter.md.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletter",
        abstract: "Inspect dead letters, and re-publish their originals after a fix (dry run unless --execute).",
        subcommands: [Show.self, Redrive.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// The filters both subcommands share.
    struct SelectionOptions: ParsableArguments {
        @Option(name: .long, help: "Dead-letter topic (default articles.deadletter).")
        var topic: String = DefaultTopics.deadLetter

        @Option(name: .customLong("class"), help: "Only this error class (invalid_json, too_large, …); repeatable.")
        var classes: [String] = []

        @Option(name: .long, help: "Only reasons containing this text.")
        var reason: String?

        @Option(
            name: .long, help: ArgumentHelp("Only dead letters written at or after this time.", valueName: "RFC 3339"))
        var from: String?

        @Option(name: .long, help: ArgumentHelp("Only dead letters written before this time.", valueName: "RFC 3339"))
        var to: String?

        func selection() throws(OperationsError) -> DeadLetterSelection {
            DeadLetterSelection(
                classes: Set(classes), reasonContains: reason,
                fromMs: try from.map { t throws(OperationsError) in Timestamps.milliseconds(try Timestamps.parse(t)) },
                toMs: try to.map { t throws(OperationsError) in Timestamps.milliseconds(try Timestamps.parse(t)) })
        }
    }

}

extension DeadLetterCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts by class and by reason, with a sample of each.",
            discussion:
                "Reasons are grouped by shape (digits folded to N). Reads the topic with plain assignment; joins no group."
        )

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var select: SelectionOptions

        @Option(name: .long, help: "Samples per reason group.")
        var samples: Int = 3

        @Option(name: .long, help: "Output format: table or json.")
        var format: Format = .table

        func run() async throws {
            try CLIErrors.reporting("deadletter") {
                let tool = DeadLetterRedriver(config: try kafka.config(), options: .init(deadLetterTopic: select.topic))
                let report = try tool.report(try select.selection(), samplesPerGroup: max(0, samples))
                print(format == .json ? try JSONOutput.encode(report) : DeadLetterTextFormat.render(report))
            }
        }
    }

    struct Redrive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-publish the originals of the selected dead letters (dry run unless --execute).",
            discussion: """
                Each original goes back with its key and value, to its original topic (or --to-topic), with headers
                tally.redrive.of and tally.original.*. Every redriven dead letter is recorded in a compacted ledger
                topic in the same transaction, so none is ever redriven twice.
                Example: tally deadletter redrive --class too_large --from 2026-11-30T00:00:00Z --execute
                """)

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var select: SelectionOptions

        @Option(name: .customLong("to-topic"), help: "Publish here instead of each dead letter's original topic.")
        var toTopic: String?

        @Option(
            name: .customLong("ledger-topic"),
            help: "Redrive ledger (default <topic>.redriven; created compacted on first --execute).")
        var ledgerTopic: String?

        @Option(name: .customLong("max-rate"), help: "At most this many records per second.")
        var maxRate: Double?

        @Flag(help: "Write; without it only the plan is shown.")
        var execute = false

        @Option(name: .long, help: "Output format: table or json.")
        var format: Format = .table

        func run() async throws {
            try CLIErrors.reporting("deadletter") {
                let tool = DeadLetterRedriver(
                    config: try kafka.config(),
                    options: .init(
                        deadLetterTopic: select.topic, targetTopic: toTopic, ledgerTopic: ledgerTopic, execute: execute,
                        maxRate: maxRate))
                let result = try tool.redrive(try select.selection())
                print(format == .json ? try JSONOutput.encode(result) : DeadLetterTextFormat.render(result))
            }
        }
    }
}
