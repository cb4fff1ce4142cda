public import Foundation

/// Where tests put what they make, and the shared real clips when this machine has them.
public enum TestFiles {
    /// This test process's folder: removed when the process exits, and folders left by test
    /// processes that died (whose pid is gone) are removed when the next one starts.
    public static let folder: URL = {
        let parent = FileManager.default.temporaryDirectory
        removeFoldersOfDeadProcesses(in: parent)
        let url = parent.appendingPathComponent("\(prefix)\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFiles.folder) }
        return url
    }()

    private static let prefix = "playbyplay-tests-"

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

    private static func removeFoldersOfDeadProcesses(in parent: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// The checkout's folder.
    public static var repository: URL {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        return folder
    }

    /// A clip of ../shared/media (beside the checkout), or nil: tests that need one skip without it.
    public static func sharedClip(_ name: String) -> URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.deletingLastPathComponent().appendingPathComponent("shared/media/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
