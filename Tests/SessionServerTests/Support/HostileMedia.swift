import Foundation
import TestSupport

/// Uploads made to hurt the server: containers that name other files, damaged or lying MP4
/// boxes, empty streams. `canary` is a real video outside every session folder, which the
/// playlists name and nothing may open.
struct HostileMedia {
    let folder: URL
    let canary: URL

    init() throws {
        folder = TestFiles.scratch("hostile")
        canary = folder.appendingPathComponent("canary.mp4")
        try FileManager.default.copyItem(at: try ServerHarness.clip.get(), to: canary)
    }

    /// Every hostile file, by what it is, and whether it must be refused: a header that lies
    /// about the picture size or the duration is seen through (the decoder's size, the
    /// packets' times) and processed as the small video it really is.
    func all() throws -> [(name: String, url: URL, refused: Bool)] {
        [
            ("HLS playlist naming a local file", try write("hls.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n\(canary.path)\n#EXTINF:10.0,\nfile://\(canary.path)\n#EXT-X-ENDLIST\n"), true),
            ("ffconcat script naming a local file", try write("concat.mp4", "ffconcat version 1.0\nfile '\(canary.path)'\nfile 'file:\(canary.path)'\n"), true),
            ("AVI with a GAB2 chunk holding a playlist", try aviWithPlaylist(), true),
            ("MP4 whose moov is cut off", try truncatedMoov(), true),
            ("MP4 declaring 65535x65535", try patched("huge-size.mp4") { bytes in
                Self.patch(&bytes, box: "tkhd", at: 80, [0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 0])
                Self.patch(&bytes, box: "avc1", at: 28, [0xFF, 0xFF, 0xFF, 0xFF])
            }, false),
            ("MP4 declaring a duration of 2^32-1 ticks", try patched("huge-duration.mp4") { bytes in
                Self.patch(&bytes, box: "mvhd", at: 20, [0xFF, 0xFF, 0xFF, 0xFF])
                Self.patch(&bytes, box: "mdhd", at: 20, [0xFF, 0xFF, 0xFF, 0xFF])
            }, false),
            ("MP4 whose video stream has no frames", try zeroLengthStream(), true),
        ]
    }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A real AVI file, followed by a `GAB2` subtitle chunk whose payload is an HLS playlist
    /// naming the canary (the shape of the known avi/GAB2 local-file read).
    private func aviWithPlaylist() throws -> URL {
        let avi = folder.appendingPathComponent("base.avi")
        try Tools.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "2", "-c:v", "mpeg4", avi.path])
        var bytes = [UInt8](try Data(contentsOf: avi))
        let playlist = Array("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n\(canary.path)\n#EXT-X-ENDLIST\n".utf8)
        let payload = Array("GAB2".utf8) + [0, 2, 0] + [UInt8](repeating: 0, count: 4) + [4, 0, 0, 0] + playlist
        bytes += Array("00tx".utf8) + Self.littleEndian(UInt32(payload.count)) + payload
        let url = folder.appendingPathComponent("gab2.mp4")
        try Data(bytes).write(to: url)
        return url
    }

    /// A faststart MP4 cut in the middle of its moov box.
    private func truncatedMoov() throws -> URL {
        let bytes = [UInt8](try Data(contentsOf: try ServerHarness.clip.get()))
        guard let moov = Self.offset(of: "moov", in: bytes) else { throw Tools.Failure(description: "no moov") }
        let size = Int(bytes[moov - 4]) << 24 | Int(bytes[moov - 3]) << 16 | Int(bytes[moov - 2]) << 8 | Int(bytes[moov - 1])
        let url = folder.appendingPathComponent("cut-moov.mp4")
        try Data(bytes.prefix(moov + size / 2)).write(to: url)
        return url
    }

    private func zeroLengthStream() throws -> URL {
        let url = folder.appendingPathComponent("no-frames.mp4")
        try Tools.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "0", "-c:v", "libx264", url.path])
        return url
    }

    private func patched(_ name: String, _ change: (inout [UInt8]) -> Void) throws -> URL {
        var bytes = [UInt8](try Data(contentsOf: try ServerHarness.clip.get()))
        change(&bytes)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Overwrites bytes `at` bytes after the start of `box`'s type field.
    private static func patch(_ bytes: inout [UInt8], box: String, at distance: Int, _ values: [UInt8]) {
        guard let start = offset(of: box, in: bytes) else { return }
        bytes.replaceSubrange((start + distance)..<(start + distance + values.count), with: values)
    }

    private static func offset(of type: String, in bytes: [UInt8]) -> Int? {
        bytes.firstRange(of: Array(type.utf8))?.lowerBound
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
