public import Media

/// The largest video a session takes (PROTOCOL.md "Limits"): longer or larger ones end with a
/// fatal `unsupported_media` that names the limit, before any work is spent on them.
public struct MediaLimits: Sendable, Equatable {
    /// Seconds of presented video.
    public var maxDuration: Double
    /// Pixels along the longer and the shorter side, so portrait videos fit as landscape ones do.
    public var maxLongSide: Int
    public var maxShortSide: Int

    public init(maxDuration: Double = 4 * 3600, maxLongSide: Int = 4096, maxShortSide: Int = 2160) {
        self.maxDuration = maxDuration
        self.maxLongSide = maxLongSide
        self.maxShortSide = maxShortSide
    }

    /// What breaks a limit, in words for the client, or nil.
    public func violation(_ info: MediaInfo) -> String? {
        if !(info.duration <= maxDuration) {
            return "the video lasts \(Int(info.duration)) s; this server takes at most \(Int(maxDuration)) s"
        }
        let (width, height) = (info.video.width, info.video.height)
        if max(width, height) > maxLongSide || min(width, height) > maxShortSide {
            return "the video is \(width)x\(height); this server takes at most \(maxLongSide)x\(maxShortSide)"
        }
        return nil
    }
}
