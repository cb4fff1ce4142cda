public import Foundation

/// moto's S3 server (installed into .deps/moto by scripts/install-services) on a loopback
/// port of its own, in memory, stopped when the test ends. `MotoProcess.python` is nil when
/// it is not installed: the tests that need it skip and say so.
public final class MotoProcess: @unchecked Sendable {
    public let port: Int
    private let process: Process

    public static var python: URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.appendingPathComponent(".deps/moto/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    public init() throws {
        guard let python = Self.python else { throw Tools.Failure(description: "moto is not installed (./scripts/install-services)") }
        let folder = TestFiles.scratch("moto")
        for _ in 0..<10 {
            // The kernel's pick of a free port: a random one could be a listening test server's,
            // which would answer the probe while this process fails to bind.
            let port = try LoopbackProbe.freePort()
            let process = Process()
            process.executableURL = python
            process.arguments = ["-m", "moto.server", "-H", "127.0.0.1", "-p", "\(port)"]
            let log = folder.appendingPathComponent("moto-\(port).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // moto takes a second or two to import; wait up to ~10 s.
            for _ in 0..<5 where process.isRunning {
                if LoopbackProbe.answers(port, sending: "GET /moto-api/ HTTP/1.0\r\n\r\n", expecting: "HTTP/") {
                    self.port = port
                    self.process = process
                    return
                }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw Tools.Failure(description: "moto_server did not start on a loopback port")
    }

    deinit { stop() }

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The environment a server needs to reach it (moto takes any credentials).
    public static let credentials = ["AWS_ACCESS_KEY_ID": "test-access-key", "AWS_SECRET_ACCESS_KEY": "test-secret-key"]

    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
