import Foundation
import Kafka
import KafkaTesting
import Pipeline
import Testing

/// Each kind of bad raw record (`BadInputCorpus`): its class, and a reason that says where and what.
@Suite("Decode errors: class, offset and cause for every kind of bad input")
struct DecodeErrorTests {
    let processor = ArticleProcessor(
        options: .init(outputTopic: "out", deadLetterTopic: "dlq", maxBodyBytes: BadInputCorpus.maxBodyBytes))

    /// What a reason must never show: decoder and type names, Foundation's catch-all text.
    static let leaks = [
        "Array<", "Dictionary<", "Swift.", "Optional", ".Type", "DecodingError", "CodingKeys", "The given data",
        "NSCocoa",
    ]

    @Test("dead-lettered with its class and an informative reason", arguments: BadInputCorpus.cases)
    func badInput(_ c: BadInputCorpus.Case) throws {
        guard case .deadLetter(let dl) = processor.process(Articles.record(c.value, key: c.name)) else {
            Issue.record("\(c.name) was accepted")
            return
        }
        #expect(dl.reason.errorClass.rawValue == c.errorClass, "\(c.name): \(dl.reason)")
        for part in c.reasonContains {
            #expect(dl.reason.message.contains(part), "\(c.name): '\(part)' missing from '\(dl.reason.message)'")
        }
        for leak in Self.leaks {
            #expect(!dl.reason.message.contains(leak), "\(c.name): '\(leak)' in '\(dl.reason.message)'")
        }
        #expect(dl.reason.message.count < 300, "a reason is one line: \(dl.reason.message.prefix(400))")
    }

    @Test("near misses are accepted with the right id and body", arguments: BadInputCorpus.accepted)
    func accepted(_ a: BadInputCorpus.Accepted) throws {
        guard case .metrics(let article, let events) = processor.process(Articles.record(a.value, key: a.name)) else {
            Issue.record("\(a.name) was dead-lettered: \(processor.process(Articles.record(a.value)))")
            return
        }
        #expect(article.id == a.id)
        #expect(article.body == a.body)
        #expect(!events.isEmpty, "\(a.name): its figures are extracted")
    }

    @Test("the same kind of damage gets the same class wherever it is")
    func sameKindSameClass() {
        let base = Array(#"{"id":"a","url":"https://x.cn/1","body":"正文","title":"t"}"#.utf8)
        // Cut the record at every byte: always invalid_json, "truncated", at the end of the input
        // (or, cut inside a character, at the start of that character).
        for cut in 1..<base.count {
            var end = cut
            while base[end] & 0xC0 == 0x80 { end -= 1 }
            guard case .deadLetter(let dl) = processor.process(Articles.record(Array(base.prefix(cut)))) else {
                Issue.record("cut at \(cut) accepted")
                continue
            }
            #expect(dl.reason.errorClass == .invalidJSON, "cut at \(cut): \(dl.reason)")
            #expect(
                dl.reason.message.contains("byte \(end)") && dl.reason.message.contains("truncated"),
                "cut at \(cut): \(dl.reason.message)")
        }
        // A raw NUL or a lone surrogate escape anywhere in a string value: invalid_json at that byte.
        let head = Array(#"{"id":"a","url":"https://x.cn/1","body":""#.utf8)
        let text = Array("abcdefgh".utf8)
        for k in 0...text.count {
            for (damage, cause) in [([UInt8(0)], "U+0000"), (Array(#"\ud800"#.utf8), "lone surrogate")] {
                let v = head + text.prefix(k) + damage + text.dropFirst(k) + Array(#""}"#.utf8)
                guard case .deadLetter(let dl) = processor.process(Articles.record(v)) else {
                    Issue.record("\(cause) at \(k) accepted")
                    continue
                }
                #expect(dl.reason.errorClass == .invalidJSON)
                #expect(
                    dl.reason.message.contains("byte \(head.count + k)") && dl.reason.message.contains(cause),
                    "\(dl.reason.message)")
            }
        }
    }
}
