import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct HighlightPickerTests {
    let picker = HighlightPicker()

    private func keyframes(_ times: [Double]) -> [Keyframe] {
        times.map { Keyframe(pts: Int64(($0 * 1000).rounded()), time: $0) }
    }

    private func window(_ start: Double, _ end: Double, index: Int = 0) -> ChunkSpan {
        ChunkSpan(index: index, interval: index, start: start, end: end,
                  startKeyframePts: start == 0 ? nil : Int64(start * 1000), endKeyframePts: Int64(end * 1000))
    }

    private func isKeyframeAligned(_ span: ChunkSpan, _ frames: [Keyframe], _ window: ChunkSpan) -> Bool {
        let marks = Set(frames.map(\.time) + [window.start, window.end])
        return marks.contains(span.start) && marks.contains(span.end)
    }

    @Test func theBiggestMomentsFillTheBudgetInTimeOrderOnKeyframes() {
        let frames = keyframes(stride(from: 0.0, through: 60, by: 2).map { $0 })
        let moments = [HighlightMoment(start: 30, end: 31, weight: 0.5), HighlightMoment(start: 10, end: 12, weight: 0.9),
                       HighlightMoment(start: 50.4, end: 51, weight: 0.3), HighlightMoment(start: 5, end: 5, weight: 0.2),
                       HighlightMoment(start: 40, end: 40.5, weight: 0.1)]
        var budget = HighlightBudget(share: 0.25)
        budget.grant(60)
        let spans = picker.pick(moments, lines: [], within: window(0, 60), keyframes: frames, budget: &budget, firstIndex: 4)
        let total = spans.reduce(0) { $0 + $1.duration }
        #expect(total <= 15 + 1e-9)
        #expect(spans.map(\.index) == Array(4..<(4 + spans.count)))
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end < $1.start })
        #expect(spans.allSatisfy { isKeyframeAligned($0, frames, window(0, 60)) })
        // Every moment but the smallest fits, with at least its core around its onset.
        for moment in moments where moment.weight > 0.1 {
            #expect(spans.contains { $0.start <= moment.start - picker.minimumLead && $0.end >= moment.start + picker.minimumAfter },
                    "no highlight of \(moment.start)")
        }
        #expect(!spans.contains { $0.end > 39 && $0.start < 41 })
        #expect(abs(budget.used - total) < 1e-9)
    }

    @Test func withRoomEachMomentGetsItsLeadInItsReactionAndTheLineAnsweringIt() {
        let frames = keyframes(stride(from: 0.0, through: 40, by: 1).map { $0 })
        var budget = HighlightBudget(share: 0.5)
        budget.grant(40)
        let spans = picker.pick([HighlightMoment(start: 20.2, end: 22, weight: 0.8)], lines: [(start: 23.1, end: 26.3)],
                                within: window(0, 40), keyframes: frames, budget: &budget, firstIndex: 0)
        #expect(spans.count == 1)
        #expect(spans[0].start == 17 && spans[0].end == 27)
    }

    @Test func anUnusedShareCarriesOverToTheChunksAfter() {
        let frames = keyframes(stride(from: 0.0, through: 60, by: 2).map { $0 })
        var budget = HighlightBudget(share: 0.25)
        budget.grant(30)
        #expect(picker.pick([], lines: [], within: window(0, 30), keyframes: frames, budget: &budget, firstIndex: 0).isEmpty)
        budget.grant(30)
        let moments = [HighlightMoment(start: 34, end: 35, weight: 0.6), HighlightMoment(start: 44, end: 45, weight: 0.6),
                       HighlightMoment(start: 54, end: 55, weight: 0.6)]
        let spans = picker.pick(moments, lines: [], within: window(30, 60, index: 1), keyframes: frames, budget: &budget, firstIndex: 0)
        // 15 s granted over both chunks: all three moments, with some context, in the second.
        #expect(spans.count == 3)
        #expect(spans.reduce(0) { $0 + $1.duration } > 7.5)
    }

    /// A short clip with two big moments and sparse keyframes (the badminton clip's layout):
    /// both fit, each only with its core, within the overrun a big moment may take.
    @Test func bigMomentsMayOverrunTheTargetALittle() {
        let frames = keyframes([0, 2, 3, 5, 7, 9, 11, 13])
        let clip = window(0, 14.85)
        var budget = HighlightBudget(share: 0.25)
        budget.grant(clip.duration)
        let spans = picker.pick([HighlightMoment(start: 6, end: 7, weight: 0.8), HighlightMoment(start: 12, end: 14.85, weight: 0.9)],
                                lines: [], within: clip, keyframes: frames, budget: &budget, firstIndex: 0)
        #expect(spans.map(\.start) == [5, 11] && spans.map(\.end) == [7, 13])
        let share = spans.reduce(0) { $0 + $1.duration } / clip.duration
        #expect(share > 0.25 && share <= 0.3)
    }

    @Test func spansKeepTheWindowsKeyframeTimestamps() {
        let frames = keyframes([0, 4, 8, 12, 16, 20])
        var budget = HighlightBudget(share: 1)
        budget.grant(20)
        let spans = picker.pick([HighlightMoment(start: 0.3, end: 1, weight: 1), HighlightMoment(start: 17, end: 19.5, weight: 1)],
                                lines: [], within: window(0, 20), keyframes: frames, budget: &budget, firstIndex: 0)
        #expect(spans.first?.start == 0 && spans.first?.startKeyframePts == nil)
        #expect(spans.last?.end == 20 && spans.last?.endKeyframePts == 20_000)
        #expect(spans.first?.endKeyframePts == Int64((spans.first?.end ?? 0) * 1000))
    }

    @Test func reelCaptionsPlayOnTheReelsTimeline() {
        let a = ChunkSpan(index: 0, interval: 0, start: 10, end: 16, startKeyframePts: 10, endKeyframePts: 16)
        let b = ChunkSpan(index: 1, interval: 1, start: 40, end: 44, startKeyframePts: 40, endKeyframePts: 44)
        let captions = HighlightReel.captions([
            (span: b, captions: [Caption(start: 41, end: 43.5, text: "second")]),
            (span: a, captions: [Caption(start: 11, end: 14, text: "first"), Caption(start: 15, end: 17, text: "cut")]),
        ])
        #expect(captions == [Caption(start: 1, end: 4, text: "first"), Caption(start: 5, end: 6, text: "cut"),
                             Caption(start: 7, end: 9.5, text: "second")])
        #expect(captions.allSatisfy { $0.end <= HighlightReel.duration([a, b]) })
    }
}
