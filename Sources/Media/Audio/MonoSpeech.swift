internal import CFFmpeg

/// Decoded frames joined into mono float at the output rate, through a resampler that is
/// made again if the stream changes its rate, sample format or channels midway.
struct MonoSpeech {
    /// The most samples kept; past it, appending fails.
    let limit: Int
    private var samples: [Float] = []
    private var resampler: Resampler?
    private var shape: (rate: Int32, format: Int32, channels: Int32)?

    init(limit: Int) { self.limit = limit }

    mutating func append(_ frame: UnsafeMutablePointer<AVFrame>) throws(MediaError) {
        guard frame.pointee.nb_samples > 0 else { return }
        let frameShape = (frame.pointee.sample_rate, frame.pointee.format, frame.pointee.ch_layout.nb_channels)
        if resampler == nil || shape.map({ $0 != frameShape }) == true {
            if resampler != nil { try add(resampler!.flush()) }
            resampler = try Resampler(frame: frame, outputRate: AudioGrid.sampleRate, outputChannels: 1)
            shape = frameShape
        }
        try add(resampler!.convert(frame, skipping: 0))
    }

    /// The samples, with what the resampler still held.
    mutating func finish() throws(MediaError) -> [Float] {
        if let resampler { try add(resampler.flush()) }
        resampler = nil
        return samples
    }

    private mutating func add(_ produced: [Float]) throws(MediaError) {
        guard samples.count + produced.count <= limit else {
            throw MediaError(.invalidArgument, "the speech lasts longer than \(Double(limit) / Double(AudioGrid.sampleRate)) s")
        }
        samples += produced
    }
}
