import Media

/// The pipeline's planning state while the video's chunks are found (owned by the pipeline's
/// planning stage, `Pipeline+Plan`): what was asked for before it was planned, the plan made
/// as keyframes arrive, who waits for the next chunk.
struct Planning {
    /// Intervals reprioritised before the video's streams were read.
    var pendingPriorities: [Int] = []
    /// The plan made as keyframes arrive (nil when it was known at once).
    var incrementalPlan: IncrementalPlan?
    /// Times reprioritised before their chunk was planned, most recent last.
    var wantedTimes: [Double] = []
    /// Detection workers waiting for the next chunk to be planned.
    var waiters: [CheckedContinuation<Void, Never>] = []
    /// The video's length guessed while it arrives (for progress).
    var estimated: Double?
    /// The playlist's target duration once announced while chunks were still being planned.
    var announcedTarget: Int?
}
