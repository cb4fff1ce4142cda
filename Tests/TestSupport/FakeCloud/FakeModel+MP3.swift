import Foundation

extension FakeModel {
    /// The tone of `speech(_:rate:speed:)` as an MP3, made by ffmpeg's LAME now (tests never
    /// keep media files); written to a file, so it has the Info header that states the
    /// encoder delay and padding. Nil when ffmpeg fails.
    static func mp3Speech(_ text: String, rate: Int, kilobits: Int, speed: Double) -> [UInt8]? {
        let words = Double(text.split(separator: " ").count)
        let seconds = String(format: "%.6f", words * 0.3 / max(speed, 0.1))
        let folder = TestFiles.scratch("fake-elevenlabs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("speech.mp3")
        do {
            try Tools.ffmpeg(["-f", "lavfi", "-i", "aevalsrc=\(8_000.0 / 32_768)*sin(2*PI*220*t):s=\(rate):d=\(seconds)",
                              "-c:a", "libmp3lame", "-b:a", "\(kilobits)k", "-ac", "1", url.path])
            return [UInt8](try Data(contentsOf: url))
        } catch {
            return nil
        }
    }
}
