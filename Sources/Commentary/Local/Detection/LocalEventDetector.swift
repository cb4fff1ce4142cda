import Foundation
import Synchronization
import Logging
import Media
public import SessionModel

/// Detection without a cloud model. Sound: EBU R128 loudness against a long rolling baseline
/// (crowd roars, applause as one event each with onset, peak and end), the Silero voice-activity
/// model (the original commentator is not a crowd; commentator excitement), narrow tones
/// (whistles); picture: scene cuts from keyframes. Each interval is analysed alone, from up to
/// `lookBack` seconds before it (cheap: audio only) to `lookAhead` seconds after it.
public struct LocalEventDetector: EventDetector {
    public let name = "local"
    /// The cache key: the detection of 2026-12-04 differs from earlier ones (crowd_peak kinds,
    /// no extents before 2026-12-02; a stretch begun before the interval before 2026-12-04),
    /// whose cached results must not come back.
    public let cacheKey = "local/2026-12-04"
    static let lookBack = 70.0
    static let lookAhead = 3.0
    /// Seconds before the interval whose spectra are measured (the usual voice's pitch).
    static let spectraBefore = 10.0
    /// Seconds before the interval searched for the keyframe a cut at its start is measured against
    /// (GOPs of real clips reach 8.3 s).
    static let keyframeLookBack = 12.0

    /// The voice-activity model to use: `.shared` loads the process's on first use (inside
    /// the offloaded work: loading ONNX Runtime blocks), `.given` is a test's choice.
    private enum Speech: Sendable {
        case shared
        case given(SpeechPresence?)
    }

    private let speech: Speech

    public init() {
        speech = .shared
    }

    init(speech: SpeechPresence?) {
        self.speech = .given(speech)
    }

    public func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        let speech = speech
        return try await Offload.run { () throws(ProviderError) in
            switch speech {
            case .given(let presence):
                return try Self.analyse(request, speech: presence)
            case .shared:
                let presence = SpeechPresence.shared
                if presence == nil, let reason = SpeechPresence.unavailableReason { Self.noteMissingModel(reason, logger: request.logger) }
                return try Self.analyse(request, speech: presence)
            }
        }
    }

    static func analyse(_ request: DetectionRequest, speech: SpeechPresence?) throws(ProviderError) -> [DetectedEvent] {
        do {
            var events: [DetectedEvent] = []
            if request.info.hasAudio, request.end > request.start {
                events += try soundEvents(request, speech: speech)
            }
            // From the keyframe before the interval: chunks start at keyframes, and a cut there
            // (a chunk often starts at one) is this interval's, measured against the one before.
            // Only the keyframe before it is compared with the interval's first: from there when known.
            let previous = request.info.keyframes.last { $0.time < request.start - 0.001 && $0.time >= request.start - keyframeLookBack }
            let pictures = try KeyframePictures.histograms(source: request.source, info: request.info,
                                                           from: previous.map { max(0, $0.time - 0.001) } ?? max(0, request.start - keyframeLookBack),
                                                           to: request.end)
            events += SceneCutFinder().find(pictures).filter { $0.t >= request.start - 0.001 && $0.t < request.end }
            return EventMerger().merge(events)
        } catch {
            throw ProviderError(error.reason == .io ? .transient : .permanent, "local detection: \(error.message)")
        }
    }

    /// Decodes [start - lookBack, end + lookAhead (or less, as the request allows)] once, on the 100 ms grid from t = 0 (so every
    /// interval sees the same frames at the same times), into feature frames (the look-back's
    /// loudness only); the voice-activity model runs on the spans the finder asks about.
    static func soundEvents(_ request: DetectionRequest, speech: SpeechPresence?) throws(MediaError) -> [DetectedEvent] {
        let hop = AudioFeatureExtractor.hop
        let from = max(0, ((request.start - lookBack) / hop).rounded(.down) * hop)
        let ahead = min(lookAhead, max(0, request.lookAhead ?? lookAhead))
        let to = min(request.info.duration, request.end + ahead)
        let first = Int64((from / hop).rounded()) * Int64(AudioFeatureExtractor.hopSamples)
        let count = Int(AudioGrid.sample(at: to) - first)
        guard count > 0 else { return [] }
        let extractor = try AudioFeatureExtractor(firstTime: from, spectraFrom: request.start - spectraBefore)
        let speechFrom = max(from, request.start - 1)
        let speechFirst = AudioGrid.sample(at: speechFrom)
        let samples = speech.map { SpeechSamples(start: Double(speechFirst) / Double(AudioGrid.sampleRate), inputRate: AudioGrid.sampleRate, presence: $0) }
        var position = first
        try AudioDecoder(source: request.source, info: request.info)
            .decode(from: first, count: count, inBlocksOf: 5 * AudioGrid.sampleRate) { stereo in
                extractor.add(stereo)
                let frames = Int64(stereo.count / 2)
                if let samples, position + frames > speechFirst {
                    let skip = Int(max(0, speechFirst - position))
                    var mono = [Float](repeating: 0, count: Int(frames) - skip)
                    for i in skip..<Int(frames) { mono[i - skip] = (stereo[2 * i] + stereo[2 * i + 1]) / 2 }
                    samples.add(mono[...])
                }
                position += frames
            }
        let events = SoundEventFinder().events(extractor.frames, start: request.start, end: request.end, heardBefore: request.start + ahead,
                                               speech: samples.map { samples in { samples.share(from: $0, to: $1) } })
        if let failure = samples?.failure { noteMissingModel("the voice-activity model failed: \(failure)", logger: request.logger) }
        return events
    }

    private static let warned = Mutex(false)

    /// Says once per process that detection runs without voice activity (its events say so too).
    static func noteMissingModel(_ reason: String, logger: Logger) {
        let first = warned.withLock { warned in
            defer { warned = true }
            return !warned
        }
        if first { logger.info("detection without voice activity", metadata: ["detection.reason": "\(reason)"]) }
    }
}
