import Foundation
import Media
import SessionModel

/// A recording that is still going on: a finished stream file copied into a growing file at its
/// own rate (its bytes spread evenly over its duration), as a live upload arrives.
struct LiveFeed {
    let url: URL
    let progress = UploadProgress(declaredSize: nil)
    private let bytes: [UInt8]
    private let duration: Double

    init(copying source: URL, duration: Double, into folder: URL) throws {
        bytes = [UInt8](try Data(contentsOf: source))
        self.duration = duration
        url = folder.appendingPathComponent("live.ts")
        FileManager.default.createFile(atPath: url.path, contents: nil)
    }

    /// Writes the stream in steps of `step` seconds, then ends it; `speed` 2 feeds it twice as fast.
    func run(step: Double = 0.1, speed: Double = 1) async throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let perStep = max(188, Int(Double(bytes.count) / duration * step))
        var written = 0
        while written < bytes.count {
            let end = min(bytes.count, written + perStep)
            try handle.write(contentsOf: bytes[written..<end])
            progress.store(Int64(written)..<Int64(end))
            written = end
            try await Task.sleep(for: .milliseconds(Int(step * 1000 / speed)))
        }
        progress.finish()
    }
}
