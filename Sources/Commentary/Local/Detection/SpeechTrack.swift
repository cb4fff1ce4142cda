/// Speech probabilities over time: one per `step` seconds from `start`.
struct SpeechTrack: Sendable, Equatable {
    var start: Double
    var step: Double
    var probabilities: [Float]

    /// The share of [from, to) that is speech (probability ≥ 0.5), or nil when the track does
    /// not cover it.
    func share(from: Double, to: Double) -> Double? {
        let first = max(0, Int(((from - start) / step).rounded(.down)))
        let last = min(probabilities.count, Int(((to - start) / step).rounded(.up)))
        guard last > first, from >= start - step else { return nil }
        let speaking = probabilities[first..<last].filter { $0 >= 0.5 }.count
        return Double(speaking) / Double(last - first)
    }
}
