/// The highlights reel as it plays: its chunks one after another in time order.
public enum HighlightReel {
    /// Captions on the reel's timeline: each chunk's captions (given on the source's timeline)
    /// moved to where the chunk plays in the reel, and cut to the chunk.
    public static func captions(_ pieces: [(span: ChunkSpan, captions: [Caption])]) -> [Caption] {
        var out: [Caption] = []
        var at = 0.0
        for piece in pieces.sorted(by: { $0.span.start < $1.span.start }) {
            for caption in piece.captions {
                let start = max(caption.start, piece.span.start), end = min(caption.end, piece.span.end)
                guard end > start else { continue }
                out.append(Caption(start: at + start - piece.span.start, end: at + end - piece.span.start, text: caption.text))
            }
            at += piece.span.duration
        }
        return out
    }

    /// The reel's length.
    public static func duration(_ spans: [ChunkSpan]) -> Double { spans.reduce(0) { $0 + $1.duration } }
}
