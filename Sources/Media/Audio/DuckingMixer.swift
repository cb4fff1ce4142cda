import Foundation

/// Mixes the original sound under speech: the original times a gain envelope that ramps down
/// to a duck before each speech clip (`attack`) and back to full level after it (`release`),
/// raised-cosine shaped, plus the speech, through a limiter.
///
/// Two level rules. Fixed (`init`): the speech as given times `speechGain`, the original at
/// its own level, ducked to `duck` under every clip, through a static soft knee (`limiter`).
/// Broadcast (`broadcast(deepestDuck:)`, what sessions use): the original brought to a
/// programme loudness (`ProgramLevel`), each line's speech normalised and its duck set from the
/// sound under it (`BroadcastLevels`), `duck` the deepest duck allowed, through a look-ahead
/// peak limiter (`PeakLimiter`).
public struct DuckingMixer: Sendable {
    public var duck: Float
    public var attack: Double
    public var release: Double
    public var speechGain: Float
    public var limiter: SoftLimiter
    /// nil: fixed levels.
    public var broadcast: BroadcastLevels?

    public init(duck: Float = 0.2, attack: Double = 0.15, release: Double = 0.4, speechGain: Float = 1.0,
                limiter: SoftLimiter = SoftLimiter()) {
        self.duck = min(max(duck, 0), 1)
        self.attack = attack
        self.release = release
        self.speechGain = speechGain
        self.limiter = limiter
    }

    /// The broadcast mix, never ducking the original deeper than `deepestDuck`.
    public static func broadcast(deepestDuck: Float = 0.1, levels: BroadcastLevels = BroadcastLevels()) -> DuckingMixer {
        var mixer = DuckingMixer(duck: deepestDuck)
        mixer.broadcast = levels
        return mixer
    }

    var attackSamples: Int64 { AudioGrid.sample(at: attack) }
    var releaseSamples: Int64 { AudioGrid.sample(at: release) }

    /// A clip as mixed: its speech at the level it goes in, and the duck under it.
    struct Line {
        var startSample: Int64
        var samples: [Float]
        var gain: Float
        var duck: Float
        var endSample: Int64 { startSample + Int64(samples.count) }
    }

    /// The gain applied to the original at output sample `n` (fixed levels).
    public func gain(at n: Int64, clips: [SpeechClip]) -> Float {
        envelope(at: n, lines: clips.map { Line(startSample: $0.startSample, samples: $0.samples, gain: speechGain, duck: duck) })
    }

    func envelope(at n: Int64, lines: [Line]) -> Float {
        var gain: Float = 1
        for line in lines { gain = min(gain, lineGain(at: n, line)) }
        return gain
    }

    private func lineGain(at n: Int64, _ line: Line) -> Float {
        let s = line.startSample, e = line.endSample, duck = line.duck
        let a = attackSamples, r = releaseSamples
        if n < s - a || n >= e + r { return 1 }
        if n >= s && n < e { return duck }
        let fall: Double
        if n < s {
            fall = 0.5 * (1 + cos(Double.pi * Double(n - (s - a)) / Double(a)))
        } else {
            fall = 0.5 * (1 - cos(Double.pi * Double(n - e) / Double(r)))
        }
        return duck + (1 - duck) * Float(fall)
    }

    /// Mixes in place with fixed levels: `original` is interleaved stereo whose first frame is
    /// output sample `firstSample`.
    public func mix(_ original: inout [Float], firstSample: Int64, clips: [SpeechClip]) {
        let lines = clips.map { Line(startSample: $0.startSample, samples: $0.samples, gain: speechGain, duck: duck) }
        render(&original, firstSample: firstSample, lines: lines)
    }

    /// The broadcast mix in place: the original times the programme gain, then each line's
    /// speech at its level over the original ducked as deep as that line needs, then the
    /// look-ahead limiter. The first and last `PeakLimiter.support` frames lack the context
    /// their limiting depends on: the caller mixes that much more than it keeps.
    func mix(_ original: inout [Float], firstSample: Int64, clips: [SpeechClip], program: ProgramGainCurve) throws(MediaError) {
        let levels = broadcast ?? BroadcastLevels()
        program.apply(to: &original, first: firstSample)
        let frames = Int64(original.count / AudioGrid.channels)
        var lines: [Line] = []
        for clip in clips where clip.startSample >= firstSample && clip.endSample <= firstSample + frames {
            let from = Int(clip.startSample - firstSample) * AudioGrid.channels
            let bed = original[from..<(from + clip.samples.count * AudioGrid.channels)]
            let level = try levels.level(of: clip.samples, intensity: clip.intensity, bed: bed, deepestDuck: duck)
            var speech = clip.samples.map { $0 * level.speechGain }
            PeakLimiter(ceiling: levels.speechCeiling).limit(&speech)
            lines.append(Line(startSample: clip.startSample, samples: speech, gain: 1, duck: level.duck))
        }
        render(&original, firstSample: firstSample, lines: lines, limiting: false)
        Self.peakLimiter(levels).limit(&original)
    }

    static func peakLimiter(_ levels: BroadcastLevels) -> PeakLimiter { PeakLimiter(ceiling: levels.ceiling, channels: AudioGrid.channels) }

    private func render(_ original: inout [Float], firstSample: Int64, lines: [Line], limiting: Bool = true) {
        let frames = Int64(original.count / AudioGrid.channels)
        let end = firstSample + frames
        let touching = lines.filter { $0.startSample - attackSamples < end && $0.endSample + releaseSamples > firstSample }
        original.withUnsafeMutableBufferPointer { buffer in
            if !touching.isEmpty {
                for frame in 0..<Int(frames) {
                    let g = envelope(at: firstSample + Int64(frame), lines: touching)
                    if g != 1 {
                        buffer[2 * frame] *= g
                        buffer[2 * frame + 1] *= g
                    }
                }
                for line in touching {
                    let from = max(line.startSample, firstSample), to = min(line.endSample, end)
                    guard from < to else { continue }
                    for n in from..<to {
                        let speech = line.samples[Int(n - line.startSample)] * line.gain
                        let frame = Int(n - firstSample)
                        buffer[2 * frame] += speech
                        buffer[2 * frame + 1] += speech
                    }
                }
            }
            if limiting {
                for i in 0..<buffer.count { buffer[i] = limiter(buffer[i]) }
            }
        }
    }

    /// Keeps each clip, with its ramps, inside [start + guard, end - guard) of a chunk, so the
    /// audio around every chunk boundary is the original alone. Speech outside is cut with a
    /// short fade; a clip with nothing left is dropped.
    public func confine(_ clips: [SpeechClip], toChunkFrom start: Int64, to end: Int64) -> [SpeechClip] {
        let guardSamples = AudioGrid.sample(at: AudioGrid.boundaryGuard)
        let lowest = start + guardSamples + attackSamples
        let highest = end - guardSamples - releaseSamples
        return clips.compactMap { clip in
            let from = max(clip.startSample, lowest), to = min(clip.endSample, highest)
            guard from < to else { return nil }
            if from == clip.startSample && to == clip.endSample { return clip }
            var samples = Array(clip.samples[Int(from - clip.startSample)..<Int(to - clip.startSample)])
            let fade = min(samples.count / 2, AudioGrid.sample(at: 0.01).asInt)
            for i in 0..<fade {
                let g = Float(i) / Float(fade)
                if from != clip.startSample { samples[i] *= g }
                if to != clip.endSample { samples[samples.count - 1 - i] *= g }
            }
            return SpeechClip(startSample: from, samples: samples, intensity: clip.intensity)
        }
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}
