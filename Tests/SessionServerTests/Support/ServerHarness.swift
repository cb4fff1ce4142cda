import Foundation
import SessionModel
import TestSupport
@testable import SessionServer

/// A real server on a free loopback port with its own data folder.
struct ServerHarness {
    static let clip: Result<URL, any Error> = Result {
        try TestFiles.generate("server20.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
            "-movflags", "+faststart",
        ])
    }

    static func configuration(_ folder: URL = TestFiles.scratch("server")) -> ServerConfiguration {
        var configuration = ServerConfiguration(dataDirectory: folder)
        configuration.port = 0
        configuration.chunkMax = 65_536
        return configuration
    }

    static func with<T>(_ configuration: ServerConfiguration = configuration(), _ body: (SessionServer) async throws -> T) async throws -> T {
        let server = try await SessionServer(configuration: configuration)
        server.start()
        defer { server.stop() }
        return try await body(server)
    }
}

/// One client's view of a session: what it uploaded and every numbered event it received.
final class SessionClient {
    let port: Int
    let file: [UInt8]
    var session = ""
    var token = ""
    var events: [[String: Any]] = []
    var acked = 0
    var lastSeq: Int { events.last?["seq"] as? Int ?? 0 }
    var socket: WebSocketClient?
    var closeCode: UInt16?

    init(port: Int, file: URL) throws {
        self.port = port
        self.file = [UInt8](try Data(contentsOf: file))
    }

    @discardableResult
    func start(options: String = #"{"interval_s":10}"#, sha256: String? = nil) throws -> [String: Any] {
        let socket = try WebSocketClient(port: port)
        self.socket = socket
        let sha = sha256.map { #","sha256":"\#($0)""# } ?? ""
        try socket.send(text: #"{"type":"hello","mode":"start","upload":{"name":"m.mp4","size":\#(file.count)\#(sha)},"options":\#(options)}"#)
        return try welcome()
    }

    @discardableResult
    func resume() throws -> [String: Any] {
        let socket = try WebSocketClient(port: port, path: "/v1/session?session=\(session)")
        self.socket = socket
        try socket.send(text: #"{"type":"hello","mode":"resume","session":"\#(session)","resume_token":"\#(token)","last_seq":\#(lastSeq)}"#)
        return try welcome()
    }

    private func welcome() throws -> [String: Any] {
        let welcome = try socket!.receiveJSON()
        session = welcome["session"] as? String ?? ""
        token = welcome["resume_token"] as? String ?? ""
        acked = ((welcome["upload"] as? [String: Any])?["offset"] as? Int) ?? 0
        return welcome
    }

    /// Sends the upload from what the server has, up to `limit` bytes in all.
    func upload(upTo limit: Int? = nil, chunk: Int = 65_536) throws {
        var offset = acked
        let end = min(limit ?? file.count, file.count)
        while offset < end {
            let next = min(end, offset + chunk)
            try socket!.sendUpload(offset: offset, file[offset..<next])
            offset = next
        }
    }

    /// Reads messages until the socket closes or `stop` says so; keeps the numbered events.
    func read(until stop: ([String: Any]) -> Bool = { _ in false }) {
        while let frame = try? socket!.receive() {
            switch frame {
            case .text(let text):
                guard let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                if message["seq"] != nil { events.append(message) }
                if message["type"] as? String == "upload_ack" { acked = message["offset"] as? Int ?? acked }
                if stop(message) { return }
            case .close(let code, _):
                closeCode = code
                return
            case .binary:
                continue
            }
        }
    }

    var types: [String] { events.compactMap { $0["type"] as? String } }
}
