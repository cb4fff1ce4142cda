import Foundation

/// Loudness curves a detector reads, from the momentary loudness (400 ms, every 100 ms).
enum LevelCurve {
    /// The loudness of the second ending at each frame: the mean power of the momentary
    /// values whose windows tile it (7 of them, 0.4 s each, 0.1 s apart), in LUFS.
    static func oneSecond(_ momentary: [Double], frames: Int = 7) -> [Double] {
        var powers = momentary.map { $0.isFinite ? pow(10, $0 / 10) : 0 }
        var out = [Double](repeating: -.infinity, count: momentary.count)
        var sum = 0.0
        for i in powers.indices {
            sum += powers[i]
            if i >= frames { sum -= powers[i - frames] }
            let count = Double(min(i + 1, frames))
            out[i] = sum > 1e-20 ? 10 * log10(max(sum, 0) / count) : -.infinity
        }
        powers.removeAll()
        return out
    }
}
