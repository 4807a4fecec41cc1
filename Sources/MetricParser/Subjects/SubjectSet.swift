/// A set of (subject, kind) pairs that answers exactly as `Set` of a Hashable pair would
/// (subjects compared with String `==`, i.e. canonical equivalence), without hashing every
/// subject through its NFC form: for Chinese text that hash costs more than the rest of a
/// figure's subject bookkeeping.
///
/// An inert subject (see `InertText`) equals another inert one exactly when their bytes are equal,
/// so those are kept in an open-addressing table by their byte hash (one probe, no bucket arrays).
/// Any other subject is kept in a list that every look-up also scans: it may equal an inert one.
/// Inserts wait in a list until the next look-up (most articles never look one up): a subject is
/// hashed only when some figure asks.
struct SubjectSet {
    private var pending: [(String, MetricKind)] = []
    /// Slots of `inert` (index + 1; 0 is empty), a power of two at most half full; allocated at the
    /// first look-up, with room in `inert` and `hashes`.
    private var slots: [Int32] = []
    /// The inert pairs and their hashes, side by side: a probe reads a hash without touching a String.
    private var inert: [(subject: String, kind: MetricKind)] = []
    private var hashes: [UInt64] = []
    private var others: [(String, MetricKind)] = []

    /// Room for about an article's subjects: growing the arrays one doubling at a time from empty cost
    /// more than the set's look-ups. The table waits for a look-up (most articles make none).
    init() { pending.reserveCapacity(64) }

    mutating func contains(_ subject: String, _ kind: MetricKind) -> Bool {
        if slots.isEmpty {
            slots = [Int32](repeating: 0, count: 128)
            inert.reserveCapacity(64)
            hashes.reserveCapacity(64)
        }
        if !pending.isEmpty { index() }
        let h = InertText.hash(subject)
        return inOthers(subject, kind) || inInert(subject, kind, h)
    }

    mutating func insert(_ subject: String, _ kind: MetricKind) { pending.append((subject, kind)) }

    /// Adds the pending subjects to the table, in the order given.
    private mutating func index() {
        for (subject, kind) in pending { add(subject, kind) }
        pending.empty()
    }

    private mutating func add(_ subject: String, _ kind: MetricKind) {
        let h = InertText.hash(subject)
        guard !inOthers(subject, kind) else { return }
        guard let h else {
            if !inInert(subject, kind, nil) { others.append((subject, kind)) }
            return
        }
        var slot = Self.slot(h, slots.count)
        while slots[slot] != 0 {
            if matches(Int(slots[slot]) - 1, subject, kind, h) { return }
            slot = (slot + 1) & (slots.count - 1)
        }
        inert.append((subject, kind))
        hashes.append(h)
        slots[slot] = Int32(inert.count)
        if inert.count * 2 > slots.count { grow() }
    }

    private func inOthers(_ subject: String, _ kind: MetricKind) -> Bool {
        others.contains(where: { $0.1 == kind && $0.0 == subject })
    }

    /// An inert subject is looked up by its hash; any other one is compared with every inert one.
    private func inInert(_ subject: String, _ kind: MetricKind, _ hash: UInt64?) -> Bool {
        guard let h = hash else { return inert.contains { $0.kind == kind && $0.subject == subject } }
        var slot = Self.slot(h, slots.count)
        while slots[slot] != 0 {
            if matches(Int(slots[slot]) - 1, subject, kind, h) { return true }
            slot = (slot + 1) & (slots.count - 1)
        }
        return false
    }

    /// Entry `i` is the inert `subject` of `kind` (hash `h`).
    @inline(__always)
    private func matches(_ i: Int, _ subject: String, _ kind: MetricKind, _ h: UInt64) -> Bool {
        hashes[i] == h && inert[i].kind == kind && InertText.sameBytes(inert[i].subject, subject)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (i, h) in hashes.enumerated() {
            var slot = Self.slot(h, slots.count)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(i + 1)
        }
    }

    @inline(__always)
    private static func slot(_ h: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: (h ^ (h >> 29)) & UInt64(count - 1))
    }
}
