import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct IntervalPlannerTests {
    private func keyframes(_ times: [Double]) -> [Keyframe] {
        times.map { Keyframe(pts: Int64(($0 * 1000).rounded()), time: $0) }
    }

    @Test func chunksStartAtTheFirstKeyframeOfEachInterval() {
        let spans = IntervalPlanner.plan(keyframes: keyframes(stride(from: 0, to: 95, by: 2).map(Double.init)),
                                         duration: 95, interval: 30)
        #expect(spans.map(\.start) == [0, 30, 60, 90])
        #expect(spans.map(\.end) == [30, 60, 90, 95])
        #expect(spans.map(\.index) == [0, 1, 2, 3])
        #expect(spans[0].startKeyframePts == nil)
        #expect(spans[1].startKeyframePts == 30_000)
        #expect(spans[3].endKeyframePts == nil)
    }

    @Test func boundsSnapForwardToKeyframes() {
        let spans = IntervalPlanner.plan(keyframes: keyframes([0, 7, 14, 21, 28, 35, 42]), duration: 45, interval: 10)
        #expect(spans.map(\.start) == [0, 14, 21, 35, 42])
        #expect(spans.map(\.interval) == [0, 1, 2, 3, 4])
    }

    @Test func anIntervalWithoutItsOwnKeyframeGetsNoChunk() {
        // Interval 1 [10, 20) has no keyframe: its time belongs to chunk 0.
        let spans = IntervalPlanner.plan(keyframes: keyframes([0, 25, 33]), duration: 40, interval: 10)
        #expect(spans.map(\.interval) == [0, 2, 3])
        #expect(spans.map(\.start) == [0, 25, 33])
        #expect(spans.map(\.end) == [25, 33, 40])
    }

    @Test func chunksTileTheTimelineWithoutGapOrOverlap() {
        let times = [0, 1.5, 4.2, 9.9, 10.0, 17.3, 29.99, 31.2, 44.4, 58.1]
        let spans = IntervalPlanner.plan(keyframes: keyframes(times), duration: 61.3, interval: 10)
        #expect(spans.first?.start == 0)
        #expect(spans.last?.end == 61.3)
        for (a, b) in zip(spans, spans.dropFirst()) {
            #expect(a.end == b.start)
            #expect(a.duration > 0)
        }
    }

    @Test func preRollKeyframesHiddenByAnEditListNeverStartAChunk() {
        let spans = IntervalPlanner.plan(keyframes: keyframes([-4.74, 1.0, 5.34, 10.34, 15.35, 19.95]), duration: 21.02, interval: 5)
        #expect(spans.map(\.start) == [0, 5.34, 10.34, 15.35])
    }

    @Test func aVideoShorterThanOneIntervalIsOneChunk() {
        let spans = IntervalPlanner.plan(keyframes: keyframes([0, 2, 4]), duration: 5.5, interval: 30)
        #expect(spans.count == 1)
        #expect(spans[0].start == 0 && spans[0].end == 5.5)
    }

    @Test func reprioritisingFindsTheChunkHoldingAnIntervalStart() {
        let spans = IntervalPlanner.plan(keyframes: keyframes([0, 25, 33]), duration: 40, interval: 10)
        #expect(IntervalPlanner.chunk(containing: 10, in: spans)?.index == 0)
        #expect(IntervalPlanner.chunk(containing: 30, in: spans)?.index == 2)
        #expect(IntervalPlanner.chunk(containing: 39.9, in: spans)?.index == 3)
    }
}
