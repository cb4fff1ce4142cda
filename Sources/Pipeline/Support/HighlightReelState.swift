import Media
import SessionModel

/// `highlights` output: the reel planned so far. Owned by the assemble stage (which picks a
/// chunk's highlights as it makes them) and read by the playlist and finalize.
struct HighlightReelState {
    /// The highlight chunks planned so far, by index.
    var spans: [ChunkSpan] = []
    /// What the reel may still take.
    var budget = HighlightBudget(share: SessionOptions.highlightsShare)
    /// Each highlight chunk made with the captions of its lines (on the source's timeline).
    var captions: [(span: ChunkSpan, captions: [Caption])] = []
}
