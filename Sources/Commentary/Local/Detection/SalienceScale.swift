/// How big a moment is next to the session so far: half its loudness over the long baseline
/// (6 dB: nothing, 20 dB: the most), half its rank among the moments the detector has seen
/// before it (the look-back): the session's biggest moment so far ranks 1. Deterministic for
/// the same video and interval.
struct SalienceScale {
    var floor = 6.0
    var ceiling = 20.0

    func salience(excess: Double, earlier: [Double]) -> Double {
        let magnitude = min(1, max(0, (excess - floor) / (ceiling - floor)))
        let rank = Double(earlier.filter { $0 < excess }.count + 1) / Double(earlier.count + 1)
        return 0.5 * magnitude + 0.5 * rank
    }
}
