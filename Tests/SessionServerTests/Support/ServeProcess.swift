import Foundation
import TestSupport

/// `playbyplay serve` as its own process (the debug build beside the tests), its stdout and
/// stderr kept in a file: for kills, restarts and reading what it logs.
final class ServeProcess: @unchecked Sendable {
    static var binary: URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { folder.deleteLastPathComponent() }
        let url = folder.appendingPathComponent(".build/debug/playbyplay")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    let process = Process()
    let port: Int
    let logFile: URL

    /// Starts the server on `data` and waits for the line that says its port.
    init(_ binary: URL, data: URL, port wanted: Int = 0, arguments: [String] = [], environment: [String: String] = [:]) throws {
        logFile = data.deletingLastPathComponent().appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = binary
        process.arguments = ["serve", "--port", "\(wanted)", "--data-dir", data.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on http://") }) {
                found = Int(line.split(separator: ":").last ?? "")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            throw Tools.Failure(description: "serve printed no port: \(String(describing: try? String(contentsOf: logFile, encoding: .utf8)))")
        }
        port = found
    }

    /// Starts it without holding a thread of the cooperative pool while it comes up.
    static func start(_ binary: URL, data: URL, port: Int = 0, arguments: [String] = [],
                      environment: [String: String] = [:]) async throws -> ServeProcess {
        try await offPool { try ServeProcess(binary, data: data, port: port, arguments: arguments, environment: environment) }
    }

    /// Everything it printed so far.
    var output: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops it without ending it (SIGSTOP), as a stalled machine or a partition would.
    func pause() { Foundation.kill(process.processIdentifier, SIGSTOP) }

    /// Lets a paused server go on (SIGCONT).
    func proceed() { Foundation.kill(process.processIdentifier, SIGCONT) }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
