import PageText
import Testing

/// What the reader's byte-level shortcuts must keep reading as before (docs/html.md, "Speed"):
/// byte order marks ahead of the page, names matched whatever their case, charset names with
/// quotes, every date form.
@Suite("Reader shortcuts")
struct ReaderPathTests {
    let reader = PageReader()

    @Test("UTF-8 behind one or two byte order marks reads as without them")
    func byteOrderMarks() throws {
        #expect(try reader.read(html: "\u{FEFF}<p>正文12个</p>").text == "正文12个")
        #expect(try reader.read(Array("\u{FEFF}<p>正文12个</p>".utf8)).text == "正文12个")
        #expect(try reader.read(Array("\u{FEFF}\u{FEFF}<p>正文12个</p>".utf8)).text == "正文12个")
        #expect(try reader.read(html: "\u{FEFF}<?xml version=\"1.0\"?><p>正文12个</p>").text == "正文12个")
    }

    @Test("meta names and class words match whatever their case")
    func caseOfNames() throws {
        let page = try reader.read(
            html: #"<head><meta NAME="PUBDATE" content="2025-03-12 10:30"><meta Property="OG:Title" content=" 标题  一 ">"#
                + #"<meta itemprop="ContentSource" content="统计局"></head><div CLASS="Main-Nav">导航</div><p>正文</p>"#)
        #expect(page.publishedAt == "2025-03-12T10:30:00+08:00")
        #expect(page.title == "标题 一")
        #expect(page.source == "统计局")
        #expect(page.text == "正文")
    }

    @Test("a declared charset in quotes or with spaces is the same charset")
    func quotedCharset() throws {
        let gbk = try Pages.bytes("gbk.html")
        let plain = try reader.read(gbk, charset: "GBK")
        let quoted = try reader.read(gbk, charset: " 'gbk' ")
        #expect(quoted.charset == "GB18030")
        #expect(quoted.text == plain.text)
    }

    @Test(
        "dates in every form the reader knows",
        arguments: [
            ("2025/3/1 8:5", "2025-03-01T08:05:00+08:00"),
            ("2025-03-12T10:30:00Z", "2025-03-12T10:30:00Z"),
            ("2025年3月12日 10:30", "2025-03-12T10:30:00+08:00"),
            ("2025-01-02 03:04:05+05:30", "2025-01-02T03:04:05+05:30"),
            ("2025-01-02\u{3000}03:04", "2025-01-02T03:04:00+08:00"),
            ("2025.1.2", "2025-01-02T00:00:00+08:00"),
        ])
    func dates(_ value: String, _ expected: String) throws {
        let page = try reader.read(html: "<head><meta name=\"PubDate\" content=\"\(value)\"></head><p>正文</p>")
        #expect(page.publishedAt == expected)
    }

    @Test("a date that is no date is not taken", arguments: ["2025-13-01", "1969-01-01", "明天", "2025-1"])
    func notDates(_ value: String) throws {
        let page = try reader.read(html: "<head><meta name=\"PubDate\" content=\"\(value)\"></head><p>正文</p>")
        #expect(page.publishedAt == nil)
    }
}
