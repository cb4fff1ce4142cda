import Foundation

/// Level measures of stretches of the mix.
enum MixMeasures {
    /// Root mean square.
    static func rms(_ samples: ArraySlice<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for x in samples { sum += Double(x) * Double(x) }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// Root mean square of interleaved stereo mixed to mono ((L + R) / 2, as ffmpeg's -ac 1 does).
    static func monoRMS(_ stereo: ArraySlice<Float>) -> Double {
        let frames = stereo.count / 2
        guard frames > 0 else { return 0 }
        var sum = 0.0
        var i = stereo.startIndex
        for _ in 0..<frames {
            let m = 0.5 * (Double(stereo[i]) + Double(stereo[i + 1]))
            sum += m * m
            i += 2
        }
        return (sum / Double(frames)).squareRoot()
    }

    /// Integrated loudness (LUFS) through libebur128. A stretch too short for a gating block
    /// (400 ms) reads from its RMS instead (unweighted), so every line gets a level.
    static func loudness(_ samples: ArraySlice<Float>, channels: Int) throws(MediaError) -> Double {
        let meter = try LoudnessMeter(channels: channels, measures: .integrated)
        meter.add(samples)
        let integrated = meter.integrated
        if integrated.isFinite || samples.count >= channels * AudioGrid.sampleRate * 2 / 5 { return integrated }
        let rms = channels == 1 ? Self.rms(samples) : monoRMS(samples)
        return BlockMeasure.loudness(ofEnergy: 2 * rms * rms)
    }
}
