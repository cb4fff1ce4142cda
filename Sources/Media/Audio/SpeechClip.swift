/// Speech placed on the output timeline: mono samples at `AudioGrid.sampleRate`, at whatever
/// level the synthesiser delivered them, and how big a call the line is.
public struct SpeechClip: Sendable, Equatable {
    /// The output sample at which the speech starts.
    public var startSample: Int64
    public var samples: [Float]
    /// 0...1: calm colour (0) to the call of the session's biggest moment (1). The broadcast
    /// mix makes a bigger call louder and ducks the original less under it.
    public var intensity: Double

    public init(startSample: Int64, samples: [Float], intensity: Double = 0) {
        self.startSample = startSample
        self.samples = samples
        self.intensity = min(1, max(0, intensity))
    }

    public init(start seconds: Double, samples: [Float], intensity: Double = 0) {
        self.init(startSample: AudioGrid.sample(at: seconds), samples: samples, intensity: intensity)
    }

    public var endSample: Int64 { startSample + Int64(samples.count) }
}
