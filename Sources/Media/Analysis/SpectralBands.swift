import Foundation

/// The spectral measures of one power spectrum (see `AudioFeatureFrame`): band ranges in
/// bins, fixed for a spectrum size and sample rate, and the window's own autocorrelation
/// that normalises the frame's (so a perfectly periodic frame reads a voicing near 1).
struct SpectralBands {
    let binHz: Double
    private let flatness: ClosedRange<Int>
    private let whistle: ClosedRange<Int>
    private let broad: ClosedRange<Int>
    private let below: ClosedRange<Int>
    /// Autocorrelation lags for pitches of 500 down to 80 Hz.
    private let lags: ClosedRange<Int>
    /// The window's autocorrelation at each lag over its value at 0 (0 where it is ≤ 1e-6).
    private let windowRatio: [Float]
    private let spectrum: RealSpectrum
    private let sampleRate: Double

    init(size: Int, sampleRate: Double, spectrum: RealSpectrum) {
        binHz = sampleRate / Double(size)
        self.sampleRate = sampleRate
        self.spectrum = spectrum
        let last = size / 2
        func bins(_ low: Double, _ high: Double) -> ClosedRange<Int> {
            max(1, Int((low / sampleRate * Double(size)).rounded()))...min(last, Int((high / sampleRate * Double(size)).rounded()))
        }
        flatness = bins(200, 8_000)
        whistle = bins(2_000, 4_500)
        broad = bins(300, 11_000)
        below = bins(100, 1_500)
        lags = Int(sampleRate / 500)...Int(sampleRate / 80)
        let ones = [Float](repeating: 1, count: size)
        let window = spectrum.autocorrelation(ofPower: spectrum.power(of: ones))
        windowRatio = window.map { $0 > 1e-6 ? $0 / window[0] : 0 }
    }

    func frame(time: Double, momentary: Double, power: [Float], impulsiveness: Double) -> AudioFeatureFrame {
        let tiny = 1e-20
        func sum(_ range: ClosedRange<Int>) -> Double { power[range].reduce(0.0) { $0 + Double($1) } }

        var logSum = 0.0
        for k in flatness { logSum += log(Double(power[k]) + tiny) }
        let flatPower = sum(flatness) / Double(flatness.count)
        let flat = flatPower > tiny ? exp(logSum / Double(flatness.count)) / (flatPower + tiny) : 0

        let (voicing, pitch) = periodicity(power)
        return AudioFeatureFrame(time: time, momentary: momentary, flatness: min(1, flat), tone: tone(power), voicing: voicing, pitch: pitch, impulsiveness: impulsiveness)
    }

    private func tone(_ power: [Float]) -> AudioFeatureFrame.Tone {
        let tiny = 1e-20
        var peak = whistle.lowerBound
        for k in whistle where power[k] > power[peak] { peak = k }
        let peakPower = Double(power[peak])
        let median = Double(power[whistle].sorted()[whistle.count / 2])
        let near = max(0, peak - 3)...min(power.count - 1, peak + 3)
        let tonePower = power[near].reduce(0.0) { $0 + Double($1) }
        let broadPower = power[broad].reduce(0.0) { $0 + Double($1) }
        let belowPower = power[below].reduce(0.0) { $0 + Double($1) }
        var lower = peak, upper = peak
        while lower > 0, Double(power[lower - 1]) >= peakPower / 10 { lower -= 1 }
        while upper < power.count - 1, Double(power[upper + 1]) >= peakPower / 10 { upper += 1 }
        return AudioFeatureFrame.Tone(frequency: Double(peak) * binHz,
                                      prominence: 10 * log10((peakPower + tiny) / (median + tiny)),
                                      concentration: broadPower > tiny ? tonePower / broadPower : 0,
                                      width: upper - lower + 1,
                                      below: 10 * log10((belowPower + tiny) / (tonePower + tiny)))
    }

    /// The normalised autocorrelation peak over the pitch lags, and its pitch.
    private func periodicity(_ power: [Float]) -> (Double, Double) {
        let r = spectrum.autocorrelation(ofPower: power)
        guard r[0] > 1e-12 else { return (0, 0) }
        let values = lags.map { lag -> Double in
            windowRatio[lag] > 0 ? Double(r[lag] / r[0]) / Double(windowRatio[lag]) : 0
        }
        let best = values.max() ?? 0
        // The shortest lag that is a local peak nearly as high as the best: a period's multiples
        // correlate as well as the period itself, and the pitch is the period's.
        var chosen = values.firstIndex(of: best) ?? 0
        for i in values.indices.dropFirst().dropLast() where values[i] >= 0.9 * best && values[i] >= values[i - 1] && values[i] >= values[i + 1] {
            chosen = i
            break
        }
        return (min(1, best), sampleRate / Double(lags.lowerBound + chosen))
    }
}
