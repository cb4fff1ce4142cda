import Foundation
import SessionModel

/// Crowd roars: the loudness envelope (100 ms hops, smoothed over 400 ms) rising well above
/// a rolling median baseline (±10 s).
struct CrowdPeakFinder {
    static let hop = 0.1
    var thresholdDB = 6.0
    var baselineSeconds = 10.0
    var smoothingHops = 4

    /// Level in dBFS of each 100 ms hop of mono samples at `rate`.
    static func levels(_ mono: [Float], rate: Int) -> [Double] {
        let hopSamples = Int(Double(rate) * hop)
        return stride(from: 0, to: mono.count - hopSamples + 1, by: hopSamples).map { start in
            var sum: Double = 0
            for i in start..<start + hopSamples { sum += Double(mono[i]) * Double(mono[i]) }
            return 10 * log10(sum / Double(hopSamples) + 1e-12)
        }
    }

    /// Events whose peak lies in [from, to); `levels[0]` is the hop starting at `firstTime`.
    func find(levels: [Double], firstTime: Double, from: Double, to: Double) -> [DetectedEvent] {
        guard !levels.isEmpty else { return [] }
        let smoothed = levels.indices.map { i -> Double in
            let window = levels[max(0, i - smoothingHops + 1)...i]
            let power = window.reduce(0) { $0 + pow(10, $1 / 10) } / Double(window.count)
            return 10 * log10(power + 1e-12)
        }
        let radius = Int(baselineSeconds / Self.hop)
        let baseline = levels.indices.map { i -> Double in
            let window = levels[max(0, i - radius)...min(levels.count - 1, i + radius)].sorted()
            return window[window.count / 2]
        }
        var events: [DetectedEvent] = []
        var i = 0
        while i < levels.count {
            guard smoothed[i] - baseline[i] >= thresholdDB, baseline[i] > -70 else { i += 1; continue }
            var peak = i
            var j = i
            while j < levels.count, smoothed[j] - baseline[j] >= thresholdDB {
                if smoothed[j] - baseline[j] > smoothed[peak] - baseline[peak] { peak = j }
                j += 1
            }
            // The moment the roar starts: the smoothed level crosses the threshold a hop or two late.
            let t = firstTime + Double(max(0, i - 1)) * Self.hop
            let excess = smoothed[peak] - baseline[peak]
            if t >= from, t < to {
                events.append(DetectedEvent(t: t, kind: DetectedEvent.crowdPeak, confidence: 0.5 + (excess - thresholdDB) / 12,
                                            label: String(format: "crowd roar, +%.1f dB", excess)))
            }
            i = j
        }
        return events
    }
}
