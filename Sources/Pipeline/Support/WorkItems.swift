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
}
