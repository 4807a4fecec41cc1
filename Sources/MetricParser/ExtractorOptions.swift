/// Knobs for `MetricExtractor`.
public struct ExtractorOptions: Sendable, Hashable {
    /// Inputs longer than this many Unicode scalars are rejected with `ParseError` (a crawl
    /// artefact, not an article); bounds memory and time per call.
    public var maxInputScalars: Int
    /// Longest `sentence` reported; longer sentences (tables flattened into one line) are cut
    /// around the figure.
    public var maxSentenceScalars: Int

    public init(maxInputScalars: Int = 8_000_000, maxSentenceScalars: Int = 300) {
        self.maxInputScalars = maxInputScalars
        self.maxSentenceScalars = maxSentenceScalars
    }
}
