import Media
import SessionModel

/// What a session has told and made so far: owned by the announcing stages (detect records
/// its events, announce its lines, assemble its chunks) and read by the playlist, finalize
/// and cancel.
struct DeliveryRecord {
    /// Chunk indices made (in `highlights` output, highlight indices).
    var delivered: Set<Int> = []
    /// Chunk indices whose making failed (each was told as `chunk_failed`).
    var failed: Set<Int> = []
    var detected: [DetectedEvent] = []
    var commentary: [CommentaryReadyEvent] = []
    var captions: [Caption] = []
    /// The index the next new line takes (after those an earlier run told).
    private var nextLine = 0
    /// The poster is being made or was (once per session).
    var posterStarted = false
    private(set) var firstChunkAt: ContinuousClock.Instant?
    /// When each chunk's detection began (for its latency), until the chunk is made or fails.
    private var began: [Int: ContinuousClock.Instant] = [:]

    init(nextLine: Int = 0) {
        self.nextLine = nextLine
    }

    mutating func lineIndex() -> Int {
        defer { nextLine += 1 }
        return nextLine
    }

    /// A chunk an earlier run made and announced, taken as made.
    mutating func restored(_ index: Int) {
        delivered.insert(index)
    }

    mutating func beginChunk(_ index: Int, at instant: ContinuousClock.Instant) {
        began[index] = instant
    }

    /// A chunk made (`index`: the chunk or highlight made; `source`: the chunk whose work it
    /// was). Returns whether it was the session's first and how long its work took.
    mutating func made(_ index: Int, for source: Int, at instant: ContinuousClock.Instant) -> (first: Bool, latency: Duration?) {
        delivered.insert(index)
        let first = firstChunkAt == nil
        if first { firstChunkAt = instant }
        return (first, began.removeValue(forKey: source).map { $0.duration(to: instant) })
    }

    mutating func failedChunk(_ index: Int, for source: Int) {
        failed.insert(index)
        began.removeValue(forKey: source)
    }

    /// A line told: its `commentary_ready` and its caption.
    mutating func told(_ ready: CommentaryReadyEvent, caption: Caption) {
        commentary.append(ready)
        captions.append(caption)
    }
}
