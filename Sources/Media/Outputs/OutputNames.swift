/// The names of the files a session's output folder holds. Fixed names: nothing a user
/// supplies ever becomes part of a path.
public enum OutputNames {
    public static let initSegment = "init.mp4"
    public static let trackLayout = "tracks.json"
    public static let playlist = "playlist.m3u8"
    public static let finalVideo = "final.mp4"
    /// What was made before a cancel, as one video.
    public static let partialVideo = "partial.mp4"
    /// The first keyframe as a picture, for the player before any chunk.
    public static let poster = "poster.jpg"
    public static let captions = "captions.vtt"

    public static func chunk(_ index: Int) -> String { "chunk-\(padded(index)).mp4" }
    public static func segment(_ index: Int) -> String { "segment-\(padded(index)).m4s" }

    private static func padded(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
