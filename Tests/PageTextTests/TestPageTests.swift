import MetricParser
import PageText
import Testing

/// The pages in Pages/ (written for the project), read end to end: exact metrics, subjects included.
@Suite("Test pages")
struct TestPageTests {
    /// Every metric expected, in text order, and nothing else.
    func expectExactly(_ found: [PageMetric], _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(found.count == expected.count, "\(found.map(describe))", sourceLocation: sourceLocation)
        for (m, e) in zip(found, expected) {
            #expect(e.matches(m), "expected \(e), got \(describe(m))", sourceLocation: sourceLocation)
        }
    }

    func expectHonestOffsets(_ page: Page, _ found: [PageMetric], sourceLocation: SourceLocation = #_sourceLocation) {
        for m in found {
            #expect(slice(page.text, m.metric.start, m.metric.end) == m.metric.text, sourceLocation: sourceLocation)
        }
    }

    @Test("statistics bulletin: paragraphs, a table under a 单位 line, a table with units in its headers; meta")
    func bulletin() throws {
        let (page, found) = try Pages.read("bulletin.html")
        expectExactly(
            found,
            [
                Expected(text: "1234.5亿元", subject: "地区生产总值", value: 1234.5e8, unit: "CNY", kind: .money),
                Expected(
                    text: "5.6%", subject: "地区生产总值比上年增长", value: 5.6, unit: "percent", kind: .percent, direction: .up),
                Expected(text: "312.4万人", subject: "常住人口", value: 3_124_000, unit: "人", kind: .count),
                Expected(text: "98.7", subject: "第一产业增加值", value: 98.7e8, unit: "CNY", kind: .money, cell: (0, 1, 1)),
                Expected(
                    text: "3.2", subject: "第一产业增加值", value: 3.2, unit: "percent", kind: .percent, direction: .up,
                    cell: (0, 1, 2)),
                Expected(text: "456.3", subject: "第二产业增加值", value: 456.3e8, unit: "CNY", kind: .money, cell: (0, 2, 1)),
                Expected(
                    text: "6.1", subject: "第二产业增加值", value: 6.1, unit: "percent", kind: .percent, direction: .up,
                    cell: (0, 2, 2)),
                Expected(text: "679.5", subject: "第三产业增加值", value: 679.5e8, unit: "CNY", kind: .money, cell: (0, 3, 1)),
                Expected(
                    text: "5.4", subject: "第三产业增加值", value: 5.4, unit: "percent", kind: .percent, direction: .up,
                    cell: (0, 3, 2)),
                Expected(text: "86.2", subject: "东城区常住人口", value: 862_000, unit: "人", kind: .count, cell: (1, 1, 1)),
                Expected(
                    text: "78.5", subject: "东城区城镇化率", value: 78.5, unit: "percent", kind: .percent, cell: (1, 1, 2)),
                Expected(text: "41.7", subject: "河西县常住人口", value: 417_000, unit: "人", kind: .count, cell: (1, 2, 1)),
                Expected(
                    text: "52.3", subject: "河西县城镇化率", value: 52.3, unit: "percent", kind: .percent, cell: (1, 2, 2)),
            ])
        expectHonestOffsets(page, found)
        #expect(page.title == "青川市2025年国民经济和社会发展统计公报", "ArticleTitle beats <title>")
        #expect(page.publishedAt == "2026-03-10T09:30:00+08:00")
        #expect(page.source == "青川市统计局")
        #expect(page.tables.count == 2)
        #expect(page.tables[0].unitNote == "单位：亿元")
        // Nothing of the style sheet, the script, the header links or the footer.
        for junk in ["100%", "var", "广告", "首页", "版权所有", "0000-1234567", "font-weight"] {
            #expect(!page.text.contains(junk), "\(junk)")
        }
        #expect(page.text.contains("地区生产总值1234.5亿元，比上年增长5.6%"), "inline tags never split a figure")
    }

    @Test("news page: navigation, breadcrumb, sidebar, share bar, related links and footer dropped; og meta")
    func news() throws {
        let (page, found) = try Pages.read("news.html")
        expectExactly(
            found,
            [
                Expected(text: "32.6万亩", subject: "夏粮播种面积", value: 326_000 * 2000.0 / 3, unit: "m2", kind: .area),
                Expected(text: "14.8万吨", subject: "总产量", value: 1.48e8, unit: "kg", kind: .mass),
                Expected(text: "2.1%", subject: "总产量同比增速", value: 2.1, unit: "percent", kind: .percent, direction: .up),
                Expected(text: "5600多台", subject: "投入农业机械", value: 5600, unit: "台", kind: .count),
                Expected(text: "1.2万户", subject: "服务农户", value: 12_000, unit: "户", kind: .count),
            ])
        expectHonestOffsets(page, found)
        #expect(page.title == "柳溪县夏粮喜获丰收")
        #expect(page.publishedAt == "2026-07-02T08:00:00+08:00")
        #expect(page.source == "柳溪县融媒体中心")
        for junk in ["要闻", "当前位置", "热点排行", "3000人", "50亿元", "分享到", "30万吨", "备案号", "星期四"] {
            #expect(!page.text.contains(junk), "\(junk)")
        }
    }

    @Test("GBK page: declared in http-equiv meta, passed by the caller, or sniffed — the same text")
    func gbk() throws {
        let bytes = try Pages.bytes("gbk.html")
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the file really is GBK")
        let expected = [
            Expected(text: "8.6亿元", subject: "完成固定资产投资", value: 8.6e8, unit: "CNY", kind: .money),
            Expected(
                text: "12.5%", subject: "完成固定资产投资增速", value: 12.5, unit: "percent", kind: .percent, direction: .up),
            Expected(text: "46公里", subject: "农村公路", value: 46_000, unit: "m", kind: .length),
            Expected(text: "2.3万人", subject: "农村公路惠及群众", value: 23_000, unit: "人", kind: .count),
        ]
        let (page, found) = try Pages.read("gbk.html")
        expectExactly(found, expected)
        #expect(page.charset == "GB18030")
        #expect(page.title == "石桥镇2025年工作总结")
        #expect(page.notes.isEmpty)
        // Without the meta: the caller's charset, then sniffing.
        let stripped = Self.removingMeta(bytes)
        let declared = try PageReader().read(stripped, charset: "GBK")
        #expect(declared.text == page.text)
        let sniffed = try PageReader().read(stripped)
        #expect(sniffed.text == page.text)
        #expect(sniffed.charset == "GB18030")
        let viaContentType = try PageReader().read(stripped, contentType: "text/html; charset=gb2312")
        #expect(viaContentType.text == page.text)
    }

    @Test("Big5 page (Traditional Chinese, thousands separator in a span)")
    func big5() throws {
        let (page, found) = try Pages.read("big5.html")
        #expect(page.charset == "BIG5-HKSCS")
        #expect(page.text.contains("本月港口貨物吞吐量1,234.5萬噸"))
        #expect(found.map(\.metric.text) == ["1,234.5萬噸", "3.2%"])
        #expect(found.first?.metric.value == 1.2345e10)
        #expect(found.first?.metric.kind == .mass)
    }

    @Test("rowspan and colspan resolved, two header rows, a total row; unit from the caption")
    func spans() throws {
        let (page, found) = try Pages.read("spans.html")
        expectExactly(
            found,
            [
                Expected(text: "12", subject: "南片区高新园签约项目个数", value: 12, unit: "个", kind: .count, cell: (0, 2, 2)),
                Expected(
                    text: "35.6", subject: "南片区高新园签约项目", value: 35.6e8, unit: "CNY", kind: .money, cell: (0, 2, 3)),
                Expected(
                    text: "20.1", subject: "南片区高新园到位资金", value: 20.1e8, unit: "CNY", kind: .money, cell: (0, 2, 4)),
                Expected(text: "8", subject: "南片区临港园签约项目个数", value: 8, unit: "个", kind: .count, cell: (0, 3, 2)),
                Expected(
                    text: "18.4", subject: "南片区临港园签约项目", value: 18.4e8, unit: "CNY", kind: .money, cell: (0, 3, 3)),
                Expected(text: "9.7", subject: "南片区临港园到位资金", value: 9.7e8, unit: "CNY", kind: .money, cell: (0, 3, 4)),
                Expected(text: "15", subject: "北片区签约项目个数", value: 15, unit: "个", kind: .count, cell: (0, 4, 2)),
                Expected(text: "42.0", subject: "北片区签约项目", value: 42e8, unit: "CNY", kind: .money, cell: (0, 4, 3)),
                Expected(text: "25.3", subject: "北片区到位资金", value: 25.3e8, unit: "CNY", kind: .money, cell: (0, 4, 4)),
                Expected(text: "35", subject: "签约项目个数合计", value: 35, unit: "个", kind: .count, cell: (0, 5, 2)),
                Expected(text: "96.0", subject: "签约项目合计", value: 96e8, unit: "CNY", kind: .money, cell: (0, 5, 3)),
                Expected(text: "55.1", subject: "到位资金合计", value: 55.1e8, unit: "CNY", kind: .money, cell: (0, 5, 4)),
            ])
        expectHonestOffsets(page, found)
        #expect(page.tables.first?.caption == "2025年分区域招商引资情况（单位：亿元）")
        #expect(
            found.allSatisfy { page.text.contains($0.metric.sentence) },
            "a table metric's sentence is its row as written")
    }

    /// The same bytes without their `<meta http-equiv>`.
    static func removingMeta(_ bytes: [UInt8]) -> [UInt8] {
        let start = Array("<meta".utf8)
        guard
            let i = (0...(bytes.count - start.count)).first(where: { Array(bytes[$0..<($0 + start.count)]) == start }),
            let j = bytes[i...].firstIndex(of: UInt8(ascii: ">"))
        else { return bytes }
        return Array(bytes[..<i] + bytes[(j + 1)...])
    }
}
