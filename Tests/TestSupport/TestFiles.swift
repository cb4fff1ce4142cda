public import Foundation

/// Where tests put what they make, and the shared real clips when this machine has them.
public enum TestFiles {
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("playbyplay-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// A new empty folder for one test's output.
    public static func scratch(_ name: String) -> URL {
        let url = folder.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Makes `name` in the test folder with ffmpeg and these arguments (inputs and codecs).
    public static func generate(_ name: String, _ arguments: [String]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Tools.ffmpeg(arguments + [url.path])
        return url
    }

    /// A clip of ../shared/media (beside the checkout), or nil: tests that need one skip without it.
    public static func sharedClip(_ name: String) -> URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.deletingLastPathComponent().appendingPathComponent("shared/media/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
