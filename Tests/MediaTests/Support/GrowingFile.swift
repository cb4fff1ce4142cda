import Foundation
import SessionModel
import TestSupport
@testable import Media

/// A file that is still arriving, as an upload is: `stored` of `source`'s bytes are in place
/// and recorded in `progress`, the rest missing. With `neverWait`, a read of a missing byte fails at once
/// and is recorded, so a test sees what a reader would have waited for.
struct GrowingFile {
    let url: URL
    let progress: UploadProgress
    let bytes: [UInt8]

    init(copying source: URL, stored ranges: [Range<Int64>], neverWait: Bool = true) throws {
        bytes = [UInt8](try Data(contentsOf: source))
        url = TestFiles.scratch("growing").appendingPathComponent("upload.bin")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        progress = UploadProgress(declaredSize: Int64(bytes.count), ranges: ByteRanges())
        progress.neverWait = neverWait
        for range in ranges { try store(range) }
    }

    /// The first `fraction` of the file.
    init(copying source: URL, fraction: Double, neverWait: Bool = true) throws {
        let size = Int64((try Data(contentsOf: source)).count)
        try self.init(copying: source, stored: [0..<Int64(Double(size) * fraction)], neverWait: neverWait)
    }

    var size: Int64 { Int64(bytes.count) }

    /// The file as its readers take it.
    var source: MediaSource { MediaSource(url, growing: progress) }

    func store(_ range: Range<Int64>) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(range.lowerBound))
        try handle.write(contentsOf: bytes[Int(range.lowerBound)..<Int(range.upperBound)])
        progress.store(range)
    }

    /// Stores the rest and ends the upload.
    func finish() throws {
        try store(0..<size)
        progress.finish()
    }
}
