import Crypto
import MetricParser
import PageText

/// How the text a metric's offsets point into was made from the article's page (`extraction`
/// in metric.normalized.v2; absent when the text is the article's `body`). Reading the same page
/// with the same extractor and version gives the same text: `text_sha256` lets a consumer check
/// that it has it, and `text_scalars` is its length in code points.
public struct Extraction: Sendable, Hashable {
    public var extractor: String
    public var version: String
    /// The charset the page's bytes were decoded from.
    public var charset: String
    public var textSHA256: String
    public var textScalars: Int

    public init(
        extractor: String = PageReader.name, version: String = PageReader.version, charset: String, text: String
    ) {
        self.extractor = extractor
        self.version = version
        self.charset = charset
        self.textSHA256 = Hex.lower(Hex.sha256(text))
        self.textScalars = text.unicodeScalars.count
    }

    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("extractor"); w.string(extractor)
        w.key("version"); w.string(version)
        w.key("charset"); w.string(charset)
        w.key("text_sha256"); w.string(textSHA256)
        w.key("text_scalars"); w.number(textScalars)
        w.endObject()
    }
}

extension TableLocation {
    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("table"); w.number(table)
        w.key("row"); w.number(row)
        w.key("column"); w.number(column)
        w.endObject()
    }
}
