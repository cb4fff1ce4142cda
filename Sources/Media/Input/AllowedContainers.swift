/// The only demuxers that may open an input. None of them follows references to other files,
/// unlike hls, concat, or the playlist-like parts of other formats.
enum AllowedContainers {
    /// FFmpeg's demuxer names, exactly as `AVInputFormat.name` spells them.
    static let demuxers: Set<String> = ["mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpegts"]

    /// The same list in the form of FFmpeg's `format_whitelist` option.
    static let whitelist = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts"

    /// A short name for messages and `MediaInfo.container`.
    static func shortName(_ demuxer: String) -> String {
        switch demuxer {
        case "mov,mp4,m4a,3gp,3g2,mj2": "mp4"
        case "matroska,webm": "matroska"
        default: demuxer
        }
    }
}
