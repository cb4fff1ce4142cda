import Foundation
import LoopbackWebSocket

/// One client session against a running server, as a browser would run it: hello, the upload
/// at full speed within the window, then events until `complete`. Times are seconds from the
/// connection.
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
    /// Upload pace in bytes per second (nil: as fast as the socket takes it).
    private let pace: Double?
    private let acknowledged = NSCondition()
    private var acked = 0
    private var closed = false

    init(port: Int, bytes: [UInt8], interval: Double, pace: Double? = nil) {
        self.port = port
        self.bytes = bytes
        self.interval = interval
        self.pace = pace
    }

    func run() -> Timing {
        let started = Date()
        var timing = Timing()
        do {
            let client = try WebSocketClient(port: port, receiveTimeout: 600)
            client.mask = [0, 0, 0, 0]  // the load generator shares the CPU with the server: keep it cheap
            let hello: [String: Any] = ["type": "hello", "mode": "start", "upload": ["name": "bench.mp4", "size": bytes.count],
                                        "options": ["interval_s": interval]]
            try client.send(text: String(decoding: try JSONSerialization.data(withJSONObject: hello), as: UTF8.self))
            let welcome = try client.receiveJSON()
            guard welcome["type"] as? String == "welcome", let upload = welcome["upload"] as? [String: Any],
                  let chunkMax = upload["chunk_max"] as? Int, let window = upload["window"] as? Int else {
                return Timing(failure: "no welcome: \(welcome)")
            }
            let uploader = Thread { self.upload(client, chunkMax: chunkMax, window: window) }
            uploader.start()
            defer { stopUploading() }
            while timing.complete == nil && timing.failure == nil {
                let message = try client.receiveJSON()
                let at = Date().timeIntervalSince(started)
                switch message["type"] as? String {
                case "upload_ack":
                    let offset = message["offset"] as? Int ?? 0
                    acknowledged.withLock { acked = offset; acknowledged.broadcast() }
                    if offset == bytes.count {
                        timing.uploadEnd = at
                        timing.uploadMiBPerSecond = Double(bytes.count) / 1_048_576 / at
                    }
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

    /// Sends the file in order, keeping at most `window` bytes beyond the last acknowledged.
    private func upload(_ client: WebSocketClient, chunkMax: Int, window: Int) {
        var offset = 0
        let started = Date()
        while offset < bytes.count {
            if let pace {
                let due = Double(offset) / pace - Date().timeIntervalSince(started)
                if due > 0 { usleep(UInt32(due * 1e6)) }
            }
            let mayGo = acknowledged.withLock { () -> Bool in
                while !closed && offset - acked >= window { acknowledged.wait() }
                return !closed
            }
            guard mayGo else { return }
            let end = min(bytes.count, offset + chunkMax)
            guard (try? client.sendUpload(offset: offset, bytes[offset..<end])) != nil else { return }
            offset = end
        }
    }

    private func stopUploading() {
        acknowledged.withLock { closed = true; acknowledged.broadcast() }
    }
}
