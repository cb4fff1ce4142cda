/// The share of a session's work done, 0-100, never decreasing: each chunk counts detect,
/// write and voice once and assembly twice; the final assembly takes the last 5%.
struct ProgressMeter {
    enum Step {
        case detected, written, voiced, assembled

        var weight: Double { self == .assembled ? 2 : 1 }
    }

    private var total = 5.0
    private var done = 0.0
    private(set) var reported = 0.0

    init(chunks: Int) { expect(chunks: chunks) }

    /// The chunk count learned or guessed anew (a video planned as it arrives); what was
    /// reported never goes down.
    mutating func expect(chunks: Int) { total = Double(max(1, chunks) * 5) }

    mutating func complete(_ step: Step) -> Double {
        done += step.weight
        reported = max(reported, min(95, (done / total * 95 * 10).rounded() / 10))
        return reported
    }
}
