import Testing
@testable import Pipeline

/// What the pipeline records as it delivers: the first chunk once, each chunk's latency once,
/// and a failed chunk's start forgotten with it.
@Suite struct DeliveryRecordTests {
    let t0 = ContinuousClock.now

    @Test func theFirstChunkMadeIsTheFirstOnceAndEachLatencyIsMeasuredFromItsDetection() {
        var record = DeliveryRecord()
        record.beginChunk(0, at: t0)
        record.beginChunk(1, at: t0 + .seconds(1))
        let first = record.made(0, for: 0, at: t0 + .seconds(3))
        let second = record.made(1, for: 1, at: t0 + .seconds(4))
        #expect(first.first && !second.first)
        #expect(first.latency == .seconds(3) && second.latency == .seconds(3))
        #expect(record.firstChunkAt == t0 + .seconds(3) && record.delivered == [0, 1])
    }

    @Test func aChunkOfManyHighlightsHasOneLatencyAndAFailedChunkNone() {
        var record = DeliveryRecord()
        record.beginChunk(4, at: t0)
        #expect(record.made(7, for: 4, at: t0 + .seconds(2)).latency == .seconds(2))
        #expect(record.made(8, for: 4, at: t0 + .seconds(2)).latency == nil)
        record.beginChunk(5, at: t0)
        record.failedChunk(9, for: 5)
        #expect(record.made(10, for: 5, at: t0 + .seconds(9)).latency == nil)
        #expect(record.failed == [9] && record.delivered == [7, 8, 10])
    }
}
