/// A small, allocation-light JSON writer with a fixed field order.
///
/// Output events are written by hand rather than with `JSONEncoder`: one article yields dozens
/// of metric events, and on the worker's hot path Foundation's encoder costs more than parsing
/// the article. Field order is fixed so equal events are equal bytes.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container: true until its first member is written.
    private var empty: [Bool] = []
    /// A key was just written: the next value needs no comma.
    private var afterKey = false

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    private mutating func separator() {
        if afterKey {
            afterKey = false
            return
        }
        guard let isEmpty = empty.last else { return }
        if !isEmpty { bytes.append(0x2C) }
        empty[empty.count - 1] = false
    }

    mutating func beginObject() {
        separator()
        bytes.append(0x7B)
        empty.append(true)
    }

    mutating func endObject() {
        bytes.append(0x7D)
        empty.removeLast()
    }

    mutating func beginArray() {
        separator()
        bytes.append(0x5B)
        empty.append(true)
    }

    mutating func endArray() {
        bytes.append(0x5D)
        empty.removeLast()
    }

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
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
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
}
