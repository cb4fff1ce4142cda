import Commentary
import Media
import SessionModel

extension Pipeline {
    /// `highlights` output: the stretches of a full chunk that go into the reel, its most
    /// salient moments as far as the session's budget goes (`HighlightPicker`). Scene cuts are
    /// not moments; every other event counts with its weight (salience, else confidence).
    func highlightSpans(of chunk: VoicedChunk, info: MediaInfo) -> [ChunkSpan] {
        let window = chunk.span
        let moments = output.detected
            .filter { $0.kind != DetectedEvent.cut && $0.until >= window.start && $0.t < window.end }
            .map { HighlightMoment(start: $0.t, end: $0.until, weight: $0.weight) }
        reel.budget.grant(window.duration)
        let picked = HighlightPicker().pick(moments, lines: chunk.lines.map { ($0.line.start, $0.line.end) }, within: window,
                                            keyframes: info.keyframes, budget: &reel.budget, firstIndex: reel.spans.count)
        reel.spans += picked
        return picked
    }

    /// Whether a line plays whole in a highlight chunk, clear of its edges; a line that would
    /// be cut off stays out of the reel.
    func playsWhole(_ line: CommentaryLine, in span: ChunkSpan) -> Bool {
        let window = commentaryWindow(span)
        return line.start >= window.earliest - 1e-6 && line.end <= window.latest + 1e-6
    }
}
