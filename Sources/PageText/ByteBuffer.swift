/// A growable byte buffer for the reader's many short appends (text nodes, attribute values, the
/// output text's runs): one copy per append. `Array.append(contentsOf:)` spends ~70 instructions
/// a call in generic code, and a page makes thousands of such calls. A class so the tree can be
/// handed to the walker without copying its bytes; nothing writes to it after it is built.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: from, count: n)
        count += n
    }

    /// Appends `bytes` and counts those above 0x20 in the same pass.
    func appendCountingVisible(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        appendCounting(bytes, { 8 - WordBytes.below($0, 0x21).nonzeroBitCount }, { $0 > 0x20 })
    }

    /// Appends UTF-8 `bytes` and counts their scalars (bytes that are not 10xxxxxx) in the same pass.
    func appendCountingScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        appendCounting(bytes, { 8 - ($0 & ~($0 << 1) & WordBytes.highs).nonzeroBitCount }, { $0 & 0xC0 != 0x80 })
    }

    /// One pass, eight bytes at a time: each word is copied and counted while in a register.
    @inline(__always) private func appendCounting(
        _ bytes: UnsafeBufferPointer<UInt8>, _ word: (UInt64) -> Int, _ byte: (UInt8) -> Bool
    ) -> Int {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return 0 }
        if count + n > capacity { grow(to: count + n) }
        let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(base + count)
        var counted = 0, i = 0
        while i + 8 <= n {
            let x = src.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            dst.storeBytes(of: x, toByteOffset: i, as: UInt64.self)
            counted += word(x)
            i += 8
        }
        while i < n {
            let b = from[i]
            dst.storeBytes(of: b, toByteOffset: i, as: UInt8.self)
            if byte(b) { counted += 1 }
            i += 1
        }
        count += n
        return counted
    }

    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    private func grow(to needed: Int) {
        let c = max(needed, capacity * 2)
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.initialize(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    subscript(i: Int) -> UInt8 {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    /// The bytes in `range` (valid until the next append).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes(range), as: UTF8.self) }
}
