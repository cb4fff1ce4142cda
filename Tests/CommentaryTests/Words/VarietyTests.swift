import Testing
import SessionModel
@testable import Commentary

/// Different videos rarely share a sentence; the same video is told the same way.
@Suite(.timeLimit(.minutes(10))) struct VarietyTests {
    /// Short clips like the shared ones: a roar or two, a cut, sometimes a whistle.
    static func clip(_ n: Int) -> (events: [DetectedEvent], duration: Double) {
        var random = SeededGenerator(seed: UInt64(n) + 100)
        let duration = Double.random(in: 8...60, using: &random)
        var events: [DetectedEvent] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let t = Double.random(in: 1...(duration - 2), using: &random)
            events.append(DetectedEvent(t: t, kind: "crowd_roar", confidence: 0.8, label: "", end: t + 2,
                                        salience: Double.random(in: 0.3...1, using: &random)))
        }
        if random.chance(0.5) { events.append(DetectedEvent(t: duration / 2, kind: "cut", confidence: 0.8, label: "")) }
        if random.chance(0.4) { events.append(DetectedEvent(t: duration / 3, kind: "whistle", confidence: 0.7, label: "", salience: 0.4)) }
        return (events.sorted { $0.t < $1.t }, duration)
    }

    @Test(arguments: [Sport.soccer, Sport.generic, "tennis"])
    func noSentenceInThreeOfEightClips(sport: Sport) async throws {
        var clipsOf: [String: Set<Int>] = [:]
        for n in 0..<8 {
            let (events, duration) = Self.clip(n)
            let run = try await MatchRunner(sport: sport, seed: StorySeed.of("clip \(n)", "en", sport.rawValue)).run(events, duration: duration)
            for sentence in CommentaryMeasures.sentences(run.lines) { clipsOf[sentence, default: []].insert(n) }
        }
        let shared = clipsOf.filter { $0.value.count >= 3 }
        #expect(shared.isEmpty, "\(shared.keys.sorted())")
    }

    @Test func theSameVideoWithTheSameOptionsIsToldTheSameWay() async throws {
        let (events, duration) = Self.clip(1)
        let a = try await MatchRunner(seed: 9).run(events, duration: duration)
        let b = try await MatchRunner(seed: 9).run(events, duration: duration)
        #expect(a.lines == b.lines)
    }
}
