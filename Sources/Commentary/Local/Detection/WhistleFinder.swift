import Foundation
import SessionModel

/// A referee's whistle: a narrow tone between 2 and 4.5 kHz standing far above the rest of
/// that band for at least 200 ms.
struct WhistleFinder {
    var lowHz = 2_000.0
    var highHz = 4_500.0
    /// Peak bin over the band's median bin, in dB.
    var tonalityDB = 25.0
    /// The tone's share of all the hop's power.
    var minimumShare = 0.02
    var minimumHops = 2
    private let spectrum = PowerSpectrum(size: 4096)

    func find(_ mono: [Float], rate: Int, firstTime: Double, from: Double, to: Double) -> [DetectedEvent] {
        let hop = Int(Double(rate) * CrowdPeakFinder.hop)
        let binHz = Double(rate) / Double(spectrum.size)
        let low = Int(lowHz / binHz), high = Int(highHz / binHz)
        var tonal: [(index: Int, score: Double)] = []
        for (index, start) in stride(from: 0, to: mono.count - hop + 1, by: hop).enumerated() {
            let power = spectrum(mono[start..<min(mono.count, start + spectrum.size)])
            let band = Array(power[low...high])
            let total = power.reduce(0, +)
            guard let peak = band.max(), total > 1e-9 else { continue }
            // A whistle's tone spreads over the window's main lobe: count the peak's neighbours.
            let peakIndex = band.firstIndex(of: peak)!
            let tone = band[max(0, peakIndex - 2)...min(band.count - 1, peakIndex + 2)].reduce(0, +)
            let median = band.sorted()[band.count / 2]
            let score = 10 * log10(peak / (median + 1e-12))
            if score >= tonalityDB, tone / total >= minimumShare { tonal.append((index, score)) }
        }
        var events: [DetectedEvent] = []
        var k = 0
        while k < tonal.count {
            var run = k
            while run + 1 < tonal.count, tonal[run + 1].index == tonal[run].index + 1 { run += 1 }
            let length = run - k + 1
            let t = firstTime + Double(tonal[k].index) * CrowdPeakFinder.hop
            if length >= minimumHops, t >= from, t < to {
                let best = tonal[k...run].map(\.score).max() ?? tonalityDB
                events.append(DetectedEvent(t: t, kind: DetectedEvent.whistle, confidence: 0.5 + (best - tonalityDB) / 30,
                                            label: String(format: "whistle, %.1f s", Double(length) * CrowdPeakFinder.hop)))
            }
            k = run + 1
        }
        return events
    }
}
