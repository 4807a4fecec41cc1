import Foundation
import MetricParser
import Testing

/// Every gold file in `../shared/corpus`, scored with the shared scorer against its floor in
/// `CorpusFloors`, and checked for figures that share a row header without measuring the same thing.
@Suite("Corpus floors")
struct CorpusFloorTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.corpus.path)) ?? []
        return files.filter { $0.hasSuffix(".gold.jsonl") }.map { String($0.dropLast(".gold.jsonl".count)) }.sorted()
    }()

    @Test("the corpus is there and every gold file has a floor")
    func everyFileHasAFloor() {
        #expect(Self.names.count >= 20, "expected the shared corpus at \(TestPaths.corpus.path)")
        for name in Self.names {
            #expect(CorpusFloors.floors[name] != nil, "\(name) has no floor in CorpusFloors.swift")
        }
    }

    @Test("each gold file stays at or above its floor", arguments: CorpusFloorTests.names)
    func floor(name: String) throws {
        let floor = try #require(CorpusFloors.floors[name])
        // Each report with the locale its address gives, as the pipeline passes the event's url.
        let scores = try GoldCorpusTests.score(
            article: TestPaths.corpus.appendingPathComponent("\(name).txt"),
            gold: TestPaths.corpus.appendingPathComponent("\(name).gold.jsonl"),
            locale: ArticleLocale(url: try RegisterCorpusTests.sourceURL(name)))
        #expect(scores.valueF1 >= floor.value, "\(name): value F1 \(scores.valueF1) < \(floor.value)")
        #expect(scores.fullF1 >= floor.full, "\(name): full F1 \(scores.fullF1) < \(floor.full)")
    }

    @Test("the mean full F1 over the corpus stays at or above its floor")
    func mean() throws {
        var total = 0.0
        for name in Self.names {
            total += try GoldCorpusTests.score(
                article: TestPaths.corpus.appendingPathComponent("\(name).txt"),
                gold: TestPaths.corpus.appendingPathComponent("\(name).gold.jsonl"),
                locale: ArticleLocale(url: try RegisterCorpusTests.sourceURL(name))
            ).fullF1
        }
        let mean = total / Double(max(Self.names.count, 1))
        #expect(mean >= CorpusFloors.meanFull, "mean full F1 \(mean)")
    }

    /// Two metrics of one article with the same (subject, kind, basis, period) must be figures the
    /// gold also gives one subject (the same thing measured twice). Counted per article against
    /// `CorpusFloors.sharedSubjects`, which only goes down.
    @Test("metrics share a row header only when their gold does", arguments: CorpusFloorTests.names)
    func distinctSubjects(name: String) throws {
        let violations = try Self.sharedSubjects(name)
        let allowed = CorpusFloors.sharedSubjects[name] ?? 0
        #expect(
            violations.count <= allowed,
            "\(name): \(violations.count) shared subjects (allowed \(allowed)):\n\(violations.joined(separator: "\n"))")
    }

    /// The groups of matched metrics that share (subject, kind, basis, period) while their gold
    /// subjects differ, each described for the failure message.
    static func sharedSubjects(_ name: String) throws -> [String] {
        let text = try String(contentsOf: TestPaths.corpus.appendingPathComponent("\(name).txt"), encoding: .utf8)
        let gold = try readJSONLines(TestPaths.corpus.appendingPathComponent("\(name).gold.jsonl"))
        var spans: [(range: Range<Int>, subject: String, kind: String)] = []
        for g in gold where (g["optional"] as? Bool) != true {
            guard let anchor = g["anchor"] as? String, let t = g["text"] as? String,
                let at = scalarOffset(of: anchor, in: text), let inner = scalarOffset(of: t, in: anchor)
            else { continue }
            let start = at + inner
            spans.append(
                (start..<(start + t.unicodeScalars.count), g["subject"] as? String ?? "", g["kind"] as? String ?? ""))
        }
        struct Key: Hashable { var subject: String, kind: MetricKind, basis: ChangeBasis?, period: String? }
        var groups: [Key: [(Metric, String)]] = [:]
        for m in try MetricExtractor().extract(text) {
            guard let g = spans.first(where: { $0.range.overlaps(m.start..<m.end) && $0.kind == m.kind.rawValue })
            else { continue }
            groups[Key(subject: m.subject, kind: m.kind, basis: m.basis, period: m.period), default: []].append(
                (m, g.subject))
        }
        return groups.filter { Set($0.value.map(\.1)).count > 1 }
            .map { k, v in
                "  \(k.subject) [\(k.kind.rawValue)] ← "
                    + v.map { "\($0.0.text) (gold \($0.1))" }.joined(separator: ", ")
            }
            .sorted()
    }
}
