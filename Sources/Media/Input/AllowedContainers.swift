/// The demuxers an input may be opened with. None of them follows references to other files,
/// unlike hls, concat, or the playlist-like parts of other formats.
struct AllowedContainers: Sendable {
    /// FFmpeg's demuxer names, exactly as `AVInputFormat.name` spells them.
    let demuxers: Set<String>
    /// What the input should be, for messages: "a video file".
    let expected: String
    /// The accepted containers, for messages.
    let accepted: String

    /// Uploads: videos only.
    static let uploads = AllowedContainers(
        demuxers: ["mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpegts"],
        expected: "a video file", accepted: "mp4/mov, matroska/webm and mpegts")

    /// Speech a cloud service sent: the upload containers and `mp3`, which only this path
    /// opens (an upload is a video, never an MP3).
    static let speech = AllowedContainers(
        demuxers: uploads.demuxers.union(["mp3"]),
        expected: "audio", accepted: "mp3, mp4/m4a, matroska/webm and mpegts")

    /// The same list in the form of FFmpeg's `format_whitelist` option (names joined by commas;
    /// a demuxer's own name may hold commas).
    var whitelist: String { demuxers.sorted().joined(separator: ",") }

    /// A short name for messages and `MediaInfo.container`.
    static func shortName(_ demuxer: String) -> String {
        switch demuxer {
        case "mov,mp4,m4a,3gp,3g2,mj2": "mp4"
        case "matroska,webm": "matroska"
        default: demuxer
        }
    }
}
