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
    /// `window` (a live session): a live playlist of the last `window` seconds of those chunks
    /// (at least `minimumLive` of them), its media sequence counting the chunks that left it.
    public func render(ready: Set<Int>, failed: Set<Int> = [], ended: Bool? = nil, window: Double? = nil) -> String {
        var passed = 0
        var segments: [(span: ChunkSpan, discontinuity: Bool)] = []
        for span in spans {
            if failed.contains(span.index) {
                passed += 1
                continue
            }
            guard ready.contains(span.index) else { break }
            let discontinuity = segments.last.map { abs($0.span.end - span.start) > 1e-6 } ?? false
            segments.append((span, discontinuity))
        }
        var dropped = 0
        if let window {
            var kept = 0.0
            var keep = 0
            // The newest chunks, back to the first that no longer fits (the window is a suffix).
            for segment in segments.reversed() {
                guard keep < Self.minimumLive || kept + segment.span.duration <= window + 1e-6 else { break }
                kept += segment.span.duration
                keep += 1
            }
            dropped = segments.count - keep
        }
        var lines = [
            "#EXTM3U",
            "#EXT-X-VERSION:7",
            "#EXT-X-TARGETDURATION:\(targetDuration)",
            "#EXT-X-MEDIA-SEQUENCE:\(dropped)",
        ]
        if window == nil {
            lines.append("#EXT-X-PLAYLIST-TYPE:EVENT")
        } else {
            lines.append("#EXT-X-DISCONTINUITY-SEQUENCE:\(segments.prefix(dropped).filter(\.discontinuity).count)")
        }
        lines += ["#EXT-X-INDEPENDENT-SEGMENTS", "#EXT-X-MAP:URI=\"\(OutputNames.initSegment)\""]
        for (i, segment) in segments.enumerated() where i >= dropped {
            if segment.discontinuity { lines.append("#EXT-X-DISCONTINUITY") }
            lines.append(String(format: "#EXTINF:%.6f,", segment.span.duration))
            lines.append(OutputNames.segment(segment.span.index))
        }
        if ended ?? (passed + segments.count == spans.count) { lines.append("#EXT-X-ENDLIST") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fewest chunks a live playlist lists (RFC 8216 6.2.2: three target durations).
    public static let minimumLive = 3
}
