import Foundation

/// Turns interleaved stereo at the output rate into `AudioFeatureFrame`s, one per 100 ms hop:
/// loudness from `LoudnessMeter` (libebur128), spectrum and autocorrelation from
/// `RealSpectrum` (FFmpeg's av_tx). Feed blocks of any size in order with `add`; frames
/// appear as their hops complete. Frame n covers [firstTime + n·hop, firstTime + (n+1)·hop).
///
/// One owner: not `Sendable`, used by one task at a time.
public final class AudioFeatureExtractor {
    public static let hop = 0.1
    public static let hopSamples = Int(Double(AudioGrid.sampleRate) * hop)
    public static let spectrumSize = 4096

    public let firstTime: Double
    public private(set) var frames: [AudioFeatureFrame] = []

    private let meter: LoudnessMeter
    private let spectrum: RealSpectrum
    private let bands: SpectralBands
    /// Interleaved stereo of the hop being filled.
    private var pending: [Float] = []

    /// Frames before this time get their loudness only (the rest zero): a detector's look-back
    /// needs the level, not the spectrum, and the spectrum is most of the cost.
    public let spectraFrom: Double

    public init(firstTime: Double, spectraFrom: Double = -.infinity) throws(MediaError) {
        self.firstTime = firstTime
        self.spectraFrom = spectraFrom
        meter = try LoudnessMeter(channels: AudioGrid.channels, sampleRate: AudioGrid.sampleRate, measures: .momentary)
        spectrum = try RealSpectrum(size: Self.spectrumSize)
        bands = SpectralBands(size: Self.spectrumSize, sampleRate: Double(AudioGrid.sampleRate), spectrum: spectrum)
        pending.reserveCapacity(Self.hopSamples * AudioGrid.channels)
    }

    /// Adds interleaved stereo samples.
    public func add(_ stereo: [Float]) {
        let hopValues = Self.hopSamples * AudioGrid.channels
        var index = 0
        while index < stereo.count {
            let take = min(hopValues - pending.count, stereo.count - index)
            pending.append(contentsOf: stereo[index..<index + take])
            index += take
            if pending.count == hopValues {
                finishHop()
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    private func finishHop() {
        meter.add(pending[...])
        let hop = Self.hopSamples
        let time = firstTime + Double(frames.count) * Self.hop
        guard time + Self.hop >= spectraFrom else {
            frames.append(AudioFeatureFrame(loudnessOnly: time, momentary: meter.momentary))
            return
        }
        var mono = [Float](repeating: 0, count: hop)
        for i in 0..<hop { mono[i] = (pending[2 * i] + pending[2 * i + 1]) / 2 }
        // A hop (4410 samples) holds a whole spectrum's window: its last 4096 samples.
        let power = spectrum.power(of: Array(mono.suffix(Self.spectrumSize)))
        frames.append(bands.frame(time: time, momentary: meter.momentary, power: power, impulsiveness: Self.impulsiveness(mono)))
    }

    /// The spread (standard deviation, dB) of the energies of 128-sample blocks of the hop's
    /// first difference (a gentle high-pass that brings out clicks and claps).
    static func impulsiveness(_ mono: [Float]) -> Double {
        let block = 128
        var logs: [Double] = []
        var start = 1
        while start + block <= mono.count {
            var energy = 0.0
            for i in start..<start + block {
                let d = Double(mono[i] - mono[i - 1])
                energy += d * d
            }
            logs.append(10 * log10(energy / Double(block) + 1e-14))
            start += block
        }
        guard logs.count > 1 else { return 0 }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count - 1)
        return variance.squareRoot()
    }
}
