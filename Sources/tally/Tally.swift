import ArgumentParser

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
}
