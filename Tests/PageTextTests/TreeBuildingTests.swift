import PageText
import Testing

/// The reader builds its own tree from libxml2's SAX events; it must link elements exactly as
/// libxml2's tree builder (SAX2.c) does, or pages would read differently (docs/html.md).
@Suite("Tree as libxml2 builds it")
struct TreeBuildingTests {
    let reader = PageReader()

    @Test("an element after </html> joins the document element, unless a doctype or comment came first")
    func afterTheDocumentElement() throws {
        #expect(try reader.read(html: "<p>正文12个</p></body></html><div>尾部5个</div>").text == "正文12个\n尾部5个")
        #expect(try reader.read(html: "<!DOCTYPE html><p>正文12个</p></body></html><div>尾部5个</div>").text == "正文12个")
        #expect(try reader.read(html: "<!-- c --><p>正文12个</p></body></html><div>尾部5个</div>").text == "正文12个")
    }

    @Test("a misplaced doctype does not move the document element")
    func misplacedDoctype() throws {
        #expect(try reader.read(html: "<p>a</p><!DOCTYPE html><div>b</div>").text == "a\nb")
    }

    @Test("a prefixed tag is its local name (o:p is a paragraph)")
    func prefixedTag() throws {
        #expect(try reader.read(html: "<p>甲<o:p>乙</o:p>丙</p>").text == "甲\n乙\n丙")
    }

    @Test("the first of a repeated attribute counts; a bare one is empty")
    func attributes() throws {
        let page = try reader.read(html: #"<div class="content" class="nav">正文</div><div id class="nav">导航</div>"#)
        #expect(page.text == "正文")
    }

    @Test("past 256 open elements the rest is not read, text before it is")
    func depthLimit() throws {
        let html = "<p>开头</p>" + String(repeating: "<span>", count: 300) + "深处" + "<p>后文</p>"
        let page = try reader.read(html: html)
        #expect(page.text == "开头")
        #expect(page.notes.contains { $0.contains("256") })
    }
}
