import Foundation

/// The sound near an interval at the voice-activity model's rate (16 kHz mono), gathered while
/// the interval is decoded, and the model run on the spans a detector asks about only: a loud
/// stretch's first seconds, a whistle. The model costs about 1 ms per 32 ms of sound, too much
/// for every second of every interval.
///
/// One owner: used by the one detection task that made it.
final class SpeechSamples {
    let start: Double
    private let presence: SpeechPresence
    private(set) var samples: [Float] = []
    /// Input (44.1 kHz) samples seen so far, and the running box filter's state.
    private var consumed = 0
    private var sum: Float = 0
    private var count = 0
    private let ratio: Double
    /// The model's warm-up before a span: its recurrent state needs a little sound first.
    static let warmUp = 0.5
    private(set) var failure: String?

    init(start: Double, inputRate: Int, presence: SpeechPresence) {
        self.start = start
        self.presence = presence
        ratio = Double(inputRate) / Double(SpeechPresence.sampleRate)
    }

    /// Adds mono samples at the input rate, continuing from the last call.
    func add(_ mono: ArraySlice<Float>) {
        for value in mono {
            sum += value
            count += 1
            consumed += 1
            if Double(consumed) >= Double(samples.count + 1) * ratio {
                samples.append(sum / Float(count))
                sum = 0
                count = 0
            }
        }
    }

    /// The share of [from, to) the model calls speech, or nil when these samples do not cover it
    /// or the model failed.
    func share(from: Double, to: Double) -> Double? {
        let rate = Double(SpeechPresence.sampleRate)
        let runFrom = max(start, from - Self.warmUp)
        let first = Int(((runFrom - start) * rate).rounded()), last = min(samples.count, Int(((to - start) * rate).rounded()))
        guard from >= start - 0.05, last - first >= SpeechPresence.frame else { return nil }
        do {
            let probabilities = try presence.probabilities(Array(samples[first..<last]))
            let track = SpeechTrack(start: runFrom, step: SpeechPresence.frameSeconds, probabilities: probabilities)
            return track.share(from: max(from, runFrom), to: to)
        } catch {
            failure = "\(error)"
            return nil
        }
    }
}
