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
    public static let version: String = "2.10.0"

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
        var raws = core.scanAll()

        /// A figure kept for the metric layer. Its quantity stays in `raws` (at `index`, replaced
        /// there by the shared-unit reading when it borrowed one): a quantity holds a String, and
        /// copying it into a candidate and out again costs more per figure than the steps below.
        struct Candidate {
            var index: Int
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
        // 分别约1520万及1470万人次: a qualifier word before a figure that takes the unit written after the
        // next one qualifies the figures that share that unit (one 约 before the whole list).
        var listQualifier: Qualifier? = nil
        // Read through a pointer (`pointee` is an addressor): the array's subscript copies the
        // whole quantity, unit String and all, per argument passed.
        raws.withUnsafeMutableBufferPointer { qs in
            guard let base = qs.baseAddress else { return }
            for i in qs.indices {
                let q = base + i
                let carried = listQualifier
                listQualifier = nil
                if q.pointee.role == .year { years.append(q.pointee); continue }
                // 5.9和2.9个百分点: a bare number takes the unit written once (the cheap check first).
                // Only later figures are read after this one, so its reading may replace it in place.
                var shares = false
                if i + 1 < qs.count, SharedUnit.mayBorrow(q, next: q + 1, in: s),
                    let shared = SharedUnit.borrow(qs, at: i, in: s),
                    NonMetricFilter.isMetric(base[shared.lender], in: s, marks: &quoteMarks)
                {
                    q.pointee = shared.quantity
                    shares = true
                } else if !NonMetricFilter.isMetric(q.pointee, in: s, marks: &quoteMarks) {
                    continue
                }
                var prefixStart = q.pointee.start
                // 约合人民币150亿元: the currency word sits between the qualifier and the number.
                switch q.pointee.currencyWord {
                case .unread:
                    if let prefix = core.currencyPrefix(before: q.pointee.numberStart), !prefix.symbol {
                        prefixStart = min(prefixStart, prefix.start)
                    }
                case .none: break
                case .at(let wordStart): prefixStart = min(prefixStart, wordStart)
                }
                var qualifier = q.pointee.qualifier
                if let hit = QualifierLexicon.before(s, prefixStart, limit: max(floor, prefixStart - 8)) {
                    prefixStart -= hit.length
                    if qualifier == .exact { qualifier = hit.qualifier }
                    if shares, qualifier != .range { listQualifier = qualifier }
                } else if qualifier == .exact, let carried {
                    qualifier = carried
                    if shares { listQualifier = carried }
                } else if qualifier == .exact,
                    let bound = QualifierLexicon.adverbBeforeVerb(s, prefixStart, limit: max(floor, prefixStart - 8))
                {
                    qualifier = bound
                }
                let end = q.pointee.end
                var suffixEnd = end
                let clauseLimit = min(s.count, end + 4)
                if let hit = QualifierLexicon.after(s, end, limit: clauseLimit) {
                    suffixEnd = end + hit.length
                    if qualifier == .exact { qualifier = hit.qualifier }
                }
                candidates.append(
                    Candidate(
                        index: i, prefixStart: prefixStart, suffixEnd: suffixEnd, qualifier: qualifier,
                        sharesUnitWithNext: shares))
                floor = suffixEnd
            }
        }

        let written = WrittenText.scalars(t)
        var subjects = SubjectPipeline(written)  // subjects in the article's script
        let spans = candidates.map { raws[$0.index].start..<raws[$0.index].end }
        var metrics: [Metric] = []
        metrics.reserveCapacity(candidates.count)
        var sentenceCache: (Range<Int>, String) = (0..<0, "")  // reported text, maybe cut
        var sentenceRange: Range<Int> = 0..<0
        var prevEnd = 0
        // Quantities are read through a pointer, whose `pointee` is an addressor: a field read in
        // place. A buffer's subscript copies the whole quantity (with its unit String) per read.
        raws.withUnsafeBufferPointer { qs in
            for idx in candidates.indices {
                let c = candidates[idx]
                let q = qs.baseAddress! + c.index
                let start = q.pointee.start, end = q.pointee.end
                if !(sentenceRange.contains(start) && end <= sentenceRange.upperBound) {
                    sentenceRange = SentenceSplitter.bounds(s, around: start)
                }
                let sentence = sentenceRange
                if !(sentenceCache.0.contains(start) && end <= sentenceCache.0.upperBound) {
                    let cut = sentenceCut(sentence, around: start, end)
                    sentenceCache = (cut, slice(t.originalOffset(cut.lowerBound), t.originalOffset(cut.upperBound)))
                }
                // The next figures of the sentence, up to 16 (counted here: the generic prefix calls cost more).
                var laterEnd = idx + 1
                while laterEnd < min(spans.count, idx + 17), spans[laterEnd].lowerBound < sentence.upperBound {
                    laterEnd += 1
                }
                let later = spans[(idx + 1)..<laterEnd]
                let out = Self.subject(
                    &subjects, for: q.pointee, prefixStart: c.prefixStart, suffixEnd: c.suffixEnd,
                    floor: max(prevEnd, sentence.lowerBound), sentence: sentence, later: later,
                    sharesUnitWithNext: c.sharesUnitWithNext)
                prevEnd = c.suffixEnd
                let a = t.originalOffset(start), b = t.originalOffset(end)
                var unit = q.pointee.unit
                if t.foldsIdeographs, q.pointee.kind == .count, let folded = unit {
                    unit = WrittenText.measureWord(
                        folded, q.pointee.unitStart..<q.pointee.unitEnd, normalized: s, written: written)
                }
                metrics.append(
                    metric(
                        value: q.pointee.value, lower: q.pointee.lower, upper: q.pointee.upper,
                        unit: unit, kind: q.pointee.kind,
                        c.qualifier == .exact && out.found.approximateShare ? .approximate : c.qualifier, out,
                        text: slice(a, b),
                        start: a, end: b,
                        period: out.found.referencePeriod
                            ?? PeriodFinder.period(
                                s, years: years, sentenceStart: sentence.lowerBound, position: c.prefixStart),
                        sentence: sentenceCache.1))
            }
        }
        MeasureWordSubject.separate(&metrics)
        return metrics
    }

    /// `SubjectPipeline.subject`, kept out of `extract`: inlined there, it copies the quantity
    /// (read through a pointer, so not known to stay put) several times per figure; here it reads
    /// an argument that cannot change.
    @inline(never)
    private static func subject(
        _ subjects: inout SubjectPipeline, for q: RawQuantity, prefixStart: Int, suffixEnd: Int, floor: Int,
        sentence: Range<Int>, later: ArraySlice<Range<Int>>, sharesUnitWithNext: Bool
    ) -> SubjectPipeline.Output {
        subjects.subject(
            for: q, prefixStart: prefixStart, suffixEnd: suffixEnd, floor: floor, sentence: sentence, later: later,
            sharesUnitWithNext: sharesUnitWithNext)
    }

    /// The metric of a quantity (the fields read of it: a whole quantity would be copied) with its
    /// qualifier and what the subject pipeline found.
    private func metric(
        value: Double, lower: Double?, upper: Double?, unit: String?, kind: MetricKind?, _ qualifier: Qualifier,
        _ out: SubjectPipeline.Output, text: String, start a: Int, end b: Int, period: String?, sentence: String
    ) -> Metric {
        var lower = lower, upper = upper
        switch qualifier {
        case .moreThan: if lower == nil { lower = value }
        case .lessThan, .nearly: if upper == nil { upper = value }
        default: break
        }
        var direction = out.found.direction
        if out.found.change, value < 0 { direction = .down }
        let basis = out.basis
        // 每千常住人口卫生人员16.3人: an average of whole things (fractional, see NonMetricFilter.isAverage) is
        // a ratio, not a count.
        var kind = kind ?? .other
        if kind == .count, NonMetricFilter.isFractionalCount(value, unit: unit) { kind = .other }
        return Metric(
            start: a, end: b, text: text, subject: out.found.subject,
            value: FloatMath.tidy(value), unit: unit ?? "", kind: kind, qualifier: qualifier,
            lower: lower.map(FloatMath.tidy), upper: upper.map(FloatMath.tidy), change: out.found.change,
            direction: out.found.change ? direction : nil,
            basis: basis?.basis, basisReference: basis?.reference,
            period: period, sentence: sentence)
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
