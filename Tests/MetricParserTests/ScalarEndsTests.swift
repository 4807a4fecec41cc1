import Testing

@testable import MetricParser

/// `ScalarEnds` reads a String's first and last scalar from its bytes: it must give
/// `unicodeScalars.first` / `.last` for every width of UTF-8, in small and large strings.
@Suite("ScalarEnds agrees with unicodeScalars.first and .last")
struct ScalarEndsTests {
    @Test("one- to four-byte scalars at either end, empty and long strings")
    func agreesWithUnicodeScalars() {
        let samples = [
            "", "a", "é", "中", "😀", "a中", "中a", "é😀", "😀é", "比重", "非公企业党组织覆盖率达到百分之八十八点八以上",
            "e\u{301}", "\r\n", String(repeating: "占比", count: 40) + "😀",
        ]
        for s in samples {
            #expect(ScalarEnds.first(s) == s.unicodeScalars.first?.value, "\(s.debugDescription)")
            #expect(ScalarEnds.last(s) == s.unicodeScalars.last?.value, "\(s.debugDescription)")
        }
    }
}
