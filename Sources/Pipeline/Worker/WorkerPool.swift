import Foundation

/// Parsing runs on N serial Dispatch queues, one record at a time each. A record goes to the
/// queue its key hashes to, so one article id is always processed (and its metrics produced)
/// in poll order, while different articles run in parallel across cores.
final class WorkerPool: Sendable {
    private let queues: [DispatchQueue]

    init(threads: Int, label: String = "tally-worker") {
        queues = (0..<max(1, threads)).map { DispatchQueue(label: "\(label)-\($0)", qos: .userInitiated) }
    }

    var count: Int { queues.count }

    func submit(key: [UInt8]?, partition: Int32, _ work: @escaping @Sendable () -> Void) {
        queues[Self.route(key: key, partition: partition, count: queues.count)].async(execute: work)
    }

    /// FNV-1a of the key (the partition number when there is no key).
    static func route(key: [UInt8]?, partition: Int32, count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if let key {
            for b in key {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
        } else {
            h ^= UInt64(UInt32(bitPattern: partition))
            h &*= 0x100_0000_01b3
        }
        return Int(h % UInt64(count))
    }
}
