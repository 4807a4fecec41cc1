import Foundation
import Kafka
import MetricParser
import Testing

@testable import Pipeline

@Suite("Event JSON")
struct JSONWriterTests {
    @Test("strings are escaped, numbers print plainly, nulls are explicit")
    func writer() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("s"); w.string("引号\"反斜杠\\换行\n\u{1}")
        w.key("i"); w.number(11_268_000.0)
        w.key("f"); w.number(88.8)
        w.key("n"); w.number(nil as Double?)
        w.key("b"); w.bool(true)
        w.key("o"); w.beginObject(); w.key("x"); w.number(Int64(-1)); w.endObject()
        w.endObject()
        let bytes = w.finish()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"s":"引号\"反斜杠\\换行\n\u0001","i":11268000,"f":88.8,"n":null,"b":true,"o":{"x":-1}}"#)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(obj["s"] as? String == "引号\"反斜杠\\换行\n\u{1}")
    }

    /// The escaping JSON asks for, one scalar at a time: what the writer's word-at-a-time search must match.
    static func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)  // lower case, as event ids are
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    @Test("every character JSON escapes is escaped at every offset of a string, and nothing else is")
    func escapesAtEveryOffset() {
        // Bytes around the ones that need an escape (0x1F/0x20, 0x21/0x22/0x23, 0x5B/0x5C/0x5D, 0x7F)
        // and multi-byte characters, at every position relative to the 8-byte words the writer reads.
        let specials: [String] = [
            "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", " ", "!", "#", "[", "]", "\u{7F}", "引", "€", "😀",
        ]
        for length in 0...40 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var chars = Array(repeating: "a", count: length)
                    if length > 0 { chars[position] = special }
                    let s = chars.joined()
                    var w = JSONWriter(capacity: 1)
                    w.string(s)
                    let got = String(decoding: w.finish(), as: UTF8.self)
                    #expect(got == Self.reference(s), "length \(length), \(special.debugDescription) at \(position)")
                }
            }
        }
        let long = String(repeating: "数据\"a\\b\n\u{1}", count: 400)  // over 1 KB, escapes throughout
        var w = JSONWriter(capacity: 8)
        w.string(long)
        #expect(String(decoding: w.finish(), as: UTF8.self) == Self.reference(long))
        #expect(String(decoding: JSONWriter.quoted(long), as: UTF8.self) == Self.reference(long))
    }

    @Test("integers print as String(v) does, Int64.min and .max included")
    func integers() {
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 101, 999_999, 1_000_000, .max, .min, .max - 1, .min + 1]
        var p: Int64 = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -p]
        }
        for v in values {
            var w = JSONWriter(capacity: 1)
            w.number(v)
            #expect(String(decoding: w.finish(), as: UTF8.self) == String(v))
        }
    }
}
