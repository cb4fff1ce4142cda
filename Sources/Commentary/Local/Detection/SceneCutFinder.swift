import Media
import SessionModel

/// Scene cuts from keyframes alone (every other frame is skipped: decoding them all would
/// cost more than the whole pipeline may). Keyframes lie seconds apart, so a pan or a zoom
/// changes the picture between two of them as much as a cut can; a cut is only called when
/// both the luma histogram and the picture's layout (the 4x4 grid of mean luma, correlated)
/// change: a new shot, not the same shot moved. It misses cuts that fall between keyframes
/// (encoders with a fixed GOP) and cuts between similar shots.
struct SceneCutFinder {
    /// L1 distance between normalised histograms (0...2), at least.
    var threshold = 1.0
    /// Correlation of the two layouts, at most.
    var layoutCorrelation = 0.5

    func find(_ pictures: [KeyframePicture]) -> [DetectedEvent] {
        zip(pictures, pictures.dropFirst()).compactMap { previous, next in
            let distance = zip(previous.histogram, next.histogram).reduce(0) { $0 + abs($1.0 - $1.1) }
            guard distance >= threshold, correlation(previous.layout, next.layout) <= layoutCorrelation else { return nil }
            return DetectedEvent(t: next.time, kind: DetectedEvent.cut, confidence: distance / 2, label: "scene cut", salience: 0.2)
        }
    }

    /// Pearson correlation of two layouts (1 when either is flat or missing: no evidence of a new shot).
    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count, a.count > 1 else { return 1 }
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (x, y) in zip(a, b) {
            ab += (x - ma) * (y - mb)
            aa += (x - ma) * (x - ma)
            bb += (y - mb) * (y - mb)
        }
        guard aa > 1e-9, bb > 1e-9 else { return 1 }
        return ab / (aa * bb).squareRoot()
    }
}
