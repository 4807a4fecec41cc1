/// The topics Tally uses unless told otherwise: the defaults of `input.topic`, `output.topic`
/// and `deadletter.topic`, of `ArticleProcessor.Options`, and of `tally replay`.
public enum DefaultTopics {
    public static let input = "articles.raw"
    public static let output = "metrics.normalized"
    public static let deadLetter = "articles.deadletter"
}
