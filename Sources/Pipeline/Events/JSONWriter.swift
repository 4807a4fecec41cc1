/// A small, allocation-light JSON writer with a fixed field order.
///
/// Output events are written by hand rather than with `JSONEncoder`: one article yields dozens
/// of metric events, and on the worker's hot path Foundation's encoder costs more than parsing
/// the article. Field order is fixed so equal events are equal bytes. Containers nest at most
/// 64 deep (events nest 2).
///
/// The bytes go into an array sized ahead (zero-filled room after the written `count`), through
/// its pointer: an `Array.append` per key, quote and digit run checks uniqueness and capacity
/// each time, which cost more than the copying itself.
struct JSONWriter {
    /// The written bytes, then room.
    private var storage: [UInt8] = []
    private var count = 0
    /// Bit d set: the container open at depth d has a member already (the next one needs a comma).
    private var nonEmpty: UInt64 = 0
    private var depth = 0
    /// A key was just written: the next value needs no comma.
    private var afterKey = false

    init(capacity: Int = 512) { storage = Array(repeating: 0, count: capacity) }

    /// Empties the writer for the next document, keeping its room.
    mutating func reset() {
        count = 0
        depth = 0
        nonEmpty = 0
        afterKey = false
    }

    /// Appends the bytes written to `out`.
    func append(to out: inout [UInt8]) {
        storage.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// The bytes written, handed over; the writer is empty after.
    mutating func finish() -> [UInt8] {
        trim()
        var out: [UInt8] = []
        swap(&out, &storage)
        count = 0
        return out
    }

    /// The bytes written, copied out into an array of their size; the writer keeps them and its room.
    func bytes() -> [UInt8] { Array(storage[..<count]) }

    private mutating func trim() {
        if storage.count > count { storage.removeSubrange(count...) }
    }

    // MARK: Raw bytes

    /// Room for `n` more bytes, and a pointer to the first of them; `count` is not moved.
    @inline(__always)
    private mutating func room(_ n: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + n > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(count + n - storage.count, storage.count)))
        }
        let c = count
        count += storage.withUnsafeMutableBufferPointer { write($0.baseAddress! + c) }
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        room(1) {
            $0.pointee = b; return 1
        }
    }

    @inline(__always)
    private mutating func put(_ p: UnsafeRawBufferPointer) {
        guard p.count > 0 else { return }
        room(p.count) { out in
            UnsafeMutableRawPointer(out).copyMemory(from: p.baseAddress!, byteCount: p.count)
            return p.count
        }
    }

    // MARK: Structure

    @inline(__always)
    private mutating func separator() {
        if needsComma() { put(0x2C) }
    }

    /// Whether the value or key about to be written needs a comma before it; marks the container
    /// as having a member.
    @inline(__always)
    private mutating func needsComma() -> Bool {
        if afterKey {
            afterKey = false
            return false
        }
        guard depth > 0 else { return false }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        defer { nonEmpty |= bit }
        return nonEmpty & bit != 0
    }

    private mutating func open(_ c: UInt8) {
        separator()
        put(c)
        depth += 1
        nonEmpty &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ c: UInt8) {
        put(c)
        depth -= 1
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// `"k":`, with the comma before it when one is due. Inlined: at each call the key's length is
    /// a constant, so the copy is a few moves instead of a call.
    @inline(__always)
    mutating func key(_ k: StaticString) {
        let comma = needsComma()
        let n = k.utf8CodeUnitCount
        room(n + 4) { out in
            var o = 0
            if comma { out[0] = 0x2C; o = 1 }
            out[o] = 0x22
            (out + o + 1).update(from: k.utf8Start, count: n)
            out[o + n + 1] = 0x22
            out[o + n + 2] = 0x3A
            return o + n + 3
        }
        afterKey = true
    }

    /// Members already encoded by `members(_:)` (`,"k":v,…`), spliced into the object being
    /// written, which has a member before them.
    mutating func members(_ fragment: [UInt8]) {
        fragment.withUnsafeBytes { put($0) }
    }

    /// The members `write` writes, encoded as a fragment for `members(_:)`: each with its comma,
    /// as they follow another member of an object.
    static func members(capacity: Int = 256, _ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: capacity)
        w.depth = 1
        w.nonEmpty = 1
        write(&w)
        return w.finish()
    }

    // MARK: Values

    mutating func string(_ s: String) {
        separator()
        // Native Strings (all the parser makes) lend their bytes without the copy `withUTF8` needs.
        if s.utf8.withContiguousStorageIfAvailable({ quote($0) }) != nil { return }
        var s = s
        s.withUTF8 { quote($0) }
    }

    mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// A value already encoded as JSON (a quoted string from `quoted(_:)`, say), appended as is.
    mutating func encoded(_ json: [UInt8]) {
        separator()
        json.withUnsafeBytes { put($0) }
    }

    mutating func number(_ v: Int64) {
        separator()
        decimal(v)
    }

    mutating func number(_ v: Int) { number(Int64(v)) }

    /// Integral values print without a fraction (11268000, not 11268000.0); others use Swift's
    /// shortest round-tripping form. Callers guarantee finiteness.
    mutating func number(_ v: Double) {
        separator()
        if v == v.rounded(), abs(v) < 9.0e15 {
            decimal(Int64(v))
        } else {
            var d = v.description
            d.withUTF8 { put(UnsafeRawBufferPointer($0)) }
        }
    }

    mutating func number(_ v: Double?) {
        if let v { number(v) } else { null() }
    }

    mutating func bool(_ v: Bool) {
        separator()
        let t: StaticString = v ? "true" : "false"
        put(UnsafeRawBufferPointer(start: t.utf8Start, count: t.utf8CodeUnitCount))
    }

    mutating func null() {
        separator()
        let t: StaticString = "null"
        put(UnsafeRawBufferPointer(start: t.utf8Start, count: t.utf8CodeUnitCount))
    }

    /// `v` in decimal, as `String(v)` writes it, without making the String.
    private mutating func decimal(_ v: Int64) { room(20) { Self.decimal(v, to: $0) } }

    /// Writes `v` in decimal (as `String(v)`) at `out`, which has room for 20 bytes; returns how many it wrote.
    /// The digits are counted first, then written from the last one back, straight into `out`.
    static func decimal(_ v: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        if v < 0 { out[0] = 0x2D; n = 1 }
        // The magnitude as unsigned: Int64.min has no positive counterpart.
        var m = v.magnitude
        var rest = m / 10
        while rest != 0 {
            n += 1
            rest /= 10
        }
        let end = n + 1
        repeat {
            out[n] = 0x30 + UInt8(truncatingIfNeeded: m % 10)
            m /= 10
            n -= 1
        } while m != 0
        return end
    }

    /// A UTF-8 string as a JSON string, quotes included: runs of bytes that need no escape are
    /// copied whole. Most strings have none, so the first is looked for 8 bytes at a time and such
    /// a string is one copy into exactly its room.
    private mutating func quote(_ u: UnsafeBufferPointer<UInt8>) {
        let first = Self.firstEscape(in: u, from: 0)
        guard first < u.count, let base = u.baseAddress else {
            room(u.count + 2) { out in
                out[0] = 0x22
                if let base = u.baseAddress { (out + 1).update(from: base, count: u.count) }
                out[u.count + 1] = 0x22
                return u.count + 2
            }
            return
        }
        var room = u.count + 2
        for b in u[first...] where Self.needsEscape(b) { room += b < 0x20 && !Self.hasShortEscape(b) ? 5 : 1 }
        self.room(room) { out in
            out[0] = 0x22
            var o = 1
            var run = 0
            var i = first
            while i < u.count {
                (out + o).update(from: base + run, count: i - run)
                o += i - run
                let b = u[i]
                out[o] = 0x5C
                switch b {
                case 0x22: out[o + 1] = 0x22; o += 2
                case 0x5C: out[o + 1] = 0x5C; o += 2
                case 0x0A: out[o + 1] = 0x6E; o += 2
                case 0x0D: out[o + 1] = 0x72; o += 2
                case 0x09: out[o + 1] = 0x74; o += 2
                default:
                    out[o + 1] = 0x75; out[o + 2] = 0x30; out[o + 3] = 0x30
                    out[o + 4] = Hex.digit(b >> 4); out[o + 5] = Hex.digit(b & 0xF)
                    o += 6
                }
                run = i + 1
                i = Self.firstEscape(in: u, from: run)
            }
            (out + o).update(from: base + run, count: u.count - run)
            o += u.count - run
            out[o] = 0x22
            return o + 1
        }
    }

    /// A byte JSON does not allow bare in a string: a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// The offset of the first byte at or after `start` that `needsEscape`, or `u.count`. Eight
    /// bytes at a time: a byte below 0x20, or equal to 0x22 or 0x5C (a zero after xor), sets its high
    /// bit in `(x - 0x01…) & ~x` — any such byte makes the word nonzero, then the word is read bytewise.
    @inline(__always)
    private static func firstEscape(in u: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = u.baseAddress else { return u.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = start
        while u.count - i >= 8 {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = x ^ (0x22 &* ones)
            let backslash = x ^ (0x5C &* ones)
            let hit = (x &- 0x20 &* ones) & ~x | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            if hit & (0x80 &* ones) != 0 { break }
            i += 8
        }
        while i < u.count, !needsEscape(u[i]) { i += 1 }
        return i
    }

    /// Control characters written as a two-byte escape (\n \r \t); the others take \u00XX.
    private static func hasShortEscape(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x09 }

    /// `s` as a quoted JSON string on its own (for `SentenceCache`).
    static func quoted(_ s: String) -> [UInt8] {
        var w = JSONWriter(capacity: s.utf8.count + 2)  // exact unless it has escapes
        w.string(s)
        return w.finish()
    }
}
