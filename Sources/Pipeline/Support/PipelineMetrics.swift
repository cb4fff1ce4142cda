import Metrics

/// The pipeline's timings for an operator, through swift-metrics (the executable picks the
/// backend; with none they record nothing).
enum PipelineMetrics {
    /// From the session's start to its first chunk.
    static func firstChunk(after duration: Duration) {
        Timer(label: "playbyplay_first_chunk_seconds").recordNanoseconds(nanoseconds(duration))
    }

    /// From a chunk's detection starting to the chunk ready.
    static func chunk(after duration: Duration) {
        Timer(label: "playbyplay_chunk_latency_seconds").recordNanoseconds(nanoseconds(duration))
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
