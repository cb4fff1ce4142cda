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
            let port = Int.random(in: 20_000...45_000)
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

    /// Whether a PING on `port` gets PONG within about two seconds (a plain socket: no tool to wait for).
    private static func answers(_ port: Int) -> Bool {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected == 0, send(fd, "PING\r\n", 6, 0) == 6 {
                var buffer = [UInt8](repeating: 0, count: 16)
                let got = recv(fd, &buffer, buffer.count, 0)
                if got > 0, String(decoding: buffer[..<got], as: UTF8.self).contains("PONG") { return true }
            }
            usleep(20_000)
        }
        return false
    }
}
