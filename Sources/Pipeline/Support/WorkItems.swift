import Commentary
import Media
import SessionModel

/// A chunk between stages.
struct DetectedChunk: Sendable {
    var span: ChunkSpan
    var events: [DetectedEvent]
}

struct WrittenChunk: Sendable {
    var span: ChunkSpan
    var lines: [CommentaryLine]
    /// The lines as an earlier run told them (`PriorDeliveries`): spoken in their voices and
    /// announced as they were.
    var told: [CommentaryReadyEvent]?
}

struct VoicedLine: Sendable {
    var line: CommentaryLine
    var speech: Speech
    var voice: String
}

struct VoicedChunk: Sendable {
    var span: ChunkSpan
    var lines: [VoicedLine]
    /// Lines whose speech failed (each becomes a `tts_failed` warning).
    var failures: [ProviderError] = []
    var told: [CommentaryReadyEvent]?
}
