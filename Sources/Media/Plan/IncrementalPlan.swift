public import SessionModel

/// The `full` plan made as keyframes arrive (PROTOCOL.md "Intervals and chunks"): the first
/// keyframe of a later interval closes the chunk that is open and opens the next, so chunk k
/// is known once the keyframe it ends at has been read, and the last one at the end. Pure:
/// fed keyframes in presentation order.
public struct IncrementalPlan: Sendable, Equatable {
    public let grid: IntervalGrid
    /// The chunk not yet closed: its interval and the keyframe it starts at (nil: the start).
    private var openInterval = 0
    private var openKeyframe: Keyframe?
    public private(set) var isFinished = false

    public init(grid: IntervalGrid) { self.grid = grid }

    /// The interval of the chunk that is still open.
    public var openChunk: Int { openInterval }
    /// Where the open chunk starts.
    public var openStart: Double { openKeyframe?.time ?? 0 }

    /// A keyframe; the chunk it closes, when it is the first keyframe of a later interval.
    /// Keyframes at or before 0 (hidden pre-roll, the first frame) close nothing.
    public mutating func add(_ keyframe: Keyframe) -> ChunkSpan? {
        guard !isFinished, keyframe.time > IntervalGrid.epsilon else { return nil }
        let interval = grid.interval(at: keyframe.time)
        guard interval > openInterval, keyframe.time > openStart else { return nil }
        let closed = span(to: keyframe.time, endKeyframePts: keyframe.pts)
        (openInterval, openKeyframe) = (interval, keyframe)
        return closed
    }

    /// The end of the video (`duration`, the end of presentation): the last chunk.
    public mutating func finish(duration: Double) -> ChunkSpan {
        isFinished = true
        return span(to: max(duration, openStart), endKeyframePts: nil)
    }

    private func span(to end: Double, endKeyframePts: Int64?) -> ChunkSpan {
        ChunkSpan(index: openInterval, interval: openInterval, start: openStart, end: end,
                  startKeyframePts: openKeyframe?.pts, endKeyframePts: endKeyframePts)
    }
}
