/// Rough measures of speech for the delivery tests: the median fundamental frequency of its
/// voiced frames (autocorrelation), and its level.
enum Pitch {
    /// Median F0 in Hz of 44.1 kHz mono speech, over frames loud and periodic enough.
    static func median(_ samples: [Float], rate: Int = 44_100) -> Double {
        // Down to ~11 kHz by averaging groups of 4: plenty for 70-400 Hz.
        let step = 4
        let low = stride(from: 0, to: samples.count - step, by: step).map { i in samples[i..<i + step].reduce(0, +) / Float(step) }
        let lowRate = Double(rate) / Double(step)
        let frame = Int(lowRate * 0.04), hop = Int(lowRate * 0.02)
        let minLag = Int(lowRate / 400), maxLag = Int(lowRate / 70)
        guard low.count > frame + maxLag else { return 0 }
        let frames = stride(from: 0, to: low.count - frame - maxLag, by: hop).map { Array(low[$0..<$0 + frame + maxLag]) }
        let energies = frames.map { f in f.prefix(frame).reduce(0) { $0 + $1 * $1 } }
        let loudest = energies.max() ?? 0
        var estimates: [Double] = []
        for (f, energy) in zip(frames, energies) where energy > 0.2 * loudest {
            var best = 0, bestScore: Float = 0
            for lag in minLag...maxLag {
                var sum: Float = 0, shifted: Float = 0
                for i in 0..<frame {
                    sum += f[i] * f[i + lag]
                    shifted += f[i + lag] * f[i + lag]
                }
                let score = sum / max(1e-9, (energy * shifted).squareRoot())
                if score > bestScore { bestScore = score; best = lag }
            }
            if bestScore > 0.6 { estimates.append(lowRate / Double(best)) }
        }
        guard !estimates.isEmpty else { return 0 }
        return estimates.sorted()[estimates.count / 2]
    }

    /// Root mean square over the samples louder than -40 dBFS (the speech, not its pauses).
    static func speechLevel(_ samples: [Float]) -> Double {
        let loud = samples.filter { abs($0) > 0.01 }
        guard !loud.isEmpty else { return 0 }
        return (loud.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(loud.count)).squareRoot()
    }
}
