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
}
