import Foundation
import Media
public import SessionModel

/// Detection without a model: crowd roars from the loudness envelope, whistles from a
/// narrowband tone detector, scene cuts from keyframes; nearby events merged.
public struct LocalEventDetector: EventDetector {
    public let name = "local"
    /// Sound decoded on each side of the stretch, for the rolling baseline.
    static let context = 10.0

    public init() {}

    public func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        try await Offload.run { () throws(ProviderError) in try Self.analyse(request) }
    }

    static func analyse(_ request: DetectionRequest) throws(ProviderError) -> [DetectedEvent] {
        let from = max(0, request.start - context), to = min(request.info.duration, request.end + context)
        let first = AudioGrid.sample(at: from)
        let count = Int(AudioGrid.sample(at: to) - first)
        do {
            var events: [DetectedEvent] = []
            if request.info.hasAudio, count > 0 {
                let mono = try monoSound(request, from: first, count: count)
                let levels = CrowdPeakFinder.levels(mono, rate: AudioGrid.sampleRate)
                events += CrowdPeakFinder().find(levels: levels, firstTime: from, from: request.start, to: request.end)
                events += WhistleFinder().find(mono, rate: AudioGrid.sampleRate, firstTime: from, from: request.start, to: request.end)
            }
            let pictures = try KeyframePictures.histograms(source: request.source, info: request.info,
                                                           from: max(0, request.start - 0.001), to: request.end)
            events += SceneCutFinder().find(pictures).filter { $0.t > request.start }
            return EventMerger().merge(events)
        } catch {
            throw ProviderError(error.reason == .io ? .transient : .permanent, "local detection: \(error.message)")
        }
    }

    /// The sound as mono, decoded in one pass handed over in blocks of 5 s, so the stereo of
    /// the whole stretch and its context is never held at once.
    static func monoSound(_ request: DetectionRequest, from first: Int64, count: Int) throws(MediaError) -> [Float] {
        var mono: [Float] = []
        mono.reserveCapacity(count)
        try AudioDecoder(path: request.source.path, info: request.info)
            .decode(from: first, count: count, inBlocksOf: 5 * AudioGrid.sampleRate) { stereo in
                for i in 0..<(stereo.count / 2) { mono.append((stereo[2 * i] + stereo[2 * i + 1]) / 2) }
            }
        return mono
    }
}
