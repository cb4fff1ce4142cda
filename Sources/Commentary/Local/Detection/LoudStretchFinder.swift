/// Loud stretches of the 1-s level against its baseline, with hysteresis: a stretch starts
/// when the level stands `enter` dB above the baseline having risen `rise` dB within the last
/// few seconds (a roar is a rise, not a louder passage after a quiet intro), and lasts until
/// the level has stayed under `exit` dB for `release` frames. A sustained roar is one stretch;
/// a second jump of `retrigger` dB inside one (a goal after a chance) starts a new one.
struct LoudStretchFinder {
    var enter = 8.0
    var exit = 4.0
    var rise = 6.0
    /// The rise is measured from the lowest level `riseFrom` to `riseTo` frames back (3-0.5 s).
    var riseFrom = 30
    var riseTo = 5
    var release = 10
    var retrigger = 9.0
    /// Frames a stretch must hold above `exit` to count (0.5 s).
    var minimumFrames = 5

    func find(level: [Double], baseline: [Double]) -> [LoudStretch] {
        let excess = zip(level, baseline).map { $1.isFinite && $0.isFinite ? $0 - $1 : -.infinity }
        var stretches: [LoudStretch] = []
        var i = 0
        while i < level.count {
            guard excess[i] >= enter, risen(level, at: i, by: rise) else { i += 1; continue }
            var onset = i
            while onset > 0, i - onset < 10, excess[onset - 1] >= exit { onset -= 1 }
            var peak = i, last = i, j = i + 1, below = 0
            while j < level.count, below < release {
                if excess[j] >= exit { below = 0; last = j } else { below += 1 }
                if j - i > 20, excess[j] >= enter, risen(level, at: j, by: retrigger, since: i) { break }
                if excess[j] > excess[peak] { peak = j }
                j += 1
            }
            if last - onset + 1 >= minimumFrames {
                stretches.append(LoudStretch(onset: onset, trigger: i, peak: peak, end: last, excess: excess[peak],
                                             open: j >= level.count && below < release))
            }
            i = max(j, i + 1)
        }
        return stretches
    }

    /// Whether the level at `i` stands `amount` dB above the lowest level of a few seconds
    /// before (and not before `since`: a jump inside a stretch is measured within it).
    private func risen(_ level: [Double], at i: Int, by amount: Double, since: Int = 0) -> Bool {
        let from = max(since, i - riseFrom), to = i - riseTo
        guard to > from else { return true }
        let lowest = level[from..<to].filter(\.isFinite).min() ?? -.infinity
        return level[i] - lowest >= amount
    }
}
