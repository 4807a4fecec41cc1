import MetricParser

extension ArticleEvent {
    /// The locale the event states for itself: its `language` tag (zh-TW, zh-HK, zh-MO), else the
    /// host of its `url` (.tw/.hk/.mo). Nil when neither tells: the parser then reads the text.
    var parserLocale: ArticleLocale? {
        ArticleLocale(languageTag: language) ?? ArticleLocale(url: url)
    }
}
