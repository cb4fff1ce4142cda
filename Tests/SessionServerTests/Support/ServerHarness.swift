import Commentary
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

    /// A second, different clip (another picture and tone, 12 s).
    static let otherClip: Result<URL, any Error> = Result {
        try TestFiles.generate("server12-bars.mp4", [
            "-f", "lavfi", "-i", "smptebars=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=700:sample_rate=44100",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
            "-movflags", "+faststart",
        ])
    }

    static func configuration(_ folder: URL = TestFiles.scratch("server")) -> ServerConfiguration {
        var configuration = ServerConfiguration(dataDirectory: folder)
        configuration.port = 0
        configuration.chunkMax = 65_536
        // Uniform intervals, as the tests written before the short first interval expect.
        configuration.firstIntervalSeconds = nil
        return configuration
    }

    /// The local providers with espeak-ng's voices only: the protocol tests are about sessions,
    /// not voices, and espeak-ng speaks in milliseconds where the neural voice takes a good part
    /// of a second a line on a busy machine (`PiperSynthesizerTests` covers that voice).
    static let espeakProviders = CommentaryProviders.local(assets: NeuralAssets(packages: nil, userVoices: nil))

    static func with<T>(_ configuration: ServerConfiguration = configuration(), providers: CommentaryProviders = espeakProviders,
                        _ body: (SessionServer) async throws -> T) async throws -> T {
        let server = try await SessionServer(configuration: configuration, providers: providers)
        server.start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// One client's view of a session: what it uploaded and every numbered event it received.
/// Used by one task at a time.
final class SessionClient: @unchecked Sendable {
    var port: Int
    let file: [UInt8]
    var session = ""
    var token = ""
    var events: [[String: Any]] = []
    var acked = 0
    /// The offsets of every `upload_want` read.
    var wants: [Int] = []
    /// Where the next upload frame starts on this socket.
    var sent = 0
    var lastSeq: Int { events.last?["seq"] as? Int ?? 0 }
    var socket: WebSocketClient?
    var closeCode: UInt16?
    /// The server's access token, sent in every hello when set.
    var accessToken: String?
    /// The `upload.name` a start declares (user text the server must never put in a path).
    var uploadName = "m.mp4"
    /// Where `start` opens its socket (a cluster test adds `?placement=any`).
    var startPath = "/v1/session"
    private var tokenField: String { accessToken.map { #""token":"\#($0)","# } ?? "" }

    init(port: Int, file: URL) throws {
        self.port = port
        self.file = [UInt8](try Data(contentsOf: file))
    }

    /// `seekable`: the client says it can send any range (then `upload_want` may come);
    /// `sizeKnown: false` declares `size: null` (ended with `upload_end`).
    func start(options: String = #"{"interval_s":10}"#, sha256: String? = nil, seekable: Bool = false, sizeKnown: Bool = true) async throws {
        try await offPool { [self] in
            let socket = try WebSocketClient(port: port, path: startPath)
            self.socket = socket
            let sha = sha256.map { #","sha256":"\#($0)""# } ?? ""
            let seek = seekable ? #","seekable":true"# : ""
            let size = sizeKnown ? "\(file.count)" : "null"
            try socket.send(text: #"{"type":"hello",\#(tokenField)"mode":"start","upload":{"name":"\#(uploadName)","size":\#(size)\#(sha)\#(seek)},"options":\#(options)}"#)
            try welcome()
        }
    }

    /// Sends the bytes of `range` in frames of `chunk`, in order.
    func send(_ range: Range<Int>, chunk: Int = 65_536) async throws {
        try await offPool { [self] in
            var offset = range.lowerBound
            while offset < range.upperBound {
                let next = min(range.upperBound, offset + chunk)
                try socket!.sendUpload(offset: offset, file[offset..<next])
                offset = next
            }
            sent = offset
        }
    }

    func resume() async throws {
        try await offPool { [self] in
            let socket = try WebSocketClient(port: port, path: "/v1/session?session=\(session)")
            self.socket = socket
            try socket.send(text: #"{"type":"hello",\#(tokenField)"mode":"resume","session":"\#(session)","resume_token":"\#(token)","last_seq":\#(lastSeq)}"#)
            try welcome()
        }
    }

    private(set) var lastWelcome: [String: Any] = [:]

    private func welcome() throws {
        let welcome = try socket!.receiveJSON()
        lastWelcome = welcome
        session = welcome["session"] as? String ?? ""
        token = welcome["resume_token"] as? String ?? ""
        acked = ((welcome["upload"] as? [String: Any])?["offset"] as? Int) ?? 0
        sent = acked
    }

    /// Sends the upload from what the server has, up to `limit` bytes in all.
    func upload(upTo limit: Int? = nil, chunk: Int = 65_536) async throws {
        try await offPool { [self] in try uploadBlocking(upTo: limit, chunk: chunk) }
    }

    /// Sends a text message.
    func send(_ text: String) async throws {
        try await offPool { [self] in try socket!.send(text: text) }
    }

    private func uploadBlocking(upTo limit: Int?, chunk: Int) throws {
        var offset = max(acked, sent)
        defer { sent = offset }
        let end = min(limit ?? file.count, file.count)
        while offset < end {
            let next = min(end, offset + chunk)
            try socket!.sendUpload(offset: offset, file[offset..<next])
            offset = next
        }
    }

    /// Reads messages until the socket closes or `stop` says so; keeps the numbered events.
    /// The blocking reads run on a dispatch thread, never on the cooperative pool the server
    /// in this process needs.
    func read(until stop: @escaping @Sendable ([String: Any]) -> Bool = { _ in false }) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                self.readBlocking(until: stop)
                done.resume()
            }.start()
        }
    }

    private func readBlocking(until stop: ([String: Any]) -> Bool) {
        // Server pings keep a socket alive forever: give up after a while, so a session that
        // never ends fails its test instead of hanging the run.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, let frame = try? socket!.receive() {
            switch frame {
            case .text(let text):
                guard let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                if message["seq"] != nil { events.append(message) }
                if message["type"] as? String == "upload_ack" { acked = message["offset"] as? Int ?? acked }
                if message["type"] as? String == "upload_want" { wants.append(message["offset"] as? Int ?? -1) }
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

    /// The bytes the server stored for this session's upload.
    func storedUpload(in dataDirectory: URL) throws -> [UInt8] {
        let url = dataDirectory.appendingPathComponent("sessions").appendingPathComponent(session).appendingPathComponent("upload.bin")
        return [UInt8](try Data(contentsOf: url))
    }
}
