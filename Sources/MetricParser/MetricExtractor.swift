/// Turns an article's text into the metrics a careful analyst would copy out of it.
///
/// ```swift
/// let metrics = try MetricExtractor().extract("全市已召开动员部署会5644场次，参会党员35907名。")
/// // [5644场次 subject 动员部署会 count, 35907名 subject 参会党员 count]
/// ```
///
/// Pure Swift over the text's code points (decoded once from UTF-8); no Foundation, no regular expressions. Offsets in
/// the result are Unicode code-point offsets into the text exactly as given (HTML entities and
/// full-width forms are normalized internally through an offset map).
///
/// - Important: `extract` is a pure function of its input and the options; a single extractor
///   may be shared by any number of threads.
public struct MetricExtractor: Sendable {
    /// Parser version; it goes into every event and into metric ids, so bump it whenever the
    /// output for some input can change.
    public static let version: String = "2.1.0"

    public let options: ExtractorOptions

    public init(options: ExtractorOptions = .init()) {
        self.options = options
    }

    /// Every metric in `text`, sorted by `start`.
    /// - Parameter locale: where the article was written (decides the currency of a bare 元);
    ///   nil reads it from the text (`ArticleLocale(text:)`), else mainland.
    /// - Throws: `ParseError` with code `.inputTooLarge` when `text` has more than
    ///   `options.maxInputScalars` scalars.
    public func extract(_ text: String, locale: ArticleLocale? = nil) throws(ParseError) -> [Metric] {
        let (original, byteOffsets) = try UTF8Scalars.decodeArticle(text, limit: options.maxInputScalars)
        let local = (locale ?? ArticleLocale.region(inText: original).map(ArticleLocale.init) ?? .mainland)
            .localCurrency
        let cutter = TextCutter(text: text, scalars: original, byteOffsets: byteOffsets)
        return extract(
            normalized: TextNormalizer.normalize(original), localCurrency: local,
            slice: cutter.slice)
    }

    /// - Parameters:
    ///   - slice: the caller's text of code points `[a, b)`.
    func extract(
        normalized t: NormalizedText, localCurrency: String = "CNY", slice: (Int, Int) -> String
    ) -> [Metric] {
        let s = t.scalars
        var core = QuantityScannerCore(s, localCurrency: localCurrency)
        let raws = core.scanAll()

        struct Candidate {
            var q: RawQuantity
            var prefixStart: Int
            var suffixEnd: Int
            var qualifier: Qualifier
            /// A bare number that took the unit of the next figure (5.9和2.9个百分点).
            var sharesUnitWithNext = false
        }
        var quoteMarks = QuoteMarks(s)
        var years: [RawQuantity] = []
        var candidates: [Candidate] = []
        candidates.reserveCapacity(raws.count)
        var floor = 0
        for i in raws.indices {
            if raws[i].role == .year { years.append(raws[i]); continue }
            let raw = raws[i]
            // 5.9和2.9个百分点: a bare number takes the unit written once (the cheap check first).
            let shared = raw.kind == nil && i + 1 < raws.count ? SharedUnit.borrow(raw, next: raws[i + 1], in: s) : nil
            let shares = shared != nil && NonMetricFilter.isMetric(raws[i + 1], in: s, marks: &quoteMarks)
            guard shares || NonMetricFilter.isMetric(raw, in: s, marks: &quoteMarks) else { continue }
            let q = shares ? shared! : raw
            var prefixStart = q.start
            // 约合人民币150亿元: the currency word sits between the qualifier and the number.
            if let prefix = core.currencyPrefix(before: q.numberStart), !prefix.symbol {
                prefixStart = min(prefixStart, prefix.start)
            }
            var qualifier = q.qualifier
            if let hit = QualifierLexicon.before(s, prefixStart, limit: max(floor, prefixStart - 8)) {
                prefixStart -= hit.length
                if qualifier == .exact { qualifier = hit.qualifier }
            } else if qualifier == .exact,
                let bound = QualifierLexicon.adverbBeforeVerb(s, prefixStart, limit: max(floor, prefixStart - 8))
            {
                qualifier = bound
            }
            var suffixEnd = q.end
            let clauseLimit = min(s.count, q.end + 4)
            if let hit = QualifierLexicon.after(s, q.end, limit: clauseLimit) {
                suffixEnd = q.end + hit.length
                if qualifier == .exact { qualifier = hit.qualifier }
            }
            candidates.append(
                Candidate(
                    q: q, prefixStart: prefixStart, suffixEnd: suffixEnd, qualifier: qualifier,
                    sharesUnitWithNext: shares))
            floor = suffixEnd
        }

        var subjects = SubjectPipeline(WrittenText.scalars(t))  // subjects in the article's script
        let spans = candidates.map { $0.q.start..<$0.q.end }
        var metrics: [Metric] = []
        metrics.reserveCapacity(candidates.count)
        var sentenceCache: (Range<Int>, String) = (0..<0, "")  // reported text, maybe cut
        var sentenceRange: Range<Int> = 0..<0
        var prevEnd = 0
        // By index, not `enumerated()`: its iterator copies every candidate (a quantity with its
        // unit String) into an optional tuple first; an element read in place is borrowed.
        for idx in candidates.indices {
            let c = candidates[idx]
            let q = c.q
            if !(sentenceRange.contains(q.start) && q.end <= sentenceRange.upperBound) {
                sentenceRange = SentenceSplitter.bounds(s, around: q.start)
            }
            let sentence = sentenceRange
            if !(sentenceCache.0.contains(q.start) && q.end <= sentenceCache.0.upperBound) {
                let cut = sentenceCut(sentence, around: q.start, q.end)
                sentenceCache = (cut, slice(t.originalOffset(cut.lowerBound), t.originalOffset(cut.upperBound)))
            }
            let later = spans[(idx + 1)...].prefix(16).prefix { $0.lowerBound < sentence.upperBound }
            let out = subjects.subject(
                for: q, prefixStart: c.prefixStart, suffixEnd: c.suffixEnd,
                floor: max(prevEnd, sentence.lowerBound), sentence: sentence, later: later,
                sharesUnitWithNext: c.sharesUnitWithNext)
            let basis = out.basis
            prevEnd = c.suffixEnd

            var lower = q.lower, upper = q.upper
            switch c.qualifier {
            case .moreThan: if lower == nil { lower = q.value }
            case .lessThan, .nearly: if upper == nil { upper = q.value }
            default: break
            }
            var direction = out.found.direction
            if out.found.change, q.value < 0 { direction = .down }
            let a = t.originalOffset(q.start), b = t.originalOffset(q.end)
            metrics.append(
                Metric(
                    start: a, end: b, text: slice(a, b), subject: out.found.subject,
                    value: FloatMath.tidy(q.value), unit: q.unit ?? "", kind: q.kind ?? .other, qualifier: c.qualifier,
                    lower: lower.map(FloatMath.tidy), upper: upper.map(FloatMath.tidy), change: out.found.change,
                    direction: out.found.change ? direction : nil,
                    basis: basis?.basis, basisReference: basis?.reference,
                    period: out.found.referencePeriod
                        ?? PeriodFinder.period(
                            s, years: years, sentenceStart: sentence.lowerBound, position: c.prefixStart),
                    sentence: sentenceCache.1))
        }
        MeasureWordSubject.separate(&metrics)
        return metrics
    }

    /// The sentence range, cut to `maxSentenceScalars` around the figure when longer (a table
    /// flattened into one line); the figure itself always stays inside.
    private func sentenceCut(_ r: Range<Int>, around start: Int, _ end: Int) -> Range<Int> {
        let maxLen = max(options.maxSentenceScalars, 20)
        guard r.count > maxLen else { return r }
        let a = max(r.lowerBound, min(start - maxLen / 2, r.upperBound - maxLen))
        let b = max(min(r.upperBound, a + maxLen), end)
        return a..<b
    }

    /// Rounds away binary noise (1126.8 × 10⁴ = 11268000.000000002) without touching real digits.
}
