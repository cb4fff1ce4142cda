import SessionModel
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct IncrementalPlanTests {
    private func keyframes(_ times: [Double]) -> [Keyframe] {
        times.map { Keyframe(pts: Int64(($0 * 1000).rounded()), time: $0) }
    }

    @Test func aChunkIsKnownOnceTheKeyframeItEndsAtIsRead() {
        var plan = IncrementalPlan(grid: IntervalGrid(interval: 10))
        #expect(plan.add(keyframes([0])[0]) == nil)
        #expect(plan.add(keyframes([4])[0]) == nil)
        #expect(plan.add(keyframes([8])[0]) == nil)
        let first = plan.add(keyframes([12])[0])
        #expect(first?.index == 0 && first?.start == 0 && first?.end == 12 && first?.endKeyframePts == 12_000)
        #expect(plan.add(keyframes([16])[0]) == nil)
        let last = plan.finish(duration: 18.5)
        #expect(last.index == 1 && last.start == 12 && last.end == 18.5 && last.startKeyframePts == 12_000 && last.endKeyframePts == nil)
    }

    @Test func theFirstChunksAreShortAndTheLaterOnesKeepTheInterval() {
        let spans = IntervalPlanner.plan(keyframes: keyframes(stride(from: 0, to: 95, by: 2).map(Double.init)), duration: 95,
                                         grid: IntervalGrid(interval: 30, first: 5))
        // Intervals of 5, 10, 20, then 30 s, each chunk ending at a keyframe.
        #expect(spans.map(\.start) == [0, 6, 16, 36, 66])
        #expect(spans.map(\.end) == [6, 16, 36, 66, 95])
        #expect(spans.map(\.interval) == [0, 1, 2, 3, 4])
    }

    /// The plan as PROTOCOL.md defines it, computed directly: chunk k starts at the first
    /// keyframe inside interval k's window and ends where the next chunk starts.
    private func reference(_ times: [Double], duration: Double, grid: IntervalGrid) -> [(Int, Double, Double)] {
        var starts: [(Int, Double)] = [(0, 0)]
        for k in 1..<grid.count(duration: duration) {
            let window = (grid.start(of: k) - 1e-6)..<(grid.start(of: k + 1) - 1e-6)
            if let t = times.first(where: { window.contains($0) && $0 < duration - 1e-6 }) { starts.append((k, t)) }
        }
        return starts.enumerated().map { i, start in (start.0, start.1, i + 1 < starts.count ? starts[i + 1].1 : duration) }
    }

    /// Whatever the keyframes, feeding them one by one gives the protocol's plan.
    @Test func keyframeByKeyframeIsTheProtocolsPlan() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var times: [Double] = [0]
            while times.last! < 60 { times.append(times.last! + Double.random(in: 0.2...9, using: &generator)) }
            let duration = times.removeLast()
            let grid = IntervalGrid(interval: Double(Int.random(in: 5...20, using: &generator)),
                                    first: Bool.random(using: &generator) ? Double.random(in: 1...6, using: &generator) : nil)
            var plan = IncrementalPlan(grid: grid)
            var spans = keyframes(times).compactMap { plan.add($0) }
            spans.append(plan.finish(duration: duration))
            let expected = reference(times, duration: duration, grid: grid)
            #expect(spans.map { [Double($0.interval), $0.start, $0.end] } == expected.map { [Double($0.0), $0.1, $0.2] })
            #expect(spans.first?.start == 0 && spans.last?.end == duration)
            for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.end == b.start && a.interval < b.interval) }
        }
    }
}
