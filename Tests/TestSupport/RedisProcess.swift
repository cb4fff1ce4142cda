public import Foundation

/// A real redis-server (Debian's, installed by scripts/setup) on a loopback port of its own,
/// with no persistence, stopped when the test ends. `pause`/`resume` stop and continue it
/// (SIGSTOP/SIGCONT) to make an outage.
public final class RedisProcess: @unchecked Sendable {
    public let port: Int
    private let process: Process

    public init() throws {
        let folder = TestFiles.scratch("redis")
        var lastError = ""
        for _ in 0..<20 {
            // The kernel's pick of a free port: a random one could be a listening test server's,
            // which would answer the probe while this process fails to bind.
            let port = try LoopbackProbe.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
            process.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                 "--dir", folder.path, "--loglevel", "warning"]
            let log = folder.appendingPathComponent("redis-\(port).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            if Self.answers(port) {
                self.port = port
                self.process = process
                return
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        throw Tools.Failure(description: "redis-server did not start on a loopback port: \(lastError)")
    }

    deinit { stop() }

    public var url: String { "redis://127.0.0.1:\(port)" }

    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the child inherits the test process's blocked signals, SIGTERM among them
        // (nothing is persisted to lose).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func pause() { kill(process.processIdentifier, SIGSTOP) }
    public func resume() { kill(process.processIdentifier, SIGCONT) }

    private static func answers(_ port: Int) -> Bool { LoopbackProbe.answers(port, sending: "PING\r\n", expecting: "PONG") }
}
