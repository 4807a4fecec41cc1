import Foundation
import MetricParser
import Testing

@testable import Pipeline

/// The one-pass decoder's values (`JSONScan` + `ArticleEvent.decode`): what a field decodes to.
/// Error classes and reasons are `DecodeErrorTests`' (the bad-input corpus).
@Suite("Raw decoding: the values of the fields Tally reads")
struct RawDecodingTests {
    func article(_ json: String) throws -> ArticleEvent {
        switch ArticleEvent.decode(json: Array(json.utf8)) {
        case .success(let a): return a
        case .failure(let r):
            Issue.record("dead-lettered: \(r)")
            throw r
        }
    }

    func reason(_ json: [UInt8]) -> DeadLetterReason? {
        if case .failure(let r) = ArticleEvent.decode(json: json) { return r }
        return nil
    }

    @Test("every escape is resolved, surrogate pairs become one scalar, raw UTF-8 passes through")
    func escapes() throws {
        let a = try article(
            #"{"id":"a\"b\\c\/d","url":"https://x.cn/1","body":"行1\n行2\t\r\b\f\u4e2d\u00e9\ud83d\ude00😀 end","title":"\u0041"}"#
        )
        #expect(a.id == "a\"b\\c/d")
        #expect(a.body == "行1\n行2\t\r\u{08}\u{0C}中é😀😀 end")
        #expect(a.body.unicodeScalars.filter { $0.value == 0x1F600 }.count == 2)
        #expect(a.title == "A")
    }

    @Test("an escaped key is the key it spells; a string with no escape is its bytes")
    func keys() throws {
        let a = try article(#"{"\u0069d":"x","url":"https://x.cn/1","b\u006fdy":"纯文本，没有转义。"}"#)
        #expect(a.id == "x")
        #expect(a.body == "纯文本，没有转义。")
    }

    @Test("duplicate keys: the last wins, at the top level and inside html")
    func duplicates() throws {
        let a = try article(
            #"{"id":"first","url":"https://x.cn/1","body":"一","id":"last","body":"二","title":null,"title":"t"}"#)
        #expect(a.id == "last")
        #expect(a.body == "二")
        #expect(a.title == "t")
        let h = try article(
            #"{"id":"h","url":"https://x.cn/1","html":{"content":"<p>1</p>","charset":"GBK","content":"<p>2</p>"}}"#)
        #expect(h.html == ArticleHTML(content: "<p>2</p>", charset: "GBK"))
        // A bad value that a later duplicate replaces is not looked at.
        #expect(reason(Array(#"{"id":7,"id":"ok","url":"https://x.cn/1","body":"x"}"#.utf8)) == nil)
    }

    @Test("Nutch arrays: the first non-empty item of a text field, a body's parts joined by line breaks")
    func nutchArrays() throws {
        let a = try article(
            #"{"id":["","n1"],"url":["https://x.cn/1"],"content":["第一段","第二\n段"],"title":[],"tags":"one","source":[""]}"#
        )
        #expect(a.id == "n1")
        #expect(a.url == "https://x.cn/1")
        #expect(a.body == "第一段\n第二\n段")
        #expect(a.title == nil)
        #expect(a.tags == ["one"])
        #expect(a.source == "")
        let b = try article(#"{"id":"b","url":"https://x.cn/1","body":["甲"],"content":"ignored","tags":["x","y"]}"#)
        #expect(b.body == "甲")
        #expect(b.tags == ["x", "y"])
        #expect(
            reason(Array(#"{"id":"c","url":"https://x.cn/1","body":"x","title":["a",1]}"#.utf8))?.message
                == "title: expected a string")
    }

    @Test("html: a string page, or an object with encoding, content_type and charset; flat ones beside it")
    func html() throws {
        let s = try article(#"{"id":"h","url":"https://x.cn/1","html":"<p>页</p>","charset":"GBK"}"#)
        #expect(s.html == ArticleHTML(content: "<p>页</p>", charset: "GBK"))
        #expect(s.body == "")
        let o = try article(
            #"{"id":"h","url":"https://x.cn/1","html":{"content":"PHA+","encoding":"base64","content_type":"text/html; charset=gbk"},"content_type":"x"}"#
        )
        #expect(o.html == ArticleHTML(content: "PHA+", encoding: .base64, contentType: "text/html; charset=gbk"))
        let cases: [(String, String)] = [
            (#"{}"#, "html.content: required field missing"),
            (#"{"content":null}"#, "html.content: expected a string"),
            (#"{"content":"x","encoding":"utf7"}"#, "html.encoding: not a valid value"),
            (#"{"content":"x","charset":1}"#, "html.charset: expected a string"),
        ]
        for (html, message) in cases {
            let r = reason(Array(#"{"id":"h","url":"https://x.cn/1","html":\#(html)}"#.utf8))
            #expect(r?.errorClass == .schemaViolation && r?.message == message, "\(html): \(String(describing: r))")
        }
    }

    @Test("strings built on the scan's own UTF-8 check equal the standard library's, ASCII or not")
    func uncheckedStrings() throws {
        // (JSON body, its text): raw ASCII, raw UTF-8, escapes that stay ASCII, and escapes that
        // make ASCII input non-ASCII text (the String must not be marked ASCII).
        let cases: [(String, String)] = [
            (#"plain ascii"#, "plain ascii"), (#"中文，正文。"#, "中文，正文。"), (#"a\n\"b\"\u0041"#, "a\n\"b\"A"),
            (#"caf\u00e9"#, "café"), (#"x\ud83d\ude00y"#, "x😀y"), (#"行\n\u4e2d"#, "行\n中"), (#""#, ""),
            (#"a\r\nb"#, "a\r\nb"),
        ]
        for (json, text) in cases {
            let a = try article(#"{"id":"i","url":"https://x.cn/1","body":"\#(json)"}"#)
            let expected = String(decoding: Array(text.utf8), as: UTF8.self)
            #expect(a.body == expected, "\(json)")
            #expect(Array(a.body.utf8) == Array(expected.utf8), "\(json)")
            #expect(a.body.count == expected.count && Array(a.body) == Array(expected), "\(json)")
            #expect(a.body.unicodeScalars.count == expected.unicodeScalars.count, "\(json)")
        }
    }

    @Test("the scanner validates UTF-8 inside strings as the standard library does")
    func utf8() {
        let head = Array(#"{"id":"a","url":"https://x.cn/1","body":""#.utf8)
        let samples: [[UInt8]] = [
            [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80], [0xC3, 0xA9], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xC0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE4, 0xB8], [0xE4, 0x41, 0xAD],
            // The three-byte fast path's edges: E1–EC and EE–EF leads, ED kept to U+D7FF.
            [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF], [0xEE, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xE1, 0xC0, 0x80],
            [0xEF, 0xBF, 0x7F],
        ]
        for s in samples {
            let valid = String(validating: s, as: UTF8.self) != nil
            let r = reason(head + s + Array(#"x"}"#.utf8))
            #expect(valid ? r == nil : r?.errorClass == .invalidUTF8, "\(s): \(String(describing: r))")
            if !valid { #expect(r?.message == "invalid UTF-8 at byte \(head.count)") }
        }
    }
}

@Suite("Sentence cache: a sentence encoded once for all its metrics")
struct SentenceCacheTests {
    static let lineage = Lineage(topic: "t", partition: 0, offset: 1, timestampMs: nil)

    func events(_ metrics: [Metric]) -> [MetricEvent] {
        let a = ArticleEvent(id: "a", url: "https://x.cn/1", body: "")
        return metrics.enumerated().map {
            MetricEvent(
                article: a, index: $0, count: metrics.count, metric: $1, parserVersion: "p", extractedAt: "now",
                lineage: Self.lineage)
        }
    }

    func sentence(of json: [UInt8]) throws -> String {
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        return try #require(o["sentence"] as? String)
    }

    @Test("two metrics of one sentence get identical sentence bytes, written once; another sentence its own")
    func shared() throws {
        let s1 = "全市新建学校12所，投入\"资金\"3.5亿元。"
        let s2 = "受益学生约2万名。"
        func metric(_ start: Int, _ text: String, _ sentence: String) -> Metric {
            Metric(
                start: start, end: start + text.count, text: text, subject: "", value: 1, unit: "个", kind: .count,
                qualifier: .exact, sentence: sentence)
        }
        let metrics = [metric(6, "12所", s1), metric(17, "3.5亿元", s1), metric(25, "2万名", s2)]
        var cache = SentenceCache()
        let out = events(metrics).map { $0.json(sentences: &cache) }
        #expect(cache.hits == 1, "the second metric of the first sentence reuses its bytes")
        #expect(try sentence(of: out[0]) == s1 && sentence(of: out[1]) == s1 && sentence(of: out[2]) == s2)
        // The cached bytes are exactly what an event encoded alone carries.
        #expect(out == events(metrics).map { $0.json() })
        let quoted = Array(#""全市新建学校12所，投入\"资金\"3.5亿元。""#.utf8)
        #expect(out[0].count > quoted.count && out[0].contains(quoted) && out[1].contains(quoted))
        #expect(!out[2].contains(quoted))
    }

    @Test("equal sentences in different strings hit; a sentence that differs by one byte does not")
    func byBytes() {
        var cache = SentenceCache()
        let a = cache.json(String("句子一。".reversed().reversed()))
        let b = cache.json(String("句子一。".reversed().reversed()))
        let c = cache.json("句子二。")
        #expect(a == b && a != c)
        #expect(cache.hits == 1)
        #expect(String(decoding: c, as: UTF8.self) == "\"句子二。\"")
    }
}

@Suite("Article fragments: an article's shared members encoded once for all its metrics")
struct ArticleFragmentsTests {
    func event(_ article: ArticleEvent, _ index: Int, count: Int = 2, extractedAt: String = "now") -> MetricEvent {
        MetricEvent(
            article: article, index: index, count: count,
            metric: Metric(
                start: index, end: index + 2, text: "3个", subject: "", value: 3, unit: "个", kind: .count,
                qualifier: .exact, sentence: "建成3个。"),
            parserVersion: "p", extractedAt: extractedAt,
            lineage: Lineage(topic: "t", partition: 0, offset: 1, timestampMs: 7),
            extraction: index == 3 ? Extraction(charset: "gbk", text: "建成3个。") : nil)
    }

    @Test(
        "events written with shared fragments are the bytes each writes alone, also when the article changes between them"
    )
    func sameBytes() {
        let a = ArticleEvent(id: "a", url: "https://x.cn/1", body: "", title: "标题\"一\"")
        let b = ArticleEvent(id: "b", url: "https://x.cn/2", body: "", source: "源")
        let events = [
            event(a, 0), event(a, 1), event(b, 0), event(b, 1, count: 3), event(b, 1, count: 3, extractedAt: "later"),
            event(a, 3),
        ]
        var sentences = SentenceCache()
        var articles = ArticleFragments()
        let shared = events.map { $0.json(sentences: &sentences, articles: &articles) }
        #expect(shared == events.map { $0.json() })
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(_ part: [UInt8]) -> Bool {
        guard part.count <= count else { return false }
        return (0...(count - part.count)).contains { self[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
