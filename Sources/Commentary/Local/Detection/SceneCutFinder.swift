import Media
import SessionModel

/// Scene cuts: consecutive keyframes whose luma histograms differ a lot. Encoders put a
/// keyframe at most hard cuts, so keyframes alone find them without decoding every frame.
struct SceneCutFinder {
    /// L1 distance between normalised histograms (0...2).
    var threshold = 0.6

    func find(_ pictures: [KeyframePicture]) -> [DetectedEvent] {
        zip(pictures, pictures.dropFirst()).compactMap { previous, next in
            let distance = zip(previous.histogram, next.histogram).reduce(0) { $0 + abs($1.0 - $1.1) }
            guard distance >= threshold else { return nil }
            return DetectedEvent(t: next.time, kind: DetectedEvent.cut, confidence: distance / 2, label: "scene cut")
        }
    }
}
