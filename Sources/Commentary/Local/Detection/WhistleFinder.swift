import Media
import SessionModel

/// A referee's whistle: a narrow tone in 2-4.5 kHz that holds most of the sound's power above
/// 300 Hz, with little below it (a voice's harmonics in that band sit on a much louder
/// fundamental and formants, and are wider: vibrato), steady in pitch for at least 0.3 s.
struct WhistleFinder {
    var minimumProminence = 25.0
    var minimumConcentration = 0.3
    /// Bins within 10 dB of the peak, at most (10.8 Hz each).
    var maximumWidth = 7
    /// The power of 100 Hz-1.5 kHz over the tone's, at most (dB).
    var maximumBelow = 3.0
    /// Frame-to-frame pitch change allowed (ratio).
    var pitchTolerance = 0.04
    var minimumFrames = 4

    func isTonal(_ frame: AudioFeatureFrame) -> Bool {
        let tone = frame.tone
        return tone.prominence >= minimumProminence && tone.concentration >= minimumConcentration
            && tone.width <= maximumWidth && tone.below <= maximumBelow
    }

    /// Runs of whistle frames: (first, last) frame indices.
    func find(_ frames: [AudioFeatureFrame]) -> [(first: Int, last: Int)] {
        var runs: [(first: Int, last: Int)] = []
        var start: Int?
        for i in frames.indices {
            let tonal = isTonal(frames[i])
            if let first = start {
                let steady = tonal && abs(frames[i].tone.frequency / frames[i - 1].tone.frequency - 1) <= pitchTolerance
                if steady { continue }
                if i - first >= minimumFrames { runs.append((first, i - 1)) }
                start = tonal ? i : nil
            } else if tonal {
                start = i
            }
        }
        if let first = start, frames.count - first >= minimumFrames { runs.append((first, frames.count - 1)) }
        return runs
    }
}
