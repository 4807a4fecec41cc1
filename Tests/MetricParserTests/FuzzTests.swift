import Foundation
import MetricParser
import Testing

/// The parser must never crash or loop, whatever the crawler delivers. Bounded iteration
/// counts, a fixed seed (failures reproduce), no timing assertions.
@Suite("Fuzz and properties")
struct FuzzTests {
    /// SplitMix64: deterministic and cheap.
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Characters the scanners react to, so random text is dense in edge cases.
    static let alphabet: [Unicode.Scalar] = Array(
        "0123456789.,，-~～%％‰一二两三四五六七八九十百千万亿兆零〇壹贰叁肆伍陆柒捌玖拾佰仟点多余几约近超过不到以上以下左右第年月日号元万元亿元美元平方米公里吨亩公顷个名场次人次倍成折分之负半、。；：“”《》()（）&nbsp;&#12345;&#x4E00; \n\t达为有增长下降比上年同比个百分点"
            .unicodeScalars)

    /// Checks the invariants that hold for any input.
    static func checkInvariants(_ text: String) throws {
        let scalars = Array(text.unicodeScalars)
        let metrics = try MetricExtractor().extract(text)
        var lastStart = -1
        for m in metrics {
            #expect(m.start >= 0 && m.start < m.end && m.end <= scalars.count)
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
            #expect(m.value.isFinite)
            #expect(m.start >= lastStart)
            lastStart = m.start
            if let lo = m.lower, let hi = m.upper { #expect(lo <= hi) }
        }
        for q in QuantityScanner.scan(text) {
            #expect(q.start >= 0 && q.start < q.end && q.end <= scalars.count)
        }
    }

    @Test("random scalars from the numeral-heavy alphabet and from all of Unicode")
    func randomText() throws {
        var rng = RNG(state: 42)
        for round in 0..<1500 {
            var s = String.UnicodeScalarView()
            let length = Int.random(in: 0..<200, using: &rng)
            for _ in 0..<length {
                if round % 4 == 0, let any = Unicode.Scalar(UInt32.random(in: 0..<0x11_0000, using: &rng)) {
                    s.append(any)
                } else {
                    s.append(Self.alphabet.randomElement(using: &rng)!)
                }
            }
            try Self.checkInvariants(String(s))
        }
    }

    @Test("mutated corpus text: deletions, insertions, swaps")
    func mutatedCorpus() throws {
        let text = try String(
            contentsOf: TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.txt"), encoding: .utf8)
        let base = Array(text.unicodeScalars)
        var rng = RNG(state: 7)
        for _ in 0..<100 {
            var s = base
            for _ in 0..<40 {
                let i = Int.random(in: 0..<s.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: s.remove(at: i)
                case 1: s.insert(Self.alphabet.randomElement(using: &rng)!, at: i)
                default: s.swapAt(i, Int.random(in: 0..<s.count, using: &rng))
                }
            }
            try Self.checkInvariants(String(String.UnicodeScalarView(s)))
        }
    }

    @Test("pathological inputs: empty, long digit runs, 400-digit numbers, 万万万万, 1 MB")
    func pathological() throws {
        let cases = [
            "", "万", "万万万万", "万万万万万万万万万万元", String(repeating: "9", count: 400) + "元",
            String(repeating: "1", count: 5000), String(repeating: "一", count: 3000) + "个",
            String(repeating: "亿", count: 1000), String(repeating: "0.", count: 2000),
            "1" + String(repeating: "0", count: 330) + "亿元", String(repeating: "&#", count: 1000),
            String(repeating: "百分之", count: 500), String(repeating: "3-", count: 1000) + "5万",
            String(repeating: "多余几", count: 300), "&#99999999999;&#x110000;&#0;&amp",
            String(repeating: ",", count: 100) + "1" + String(repeating: ",000", count: 100),
        ]
        for c in cases { try Self.checkInvariants(c) }
        #expect(try MetricExtractor().extract("").isEmpty)
        #expect(try MetricExtractor().extract(String(repeating: "9", count: 400) + "元").isEmpty)

        // 1 MB of report text: finishes and finds the corpus figures on every repeat.
        let text = try String(
            contentsOf: TestPaths.corpus.appendingPathComponent("fuzhou-2019-two-new-orgs.txt"), encoding: .utf8)
        let one = try MetricExtractor().extract(text).count
        var big = ""
        var repeats = 0
        while big.utf8.count < 1_000_000 { big += text + "\n"; repeats += 1 }
        let metrics = try MetricExtractor().extract(big)
        #expect(metrics.count == one * repeats)

        // One 1 MB "sentence" (a flattened table): bounded work per figure, every figure found.
        let row = "项目甲共3个，项目乙投入12.5万元，"
        let table = String(repeating: row, count: 1_000_000 / row.utf8.count)
        let rows = try MetricExtractor().extract(table)
        #expect(rows.count == 2 * (1_000_000 / row.utf8.count))
        #expect(rows.allSatisfy { $0.sentence.unicodeScalars.count <= ExtractorOptions().maxSentenceScalars + 20 })
    }

    @Test("inputs over the limit throw ParseError with the offset")
    func tooLarge() {
        let extractor = MetricExtractor(options: ExtractorOptions(maxInputScalars: 10))
        #expect(throws: ParseError.self) { try extractor.extract(String(repeating: "一", count: 11)) }
        do {
            _ = try extractor.extract(String(repeating: "1", count: 50))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .inputTooLarge)
            #expect(error.offset == 10)
            #expect(error.description.contains("10"))
        }
        #expect((try? extractor.extract("共3个")) != nil)
    }
}
