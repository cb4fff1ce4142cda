/// One chunk of the output: a stretch of the presented timeline cut at video keyframes.
public struct ChunkSpan: Sendable, Codable, Equatable {
    /// The chunk's index (in `full` output, equal to `interval`).
    public var index: Int
    /// The nominal interval this chunk starts in.
    public var interval: Int
    /// Seconds on the presented timeline.
    public var start: Double
    public var end: Double
    /// The video keyframe the chunk starts at (nil: the start of the stream, pre-roll included).
    public var startKeyframePts: Int64?
    /// The keyframe the next chunk starts at (nil: the end of the stream).
    public var endKeyframePts: Int64?

    public var duration: Double { end - start }

    public init(index: Int, interval: Int, start: Double, end: Double, startKeyframePts: Int64?, endKeyframePts: Int64?) {
        self.index = index
        self.interval = interval
        self.start = start
        self.end = end
        self.startKeyframePts = startKeyframePts
        self.endKeyframePts = endKeyframePts
    }
}
