import Foundation

/// Speech placed on the output timeline: mono samples at `AudioGrid.sampleRate`.
public struct SpeechClip: Sendable, Equatable {
    /// The output sample at which the speech starts.
    public var startSample: Int64
    public var samples: [Float]

    public init(startSample: Int64, samples: [Float]) {
        self.startSample = startSample
        self.samples = samples
    }

    public init(start seconds: Double, samples: [Float]) {
        self.init(startSample: AudioGrid.sample(at: seconds), samples: samples)
    }

    public var endSample: Int64 { startSample + Int64(samples.count) }
}

/// Mixes the original sound under speech: the original times a gain envelope that ramps down
/// to `duck` before each speech clip (`attack`) and back to full level after it (`release`),
/// raised-cosine shaped, plus the speech, through a soft limiter.
public struct DuckingMixer: Sendable {
    public var duck: Float
    public var attack: Double
    public var release: Double
    public var speechGain: Float
    public var limiter: SoftLimiter

    public init(duck: Float = 0.2, attack: Double = 0.15, release: Double = 0.4, speechGain: Float = 1.0,
                limiter: SoftLimiter = SoftLimiter()) {
        self.duck = min(max(duck, 0), 1)
        self.attack = attack
        self.release = release
        self.speechGain = speechGain
        self.limiter = limiter
    }

    var attackSamples: Int64 { AudioGrid.sample(at: attack) }
    var releaseSamples: Int64 { AudioGrid.sample(at: release) }

    /// The gain applied to the original at output sample `n`.
    public func gain(at n: Int64, clips: [SpeechClip]) -> Float {
        var gain: Float = 1
        for clip in clips { gain = min(gain, clipGain(at: n, clip)) }
        return gain
    }

    private func clipGain(at n: Int64, _ clip: SpeechClip) -> Float {
        let s = clip.startSample, e = clip.endSample
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

    /// Mixes in place: `original` is interleaved stereo whose first frame is output sample
    /// `firstSample`.
    public func mix(_ original: inout [Float], firstSample: Int64, clips: [SpeechClip]) {
        let frames = Int64(original.count / AudioGrid.channels)
        let end = firstSample + frames
        let touching = clips.filter { $0.startSample - attackSamples < end && $0.endSample + releaseSamples > firstSample }
        original.withUnsafeMutableBufferPointer { buffer in
            if !touching.isEmpty {
                for frame in 0..<Int(frames) {
                    let g = gain(at: firstSample + Int64(frame), clips: touching)
                    if g != 1 {
                        buffer[2 * frame] *= g
                        buffer[2 * frame + 1] *= g
                    }
                }
                for clip in touching {
                    let from = max(clip.startSample, firstSample), to = min(clip.endSample, end)
                    guard from < to else { continue }
                    for n in from..<to {
                        let speech = clip.samples[Int(n - clip.startSample)] * speechGain
                        let frame = Int(n - firstSample)
                        buffer[2 * frame] += speech
                        buffer[2 * frame + 1] += speech
                    }
                }
            }
            for i in 0..<buffer.count { buffer[i] = limiter(buffer[i]) }
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
            return SpeechClip(startSample: from, samples: samples)
        }
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}
