/// A small, allocation-light JSON writer with a fixed field order.
///
/// Output events are written by hand rather than with `JSONEncoder`: one article yields dozens
/// of metric events, and on the worker's hot path Foundation's encoder costs more than parsing
/// the article. Field order is fixed so equal events are equal bytes. Containers nest at most
/// 64 deep (events nest 2).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Bit d set: the container open at depth d has a member already (the next one needs a comma).
    private var nonEmpty: UInt64 = 0
    private var depth = 0
    /// A key was just written: the next value needs no comma.
    private var afterKey = false

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Writes after what `buffer` holds, taking it over (no copy); `finish(into:)` hands it back.
    init(appendingTo buffer: inout [UInt8]) { swap(&bytes, &buffer) }

    mutating func finish(into buffer: inout [UInt8]) { swap(&bytes, &buffer) }

    private mutating func separator() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if nonEmpty & bit != 0 { bytes.append(0x2C) }
        nonEmpty |= bit
    }

    private mutating func open(_ c: UInt8) {
        separator()
        bytes.append(c)
        depth += 1
        nonEmpty &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ c: UInt8) {
        bytes.append(c)
        depth -= 1
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    mutating func key(_ k: StaticString) {
        separator()
        bytes.append(0x22)
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
        afterKey = true
    }

    mutating func string(_ s: String) {
        separator()
        Self.appendQuoted(s, to: &bytes)
    }

    mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// A value already encoded as JSON (a quoted string from `appendQuoted`, say), appended as is.
    mutating func encoded(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    mutating func number(_ v: Int64) {
        separator()
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func number(_ v: Int) { number(Int64(v)) }

    /// Integral values print without a fraction (11268000, not 11268000.0); others use Swift's
    /// shortest round-tripping form. Callers guarantee finiteness.
    mutating func number(_ v: Double) {
        separator()
        if v == v.rounded(), abs(v) < 9.0e15 {
            bytes.append(contentsOf: String(Int64(v)).utf8)
        } else {
            bytes.append(contentsOf: v.description.utf8)
        }
    }

    mutating func number(_ v: Double?) {
        if let v { number(v) } else { null() }
    }

    mutating func bool(_ v: Bool) {
        separator()
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `s` as a JSON string, quotes included: runs of bytes that need no escape are copied whole.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            var run = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
                run = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                default:
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                    out.append(hexDigit(b >> 4))
                    out.append(hexDigit(b & 0xF))
                }
            }
            if run < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count])) }
        }
        out.append(0x22)
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
