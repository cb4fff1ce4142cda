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

    /// What breaks a limit, in words for the client, or nil. An infinite duration is one not
    /// known yet (a video read as it arrives): the keyframes read are checked instead.
    public func violation(_ info: MediaInfo) -> String? {
        if info.duration.isNaN || (info.duration.isFinite && info.duration > maxDuration) { return tooLong(info.duration) }
        let (width, height) = (info.video.width, info.video.height)
        if max(width, height) > maxLongSide || min(width, height) > maxShortSide {
            return "the video is \(width)x\(height); this server takes at most \(maxLongSide)x\(maxShortSide)"
        }
        return nil
    }

    public func tooLong(_ seconds: Double) -> String {
        "the video lasts \(seconds.isFinite ? Int(seconds) : 0) s; this server takes at most \(Int(maxDuration)) s"
    }
}
