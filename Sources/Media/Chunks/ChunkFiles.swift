public import Foundation

/// What assembling one chunk wrote.
public struct ChunkFiles: Sendable, Equatable {
    public var span: ChunkSpan
    /// The standalone MP4 (moov first): plays alone in any player.
    public var mp4: URL
    /// The fMP4 media segment for MSE and HLS (behind the shared init segment).
    public var segment: URL
}
