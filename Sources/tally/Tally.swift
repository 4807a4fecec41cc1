import ArgumentParser
import Foundation

/// `tally`: crawled reports in, normalized metrics out — over Kafka.
@main
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Extract every metric from Chinese government and news reports, over Kafka.",
        discussion: """
            Data flow: article.raw.v1 events (topic articles.raw) → tally run → metric.normalized.v2 events
            (topic metrics.normalized), poison input → deadletter.v1 (topic articles.deadletter).
            Start with `tally demo` (no Kafka needed) or `tally parse FILE`.
            """,
        version: TallyVersion.string,
        subcommands: [
            RunCommand.self, ParseCommand.self, ReplayCommand.self, LagCommand.self, OffsetsCommand.self,
            DeadLetterCommand.self, DemoCommand.self,
        ]
    )

    /// ArgumentParser's `main`, with SIGTERM/SIGINT caught from the first instruction (`ShutdownSignals`).
    static func main() async {
        ShutdownSignals.install()
        do {
            var command = try parseAsRoot()
            if (command as? GracefulShutdownCommand)?.shutsDownGracefully != true { ShutdownSignals.restoreDefault() }
            // The command is made here and used by its `run()` alone: no other code can touch it while
            // it runs off the main actor. (Not a nonisolated `main`: that starts the cooperative pool for
            // every command, and `tally parse` then no longer runs under callgrind.)
            if let parsed = command as? AsyncParsableCommand {
                nonisolated(unsafe) var async = parsed
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
