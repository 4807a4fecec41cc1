import Foundation
import MetricParser
import PageText
import Synchronization
import Testing

/// Pages as crawlers really deliver them: best-effort text, or a `PageError` saying why not —
/// never a crash, a hang or unbounded memory.
@Suite("Bad pages")
struct BadPageTests {
    let reader = PageReader()

    @Test("unclosed tags: libxml2 recovers, every figure is read")
    func unclosed() throws {
        let page = try reader.read(html: "<html><body><p>全年投入<b>1234.5<span>亿元<p>新增<i>186家<div>其中<u>民营企业<b>97家")
        let metrics = try PageMetrics.extract(page)
        #expect(metrics.map(\.metric.text) == ["1234.5亿元", "186家", "97家"])
        #expect(page.text == "全年投入1234.5亿元\n新增186家\n其中民营企业97家")
    }

    @Test("100k nested elements: read up to libxml2's depth limit, then a note — no stack overflow")
    func deepNesting() throws {
        let html =
            "<html><body><p>开头投入500万元。</p>" + String(repeating: "<div>", count: 100_000) + "深处有12个"
            + String(repeating: "</div>", count: 100_000) + "</body></html>"
        let page = try reader.read(html: html)
        #expect(page.text.hasPrefix("开头投入500万元。"))
        #expect(page.notes.contains { $0.contains("nesting deeper than 256") }, "\(page.notes)")
    }

    @Test(
        "binary content is refused with the reason",
        arguments: [
            [UInt8](repeating: 0, count: 64) + Array("<html>".utf8),
            Array((0..<256).map { UInt8($0) }),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
        ])
    func binary(bytes: [UInt8]) {
        #expect(throws: PageError.self) { try reader.read(bytes) }
        do {
            _ = try reader.read(bytes)
        } catch {
            #expect(error.code == .binary)
            #expect(error.reason.contains("binary"))
        }
    }

    @Test("a charset that lies: UTF-8 bytes under a GBK meta are read as UTF-8, and said so")
    func declaredGBKButUTF8() throws {
        let page = try reader.read(Array(#"<meta charset="gbk"><p>投入资金500万元</p>"#.utf8))
        #expect(page.text == "投入资金500万元")
        #expect(page.charset == "UTF-8")
        #expect(page.notes.first?.contains("but the bytes are UTF-8") == true, "\(page.notes)")
    }

    @Test("a charset that lies: GBK bytes declared UTF-8 (HTTP header) are read as GB18030, and said so")
    func declaredUTF8ButGBK() throws {
        let gbk = try Pages.bytes("gbk.html")
        let page = try reader.read(gbk, charset: "utf-8")
        #expect(page.charset == "GB18030")
        #expect(page.text.contains("全镇完成固定资产投资8.6亿元"))
        #expect(page.notes.first?.contains("does not decode the page") == true, "\(page.notes)")
    }

    @Test("an unknown charset name falls back to sniffing")
    func unknownCharset() throws {
        let page = try reader.read(Array("<p>新增就业3000人</p>".utf8), charset: "x-no-such-charset")
        #expect(page.text == "新增就业3000人")
    }

    @Test("bytes valid in no charset tried: U+FFFD for the bad bytes, the rest is read")
    func undecodable() throws {
        var bytes = Array("<p>新增就业3000人".utf8)
        bytes += [0xFF, 0xFF, 0x81, 0x30]  // not UTF-8, and 0xFF is never GB18030
        bytes += Array("，投入8亿元</p>".utf8)
        let page = try reader.read(bytes)
        #expect(page.text.hasPrefix("新增就业3000人"))
        #expect(page.text.hasSuffix("，投入8亿元"))
        #expect(page.notes.contains { $0.contains("U+FFFD") }, "\(page.notes)")
    }

    @Test("a 10 MB page is read whole; one over the limit is refused before parsing")
    func tenMegabytes() throws {
        let para = "<p>全市新增就业<span>8.46</span>万人，城镇化率达到68.4%，其中<a href=\"/x\">链接</a>说明。</p>\n"
        let count = 10_000_000 / para.utf8.count
        let html = "<html><body>" + String(repeating: para, count: count) + "<p>最后一段投入77亿元。</p></body></html>"
        #expect(html.utf8.count > 9_900_000)
        let page = try reader.read(html: html)
        #expect(page.text.hasSuffix("最后一段投入77亿元。"))
        #expect(page.text.split(separator: "\n").count == count + 1)
        let small = PageReader(options: .init(maxBytes: 1_000_000))
        #expect(throws: PageError.self) { try small.read(html: html) }
        do { _ = try small.read(html: html) } catch { #expect(error.code == .tooLarge) }
    }

    @Test("an empty page is an error, not an empty text")
    func empty() {
        do {
            _ = try reader.read([])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .empty)
        }
    }

    @Test("a figure is never split by a tag, whatever the nesting")
    func inlineJoin() throws {
        let page = try reader.read(html: "<p>实现<span>1234</span><span>.5</span>亿元，增长<b><i>5</i></b>.<em>6</em>%</p>")
        #expect(page.text == "实现1234.5亿元，增长5.6%")
        #expect(try PageMetrics.extract(page).map(\.metric.text) == ["1234.5亿元", "5.6%"])
    }

    @Test("a line break in the source between Chinese characters vanishes; between words it is a space")
    func segmentBreaks() throws {
        let page = try reader.read(html: "<p>全市地区\n生产总值 增长\n5.6%, GDP\ngrowth</p>")
        #expect(page.text == "全市地区生产总值 增长 5.6%, GDP growth")
    }
}

@Suite("Pages read concurrently")
struct ConcurrentReadTests {
    @Test("one PageReader on four threads at once: every read gives the same text and tables")
    func concurrent() throws {
        let bytes = try Pages.bytes("bulletin.html"), gbk = try Pages.bytes("gbk.html")
        let reader = PageReader()
        let expected = try reader.read(bytes), expectedGBK = try reader.read(gbk)
        let results = Mutex<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for i in 0..<50 {
                let ok = i % 2 == 0 ? (try? reader.read(bytes)) == expected : (try? reader.read(gbk)) == expectedGBK
                results.withLock { $0.append(ok) }
            }
        }
        #expect(results.withLock { $0.count } == 200)
        #expect(results.withLock { $0.allSatisfy { $0 } })
    }
}
