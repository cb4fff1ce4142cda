public import SessionModel

/// Cuts the presented timeline into chunks at video keyframes, so video is stream-copied and
/// never re-encoded (PROTOCOL.md "Intervals and chunks").
public enum IntervalPlanner {
    public static let defaultInterval = 30.0
    static let epsilon = IntervalGrid.epsilon

    /// `full` output: chunk k spans from the first keyframe in interval k (0 for the first)
    /// to the next chunk's start or the end. An interval without a keyframe of its own gets no
    /// chunk; its time belongs to the chunk before.
    public static func plan(_ info: MediaInfo, interval: Double = defaultInterval) -> [ChunkSpan] {
        plan(keyframes: info.keyframes, duration: info.duration, grid: IntervalGrid(interval: interval))
    }

    public static func plan(_ info: MediaInfo, grid: IntervalGrid) -> [ChunkSpan] {
        plan(keyframes: info.keyframes, duration: info.duration, grid: grid)
    }

    public static func plan(keyframes: [Keyframe], duration: Double, interval: Double) -> [ChunkSpan] {
        plan(keyframes: keyframes, duration: duration, grid: IntervalGrid(interval: interval))
    }

    /// The whole plan at once: what `IncrementalPlan` gives when fed every keyframe.
    public static func plan(keyframes: [Keyframe], duration: Double, grid: IntervalGrid) -> [ChunkSpan] {
        var incremental = IncrementalPlan(grid: grid)
        var spans = keyframes.filter { $0.time < duration - epsilon }.sorted { $0.time < $1.time }
            .compactMap { incremental.add($0) }
        spans.append(incremental.finish(duration: duration))
        return spans
    }

    /// The number of nominal intervals that cover `duration`.
    public static func intervals(duration: Double, interval: Double) -> Int {
        IntervalGrid(interval: interval).count(duration: duration)
    }

    /// The chunk holding `time` (the chunk an interval's reprioritisation refers to).
    public static func chunk(containing time: Double, in spans: [ChunkSpan]) -> ChunkSpan? {
        spans.last { $0.start <= time + epsilon } ?? spans.first
    }
}
