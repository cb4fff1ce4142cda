import Foundation
import LoopbackWebSocket
import SessionModel

/// The sending side of a bench session's upload, run as the page runs it: runs of frames from
/// where the server asks (welcome's `want`, then each `upload_want`), stopping where stored
/// bytes begin, within the window over bytes of the run not yet acknowledged; a seekable
/// client keeps one frame in flight until the first acknowledgement. Paced when a pace is
/// given (else the network, or a `ShapedLink`, paces it).
final class BenchUploader: @unchecked Sendable {
    private let bytes: [UInt8]
    private let chunkMax: Int
    private let window: Int
    private let seekable: Bool
    private let pace: Double?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var stored: ByteRanges
    private var cursor: Int
    private var runStart: Int
    private var closed = false

    init(bytes: [UInt8], chunkMax: Int, window: Int, seekable: Bool, pace: Double?, welcome upload: [String: Any]) {
        self.bytes = bytes
        self.chunkMax = chunkMax
        self.window = window
        self.seekable = seekable
        self.pace = pace
        let pairs = (upload["ranges"] as? [[Int]] ?? []).map { $0.map(Int64.init) }
        stored = ByteRanges(pairs: pairs) ?? ByteRanges()
        cursor = upload["want"] as? Int ?? upload["offset"] as? Int ?? 0
        runStart = cursor
    }

    var isComplete: Bool { condition.withLock { stored.covers(0..<Int64(bytes.count)) } }

    func ack(offset: Int, ranges: [[Int]]?) {
        condition.withLock {
            if let ranges, let more = ByteRanges(pairs: ranges.map { $0.map(Int64.init) }) {
                for range in more.ranges { stored.insert(range) }
            } else {
                stored.insert(0..<Int64(offset))
            }
            condition.broadcast()
        }
    }

    func want(_ offset: Int) { jump(to: offset) }

    /// A nack for the start of the run being sent was for a frame sent before it began.
    func nack(_ expected: Int) {
        if condition.withLock({ expected != runStart }) { jump(to: expected) }
    }

    func stop() { condition.withLock { closed = true; condition.broadcast() } }

    private func jump(to offset: Int) {
        condition.withLock {
            cursor = offset
            runStart = offset
            condition.broadcast()
        }
    }

    private var inFlight: Int {
        Int(stored.missing(in: Int64(runStart)..<Int64(max(runStart, cursor))).count)
    }

    /// Sends until the upload is complete or stopped (on its own thread).
    func run(_ client: WebSocketClient) {
        let started = Date()
        var sent = 0
        while true {
            let frame = condition.withLock { () -> Range<Int>? in
                while !closed {
                    if stored.covers(0..<Int64(bytes.count)) { return nil }
                    let blocked = stored.contains(Int64(cursor)) || cursor >= bytes.count || inFlight >= window
                        || (seekable && stored.isEmpty && inFlight > 0)
                    if !blocked { break }
                    condition.wait()
                }
                if closed { return nil }
                let stop = min(bytes.count, Int(stored.nextStart(after: Int64(cursor)) ?? Int64(bytes.count)),
                               cursor + chunkMax, cursor + window - inFlight)
                let range = cursor..<stop
                cursor = stop
                return range
            }
            guard let frame else { return }
            if let pace {
                let due = Double(sent) / pace - Date().timeIntervalSince(started)
                if due > 0 { usleep(UInt32(due * 1e6)) }
            }
            guard (try? client.sendUpload(offset: frame.lowerBound, bytes[frame])) != nil else { return }
            sent += frame.count
        }
    }
}
