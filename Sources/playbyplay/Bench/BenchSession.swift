import Foundation
import LoopbackWebSocket

/// One client session against a running server, as a browser would run it: hello, the upload
/// within the window (where the server asks, when seekable), then events until `complete`.
/// Times are seconds from the connection.
final class BenchSession: @unchecked Sendable {
    struct Timing {
        var firstChunk: Double?
        var lastChunk: Double?
        var complete: Double?
        var uploadMiBPerSecond: Double?
        var uploadEnd: Double?
        var chunks = 0
        var failure: String?
    }

    private let port: Int
    private let bytes: [UInt8]
    private let interval: Double
    /// Upload pace in bytes per second (nil: as fast as the socket, or the link, takes it).
    private let pace: Double?
    /// Declares `upload.seekable` and follows `upload_want`, as the page does.
    private let seekable: Bool
    private let options: [String: Any]

    init(port: Int, bytes: [UInt8], interval: Double, pace: Double? = nil, seekable: Bool = false, options: [String: Any] = [:]) {
        self.port = port
        self.bytes = bytes
        self.interval = interval
        self.pace = pace
        self.seekable = seekable
        self.options = options
    }

    func run() -> Timing {
        let started = Date()
        var timing = Timing()
        do {
            let client = try WebSocketClient(port: port, receiveTimeout: 600)
            client.mask = [0, 0, 0, 0]  // the load generator shares the CPU with the server: keep it cheap
            var upload: [String: Any] = ["name": "bench.mp4", "size": bytes.count]
            if seekable { upload["seekable"] = true }
            let hello: [String: Any] = ["type": "hello", "mode": "start", "upload": upload,
                                        "options": options.merging(["interval_s": interval]) { a, _ in a }]
            try client.send(text: String(decoding: try JSONSerialization.data(withJSONObject: hello), as: UTF8.self))
            let welcome = try client.receiveJSON()
            guard welcome["type"] as? String == "welcome", let upload = welcome["upload"] as? [String: Any],
                  let chunkMax = upload["chunk_max"] as? Int, let window = upload["window"] as? Int else {
                return Timing(failure: "no welcome: \(welcome)")
            }
            let uploader = BenchUploader(bytes: bytes, chunkMax: chunkMax, window: window, seekable: seekable, pace: pace, welcome: upload)
            Thread { uploader.run(client) }.start()
            defer { uploader.stop() }
            while timing.complete == nil && timing.failure == nil {
                let message = try client.receiveJSON()
                let at = Date().timeIntervalSince(started)
                switch message["type"] as? String {
                case "upload_ack":
                    uploader.ack(offset: message["offset"] as? Int ?? 0, ranges: message["ranges"] as? [[Int]])
                    if timing.uploadEnd == nil, uploader.isComplete {
                        timing.uploadEnd = at
                        timing.uploadMiBPerSecond = Double(bytes.count) / 1_048_576 / at
                    }
                case "upload_want":
                    uploader.want(message["offset"] as? Int ?? 0)
                case "upload_nack":
                    uploader.nack(message["expected"] as? Int ?? 0)
                case "chunk_ready":
                    timing.chunks += 1
                    timing.firstChunk = timing.firstChunk ?? at
                    timing.lastChunk = at
                case "complete":
                    timing.complete = at
                case "cancelled":
                    timing.failure = "cancelled"
                case "error" where message["fatal"] as? Bool == true:
                    timing.failure = "\(message["code"] ?? "error"): \(message["message"] ?? "")"
                default:
                    break
                }
            }
        } catch {
            timing.failure = "\(error)"
        }
        return timing
    }
}
