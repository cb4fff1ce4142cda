import Foundation
import TestSupport

/// `node client-js/harness.mjs` as its own process, running one script; what it prints (a
/// JSON line per server message and harness note) is kept in a file.
final class HarnessProcess: @unchecked Sendable {
    static var node: URL? {
        ["/usr/bin/node", "/usr/local/bin/node"].map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private let process = Process()
    private let output: URL
    private let errors: URL

    init(url: String, file: URL, script: String, arguments: [String] = [], folder: URL) throws {
        guard let node = Self.node else { throw Tools.Failure(description: "no node") }
        let scriptFile = folder.appendingPathComponent("script.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        output = folder.appendingPathComponent("harness.out")
        errors = folder.appendingPathComponent("harness.err")
        for log in [output, errors] { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        process.executableURL = node
        process.arguments = ["--experimental-websocket", TestFiles.repository.appendingPathComponent("client-js/harness.mjs").path,
                             "--url", url, "--file", file.path, "--script", scriptFile.path] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Waits for it to exit; its exit status.
    func wait() async throws -> Int32 {
        try await offPool { [process] in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Every line it printed, parsed.
    var lines: [[String: Any]] {
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }
}
