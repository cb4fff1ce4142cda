/// Cuts the presented timeline into chunks at video keyframes, so video is stream-copied and
/// never re-encoded (PROTOCOL.md "Intervals and chunks").
public enum IntervalPlanner {
    public static let defaultInterval = 30.0
    static let epsilon = 1e-6

    /// `full` output: chunk k spans from the first keyframe at or after k·interval (0 for the
    /// first) to the next chunk's start or the end. An interval without a keyframe of its own
    /// gets no chunk; its time belongs to the chunk before.
    public static func plan(_ info: MediaInfo, interval: Double = defaultInterval) -> [ChunkSpan] {
        plan(keyframes: info.keyframes, duration: info.duration, interval: interval)
    }

    public static func plan(keyframes: [Keyframe], duration: Double, interval: Double) -> [ChunkSpan] {
        precondition(interval > 0, "interval must be positive")
        let presented = keyframes.filter { $0.time > epsilon && $0.time < duration - epsilon }
            .sorted { $0.time < $1.time }
        var starts: [(interval: Int, keyframe: Keyframe?)] = [(0, nil)]
        let intervalCount = intervals(duration: duration, interval: interval)
        var cursor = 0
        for k in 1..<max(1, intervalCount) {
            let windowStart = Double(k) * interval - epsilon
            while cursor < presented.count, presented[cursor].time < windowStart { cursor += 1 }
            guard cursor < presented.count else { break }
            let candidate = presented[cursor]
            if candidate.time < Double(k + 1) * interval - epsilon {
                starts.append((k, candidate))
            }
        }
        return starts.enumerated().map { position, start in
            let next = position + 1 < starts.count ? starts[position + 1].keyframe : nil
            return ChunkSpan(index: start.interval, interval: start.interval,
                             start: start.keyframe?.time ?? 0, end: next?.time ?? duration,
                             startKeyframePts: start.keyframe?.pts, endKeyframePts: next?.pts)
        }
    }

    /// The number of nominal intervals that cover `duration`.
    public static func intervals(duration: Double, interval: Double) -> Int {
        max(1, Int((duration / interval - epsilon).rounded(.up)))
    }

    /// The chunk holding `time` (the chunk an interval's reprioritisation refers to).
    public static func chunk(containing time: Double, in spans: [ChunkSpan]) -> ChunkSpan? {
        spans.last { $0.start <= time + epsilon } ?? spans.first
    }
}
