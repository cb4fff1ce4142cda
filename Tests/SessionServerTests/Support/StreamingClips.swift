import Foundation
import SessionModel
import TestSupport

/// One 40 s clip (1 s GOP, a tone) in the containers that do not start with an index: an MP4
/// whose moov follows its mdat, Matroska and MPEG-TS.
enum StreamingClips {
    static let indexLast: Result<URL, any Error> = Result {
        try TestFiles.generate("stream40-moov-last.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "40", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        ])
    }

    static func remuxed(_ kind: String) throws -> URL {
        let url = TestFiles.folder.appendingPathComponent("stream40.\(kind)")
        if !FileManager.default.fileExists(atPath: url.path) {
            let format = kind == "ts" ? ["-bsf:v", "h264_mp4toannexb", "-f", "mpegts"] : ["-f", "matroska"]
            try Tools.ffmpeg(["-i", try indexLast.get().path, "-c", "copy"] + format + [url.path])
        }
        return url
    }

    /// Where the moov-last MP4's media data ends (its index starts).
    static func mediaDataEnd(_ url: URL) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: url).prefix(4096))
        var locator = MP4IndexLocator(fileSize: Int64(try Data(contentsOf: url).count))
        guard case .indexAfter(let offset) = locator.feed(bytes[...], at: 0) else { throw Tools.Failure(description: "not moov-last") }
        return Int(offset)
    }
}
