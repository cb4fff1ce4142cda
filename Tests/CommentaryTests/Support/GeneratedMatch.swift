import SessionModel
@testable import Commentary

/// A whole match as a detector might report it, without audio: crowd roars of every size
/// (some with the original commentator shouting), whistles, scene cuts, applause and a few
/// scoreboard changes, seeded so every run is the same match.
struct GeneratedMatch {
    let duration: Double
    let events: [DetectedEvent]

    init(minutes: Double = 90, seed: UInt64 = 7) {
        duration = minutes * 60
        var random = SeededGenerator(seed: seed)
        var events: [DetectedEvent] = []
        var t = 6.0
        var lastBig = -100.0
        while t < duration - 5 {
            t += Double.random(in: 15...80, using: &random)
            guard t < duration - 5 else { break }
            let roll = Double.random(in: 0..<1, using: &random)
            var weight = roll < 0.7 ? Double.random(in: 0.25...0.65, using: &random)
                : roll < 0.9 ? Double.random(in: 0.7...0.85, using: &random) : Double.random(in: 0.85...1, using: &random)
            if weight >= 0.7, t - lastBig < 12 { weight = 0.6 }
            if weight >= 0.7 { lastBig = t }
            let length = Double.random(in: 1.5...8, using: &random)
            events.append(DetectedEvent(t: t, kind: DetectedEvent.crowdRoar, confidence: min(1, weight + 0.1), label: "crowd roar",
                                        end: t + length, salience: weight))
            if weight >= 0.6, Double.random(in: 0..<1, using: &random) < 0.3 {
                events.append(DetectedEvent(t: t + 0.4, kind: DetectedEvent.commentatorExcitement, confidence: 0.7, label: "commentator",
                                            end: t + 3, salience: weight * 0.9))
            }
            if weight >= 0.9, Double.random(in: 0..<1, using: &random) < 0.5 {
                events.append(DetectedEvent(t: t + 1.2, kind: DetectedEvent.scoreChange, confidence: 0.9, label: "score", salience: weight))
            }
        }
        for start in stride(from: 20.0, to: duration - 5, by: 83) {
            let at = start + Double.random(in: 0...30, using: &random)
            events.append(DetectedEvent(t: at, kind: DetectedEvent.whistle, confidence: 0.7, label: "whistle", end: at + 0.6, salience: 0.4))
        }
        for start in stride(from: 9.0, to: duration - 5, by: 27) {
            let at = start + Double.random(in: 0...10, using: &random)
            events.append(DetectedEvent(t: at, kind: DetectedEvent.cut, confidence: 0.8, label: "cut", salience: 0.2))
        }
        for start in stride(from: 40.0, to: duration - 5, by: 151) {
            let at = start + Double.random(in: 0...60, using: &random)
            events.append(DetectedEvent(t: at, kind: DetectedEvent.applause, confidence: 0.6, label: "applause", end: at + 4, salience: 0.35))
        }
        self.events = events.sorted { $0.t < $1.t }
    }

    /// The big moments (what must get a call).
    var bigMoments: [DetectedEvent] {
        events.filter { $0.weight >= StoryState.bigWeight && $0.kind != DetectedEvent.cut && $0.kind != DetectedEvent.whistle }
    }
}
