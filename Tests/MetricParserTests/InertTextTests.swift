import Testing

@testable import MetricParser

/// `InertText` answers String's comparisons by bytes only where that gives String's answer: it must
/// agree with `String` on every pair, inert or not (canonical equivalents, CR LF, combining marks).
@Suite("InertText agrees with String's comparisons")
struct InertTextTests {
    /// Inert subjects as the parser writes them, and strings where bytes and Characters differ.
    static let samples = [
        "非公企业", "覆盖率", "全市", "市", "企业", "（亿元）", "“两新”组织", "GDP", "ＧＤＰ", "GDP增长",
        "e\u{301}", "\u{E9}", "cafe\u{301}", "caf\u{E9}", "\r\n", "\r", "\n", "a\r\nb", "a\r", "\nb",
        "中\u{301}", "中", "々", "国\u{FE00}", "",
        // A Prepend joins the ideograph after it; the Kelvin sign and a compatibility ideograph are
        // canonical equivalents of K and 豈 in other bytes.
        "\u{600}中", "\u{600}", "K", "\u{212A}", "a\u{212A}", "\u{8C48}", "\u{F900}", "中\u{F900}", "中\u{8C48}",
    ]

    @Test("inert means: ideographs, CJK punctuation, full-width forms, curly quotes, ASCII but CR")
    func inertness() {
        #expect(InertText.isInert("“两新”组织（亿元）ＧＤＰ2023"))
        #expect(!InertText.isInert("a\r\nb"))
        #expect(!InertText.isInert("e\u{301}"))
        #expect(!InertText.isInert("国\u{FE00}"))
        #expect(InertText.hash("中") != nil && InertText.hash("e\u{301}") == nil)
        #expect(InertText.hash("企业") != InertText.hash("业企"))
    }

    @Test("==, hasPrefix, hasSuffix and contains give String's answer on every pair")
    func agreesWithString() {
        for a in Self.samples {
            for b in Self.samples {
                let pair = "\(a.debugDescription), \(b.debugDescription)"
                #expect(InertText.equal(a, b) == (a == b), "== \(pair)")
                #expect(InertText.hasPrefix(a, b) == a.hasPrefix(b), "hasPrefix \(pair)")
                #expect(InertText.hasSuffix(a, b) == a.hasSuffix(b), "hasSuffix \(pair)")
                // firstRange(of:) is the standard library's Character search, which the parser's
                // `contains` calls; in this target Foundation's NSString `contains` would win.
                #expect(InertText.contains(a, b) == (a.firstRange(of: b) != nil), "contains \(pair)")
            }
        }
    }
}
