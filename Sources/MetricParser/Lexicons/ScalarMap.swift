/// A read-only map from scalars to values for the lexicons' hot look-ups.
///
/// `Dictionary<UInt32, V>` hashes every probe with SipHash; the lexicons probe next to every
/// figure, several times per character of the context. This is an open-addressing table with a
/// multiplicative hash (keys are code points, not attacker-chosen for collisions at this size)
/// built once; a probe is one multiply, one shift and a short linear scan.
/// A class: the tables live in `static let`s, and reading a struct of two arrays out of a global
/// (or out of another map) retains and releases both of them per probe.
final class ScalarMap<Value: Sendable>: Sendable {
    private let keys: [UInt32]
    private let values: [Value?]
    private let shift: UInt32

    /// Marks an empty slot: not a Unicode scalar, so never a key.
    private static var empty: UInt32 { 0xFFFF_FFFF }

    init(_ pairs: [(UInt32, Value)]) {
        var bits: UInt32 = 3
        while (1 << bits) < pairs.count * 2 + 1 { bits += 1 }
        let size = 1 << Int(bits)
        var k = [UInt32](repeating: Self.empty, count: size)
        var v = [Value?](repeating: nil, count: size)
        shift = 32 - bits
        for (key, value) in pairs {
            var slot = Self.slot(key, shift)
            while k[slot] != Self.empty && k[slot] != key { slot = (slot + 1) & (size - 1) }
            k[slot] = key
            v[slot] = value
        }
        keys = k
        values = v
    }

    convenience init(_ dictionary: [UInt32: Value]) { self.init(dictionary.map { ($0.key, $0.value) }) }

    @inline(__always)
    private static func slot(_ key: UInt32, _ shift: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

    @inline(__always)
    subscript(_ key: UInt32) -> Value? {
        let mask = keys.count - 1
        var slot = Self.slot(key, shift)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}

/// A read-only set of scalars with `ScalarMap`'s probe (a `Set<UInt32>` hashes with SipHash).
struct ScalarSet: Sendable {
    private let map: ScalarMap<Bool>

    init(_ scalars: some Sequence<UInt32>) { map = ScalarMap(scalars.map { ($0, true) }) }

    init(_ string: String) { self.init([UInt32](string)) }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool { map[c] != nil }
}
