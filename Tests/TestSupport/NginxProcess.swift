public import Foundation

/// A real nginx (Debian's, installed by scripts/setup) on a loopback port of its own, in front
/// of playbyplay servers with the configuration `scripts/nginx-config` makes; stopped when
/// the test ends.
public final class NginxProcess: @unchecked Sendable {
    public let port: Int
    private let process: Process
    public let folder: URL

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") }

    /// `nodes`: each server's `--node` name and port.
    public init(nodes: [(name: String, port: Int)]) throws {
        folder = TestFiles.scratch("nginx")
        for sub in ["logs", "temp"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        port = try Self.freePort()
        let config = folder.appendingPathComponent("nginx.conf")
        let script = TestFiles.repository.appendingPathComponent("scripts/nginx-config")
        let made = try Tools.run(script.path, ["127.0.0.1:\(port)"] + nodes.map { "\($0.name)=127.0.0.1:\($0.port)" })
        try made.write(to: config)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-e", "stderr", "-p", folder.path, "-c", config.path, "-g", "daemon off;"]
        let log = folder.appendingPathComponent("nginx.out")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        guard LoopbackProbe.answers(port, sending: "GET /healthz HTTP/1.0\r\n\r\n", expecting: "HTTP/1.1") else {
            stop()
            throw Tools.Failure(description: "nginx did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }

    deinit { stop() }

    /// Its error log (upstream failures, retries).
    public var errors: String { (try? String(contentsOf: folder.appendingPathComponent("logs/error.log"), encoding: .utf8)) ?? "" }

    /// SIGTERM, which nginx's master passes on to its worker before it exits: a killed master
    /// would leave the worker holding the port (and the pipe Foundation waits on).
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// A loopback port nothing listens on now (the kernel's pick, released).
    public static func freePort() throws -> Int { try LoopbackProbe.freePort() }
}
