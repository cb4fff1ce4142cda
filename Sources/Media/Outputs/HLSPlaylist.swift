import Foundation

/// The HLS media playlist of a session's chunks (fMP4 segments behind one init segment). An
/// EVENT playlist: it lists the chunks ready from the first on without a hole (a chunk that
/// failed is passed over: it will never come), grows as more are ready, and ends with
/// EXT-X-ENDLIST once every chunk is in or failed. Where a chunk does not start where the one
/// before ended (highlights, or after a failed chunk), an EXT-X-DISCONTINUITY says so.
public struct HLSPlaylist: Sendable {
    /// In playback order.
    public var spans: [ChunkSpan]
    /// EXT-X-TARGETDURATION: fixed by the plan so it never changes while the playlist grows.
    public var targetDuration: Int

    /// `full` output: the chunks in timeline order; the target is the longest chunk.
    public init(spans: [ChunkSpan]) {
        self.init(spans: spans, targetDuration: Int((spans.map(\.duration).max() ?? 1).rounded(.up)))
    }

    /// `full` output with a target fixed in advance (chunks planned while the video arrives).
    public init(spans: [ChunkSpan], targetDuration: Int) {
        self.spans = spans.sorted { $0.start < $1.start }
        self.targetDuration = max(1, targetDuration)
    }

    /// `highlights` output: the chunks in index order, with a target known in advance (the
    /// longest chunk of the `full` plan bounds every highlight).
    public init(highlights: [ChunkSpan], targetDuration: Int) {
        spans = highlights.sorted { $0.index < $1.index }
        self.targetDuration = max(1, targetDuration)
    }

    /// The playlist with the contiguous prefix of `ready` chunk indices, `failed` ones skipped.
    public func render(ready: Set<Int>, failed: Set<Int> = [], ended: Bool? = nil) -> String {
        var lines = [
            "#EXTM3U",
            "#EXT-X-VERSION:7",
            "#EXT-X-TARGETDURATION:\(targetDuration)",
            "#EXT-X-MEDIA-SEQUENCE:0",
            "#EXT-X-PLAYLIST-TYPE:EVENT",
            "#EXT-X-INDEPENDENT-SEGMENTS",
            "#EXT-X-MAP:URI=\"\(OutputNames.initSegment)\"",
        ]
        var listed = 0
        var previousEnd: Double?
        for span in spans {
            if failed.contains(span.index) {
                listed += 1
                continue
            }
            guard ready.contains(span.index) else { break }
            if let previousEnd, abs(previousEnd - span.start) > 1e-6 { lines.append("#EXT-X-DISCONTINUITY") }
            previousEnd = span.end
            lines.append(String(format: "#EXTINF:%.6f,", span.duration))
            lines.append(OutputNames.segment(span.index))
            listed += 1
        }
        if ended ?? (listed == spans.count) { lines.append("#EXT-X-ENDLIST") }
        return lines.joined(separator: "\n") + "\n"
    }
}
