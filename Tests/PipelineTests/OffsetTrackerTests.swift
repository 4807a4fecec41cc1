import Kafka
import Pipeline
import Testing

@Suite("Offset tracker")
struct OffsetTrackerTests {
    let tp = TopicPartition("articles", 0)

    @Test("commits only the highest contiguous finished offset")
    func contiguous() {
        let t = OffsetTracker()
        t.assign([tp])
        for o in Int64(10)...14 { #expect(t.begin(tp, offset: o)) }
        // 11 and 12 finish first: nothing is committable while 10 is pending.
        t.expect(tp, offset: 11, outputs: 0)
        t.expect(tp, offset: 12, outputs: 1)
        t.acknowledge(tp, offset: 12)
        #expect(t.pendingCommits().isEmpty)
        // 10 has two outputs; one ack is not enough.
        t.expect(tp, offset: 10, outputs: 2)
        t.acknowledge(tp, offset: 10)
        #expect(t.pendingCommits().isEmpty)
        t.acknowledge(tp, offset: 10)
        #expect(t.pendingCommits() == [TopicPartitionOffset(tp, offset: 13)], "10, 11, 12 done → next is 13")
        t.markCommitted(t.pendingCommits())
        #expect(t.pendingCommits().isEmpty, "nothing new since the commit")
        #expect(t.pendingCommits(includeCommitted: true) == [TopicPartitionOffset(tp, offset: 13)])
        #expect(t.inFlight == 2)
    }

    @Test("gaps in offsets (compaction, transaction markers) do not block the commit")
    func gaps() {
        let t = OffsetTracker()
        t.assign([tp])
        for o: Int64 in [3, 7, 8] { _ = t.begin(tp, offset: o) }
        for o: Int64 in [8, 3, 7] { t.expect(tp, offset: o, outputs: 0) }
        #expect(t.pendingCommits() == [TopicPartitionOffset(tp, offset: 9)])
        #expect(t.inFlight == 0)
    }

    @Test("a re-fetched offset is rejected; an untracked partition is ignored")
    func duplicates() {
        let t = OffsetTracker()
        t.assign([tp])
        #expect(t.begin(tp, offset: 5))
        #expect(!t.begin(tp, offset: 5))
        #expect(!t.begin(tp, offset: 4))
        #expect(!t.begin(TopicPartition("articles", 1), offset: 0))
        #expect(t.resumePositions() == [TopicPartitionOffset(tp, offset: 6)])
    }

    @Test("a failed output stops the partition's commits before it")
    func failure() {
        let t = OffsetTracker()
        t.assign([tp])
        for o in Int64(0)...3 { _ = t.begin(tp, offset: o) }
        t.expect(tp, offset: 0, outputs: 0)
        t.expect(tp, offset: 1, outputs: 1)
        t.fail(tp, offset: 1)
        t.expect(tp, offset: 2, outputs: 0)
        t.expect(tp, offset: 3, outputs: 0)
        #expect(t.hasFailure)
        #expect(t.pendingCommits() == [TopicPartitionOffset(tp, offset: 1)], "only offset 0 is safe")
        // A late success of the failed record must not move the commit past it either.
        t.acknowledge(tp, offset: 1)
        #expect(t.pendingCommits().allSatisfy { $0.offset <= 1 })
    }

    @Test("drain: reports busy partitions, and removal forgets late acknowledgements")
    func drainAndRemove() {
        let t = OffsetTracker()
        let other = TopicPartition("articles", 1)
        t.assign([tp, other])
        _ = t.begin(tp, offset: 0, bytes: 100)
        _ = t.begin(other, offset: 0, bytes: 50)
        t.expect(other, offset: 0, outputs: 0)
        #expect(t.waitUntilDrained([other], timeout: .zero))
        #expect(!t.waitUntilDrained([tp], timeout: .zero))
        #expect(t.inFlightBytes == 100)
        t.remove([tp])
        #expect(t.inFlight == 0)
        #expect(t.inFlightBytes == 0)
        t.acknowledge(tp, offset: 0)  // late: ignored
        #expect(t.trackedPartitions == [other])
        #expect(t.waitUntilDrained(timeout: .zero))
    }

    @Test("many records finishing in random order commit exactly to the end")
    func randomOrder() {
        let t = OffsetTracker()
        t.assign([tp])
        var rng = SystemRandomNumberGenerator()
        let n = 5000
        for o in 0..<n { _ = t.begin(tp, offset: Int64(o)) }
        for o in (0..<n).shuffled(using: &rng) { t.expect(tp, offset: Int64(o), outputs: 0) }
        #expect(t.pendingCommits() == [TopicPartitionOffset(tp, offset: Int64(n))])
    }
}
