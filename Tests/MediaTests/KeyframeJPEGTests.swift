import Foundation
import Testing
import TestSupport
@testable import Media

/// Keyframes as JPEGs for models that look at pictures: evenly spread, shrunk, decodable.
@Suite(.timeLimit(.minutes(10))) struct KeyframeJPEGTests {
    static let hd: Result<URL, any Error> = Result {
        try TestFiles.generate("keyframes-hd.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "20",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        ])
    }

    @Test func spreadsShrinksAndEncodes() throws {
        let source = try Self.hd.get()
        let info = try MediaProbe.probe(source)
        let pictures = try KeyframePictures.jpegs(source: MediaSource(source), info: info, from: 0, to: 20, count: 4, maxSide: 512)
        // Keyframes every 2 s: 10 of them, every 3rd taken.
        #expect(pictures.map(\.time) == [0, 6, 12, 18])
        let folder = TestFiles.scratch("jpegs")
        for (i, picture) in pictures.enumerated() {
            #expect(picture.data.starts(with: [0xFF, 0xD8]))
            let file = folder.appendingPathComponent("\(i).jpg")
            try Data(picture.data).write(to: file)
            let probed = try Tools.probe(file, ["-show_streams"])
            let stream = try #require((probed["streams"] as? [[String: Any]])?.first)
            // 1280x720 shrunk by 3 (the smallest whole factor under 512), rounded down to even.
            #expect(stream["width"] as? Int == 426 && stream["height"] as? Int == 240, "\(stream)")
            #expect(stream["codec_name"] as? String == "mjpeg")
        }
        let window = try KeyframePictures.jpegs(source: MediaSource(source), info: info, from: 5, to: 9, count: 8)
        #expect(window.map(\.time) == [6, 8])
    }
}
