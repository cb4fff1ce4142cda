import Foundation

/// The HLS media playlist of a session's chunks (fMP4 segments behind one init segment). An
/// EVENT playlist: it lists the chunks ready from the first on without a hole, grows as more
/// are ready, and ends with EXT-X-ENDLIST once the last is in.
public struct HLSPlaylist: Sendable {
    public var spans: [ChunkSpan]

    public init(spans: [ChunkSpan]) {
        self.spans = spans.sorted { $0.start < $1.start }
    }

    /// The longest chunk, rounded up, as EXT-X-TARGETDURATION requires; fixed by the plan so
    /// it never changes while the playlist grows.
    public var targetDuration: Int { max(1, Int((spans.map(\.duration).max() ?? 1).rounded(.up))) }

    /// The playlist with the contiguous prefix of `ready` chunk indices.
    public func render(ready: Set<Int>, ended: Bool? = nil) -> String {
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
        for span in spans {
            guard ready.contains(span.index) else { break }
            lines.append(String(format: "#EXTINF:%.6f,", span.duration))
            lines.append(OutputNames.segment(span.index))
            listed += 1
        }
        if ended ?? (listed == spans.count) { lines.append("#EXT-X-ENDLIST") }
        return lines.joined(separator: "\n") + "\n"
    }
}
