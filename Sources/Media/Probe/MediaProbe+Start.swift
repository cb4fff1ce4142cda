public import Foundation

extension MediaProbe {
    /// How a session's video starts to be read.
    public enum Start: Sendable {
        /// Everything is known at once: a whole file, or an upload whose MP4 index is stored.
        case whole(MediaInfo)
        /// An upload whose container streams (Matroska, MPEG-TS, fragmented MP4): planned as
        /// its keyframes are read.
        case scanning(MediaScan)
    }

    /// Opens the video (waiting for the bytes its header needs). A moov-at-end MP4 whose index
    /// is not stored yet waits here for it: its media data cannot be read without it.
    public static func start(_ source: MediaSource) throws(MediaError) -> Start {
        let readsInOrder: Bool
        do {
            let input = try MediaInput(source: source)
            readsInOrder = input.isIncomplete && input.readsInOrder
        }
        return readsInOrder ? .scanning(try MediaScan(source)) : .whole(try probe(source))
    }
}
