/// The level a moment is measured against: a low percentile of the loudness of the past
/// (a long window, so a sustained roar does not lift it), never of the future. While the
/// past is too short to say what is usual (the first seconds of a video), the baseline is
/// the median of everything the detector can see up to a few seconds ahead, raised by a
/// margin: an event there must stand far above what follows it.
struct RollingBaseline {
    /// The percentile of the past (0...1).
    var percentile = 0.3
    /// Frames of the past it covers (60 s).
    var window = 600
    /// Frames of past needed before the percentile is trusted (10 s).
    var minimumHistory = 100
    /// While the past is short: frames ahead the median may see (3 s), and the margin in dB.
    var warmUpAhead = 30
    var warmUpMargin = 3.0
    /// Levels below this are silence, left out (LUFS).
    var silence = -70.0

    /// The baseline of every frame of `levels`; `history[i]` frames of real past precede
    /// frame i (the video's start may lie inside the array, or before it).
    func baseline(_ levels: [Double], pastBeforeFirst: Int) -> [Double] {
        var sorted: [Double] = []
        sorted.reserveCapacity(window + 1)
        var out = [Double](repeating: -.infinity, count: levels.count)
        for i in levels.indices {
            if i > 0 {
                insert(levels[i - 1], into: &sorted)
                if i - 1 - window >= 0 { remove(levels[i - 1 - window], from: &sorted) }
            }
            let history = min(window, i + pastBeforeFirst)
            if history >= minimumHistory, !sorted.isEmpty {
                out[i] = sorted[min(sorted.count - 1, Int(percentile * Double(sorted.count)))]
            } else {
                let ahead = levels[0..<min(levels.count, i + warmUpAhead + 1)].filter { $0 > silence }.sorted()
                out[i] = ahead.isEmpty ? -.infinity : ahead[ahead.count / 2] + warmUpMargin
            }
        }
        return out
    }

    private func insert(_ value: Double, into sorted: inout [Double]) {
        guard value > silence else { return }
        sorted.insert(value, at: position(of: value, in: sorted))
    }

    private func remove(_ value: Double, from sorted: inout [Double]) {
        guard value > silence else { return }
        let index = position(of: value, in: sorted)
        if index < sorted.count, sorted[index] == value { sorted.remove(at: index) }
    }

    /// The first index whose value is not below `value`.
    private func position(of value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
