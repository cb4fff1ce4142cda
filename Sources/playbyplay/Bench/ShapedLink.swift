import Foundation
import LoopbackWebSocket

/// A loopback TCP proxy standing for a viewer's network in front of the server: the client's
/// bytes go up at `bytesPerSecond`, and every byte, either way, arrives half a round trip after
/// it left. What the link holds is bounded (a bandwidth-delay product and a small buffer), so
/// a client that sends faster is held back by TCP, as on a real uplink: what it queued cannot
/// be taken back when the server asks for another range.
final class ShapedLink: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let target: Int
    private let rate: Double
    private let oneWay: Double
    private let lock = NSLock()
    private var sockets: [Int32] = []
    private var closed = false

    init(target: Int, bytesPerSecond: Double, roundTrip: Double) throws {
        self.target = target
        rate = bytesPerSecond
        oneWay = roundTrip / 2
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = LoopbackSocket.address(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listening, 16) == 0 else {
            Foundation.close(listening)
            throw ExternalTool.Failure(description: "the shaped link cannot listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
        }
        listener = listening
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { self.acceptLoop() }.start()
    }

    /// Stops accepting and cuts every connection through the link.
    func close() {
        let open = lock.withLock { () -> [Int32] in
            closed = true
            return sockets
        }
        shutdown(listener, Int32(SHUT_RDWR))
        Foundation.close(listener)
        for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            guard let server = try? LoopbackSocket.connect(port: target, receiveTimeout: 0) else {
                Foundation.close(client)
                continue
            }
            // A small receive buffer: the client's bytes wait on its side of the link.
            var buffer: Int32 = 64 * 1024
            setsockopt(client, SOL_SOCKET, SO_RCVBUF, &buffer, socklen_t(MemoryLayout<Int32>.size))
            let keep = lock.withLock { () -> Bool in
                if !closed { sockets += [client, server] }
                return !closed
            }
            guard keep else {
                Foundation.close(client)
                Foundation.close(server)
                return
            }
            let holds = Int(rate * oneWay * 2) + 64 * 1024
            DelayedPipe(from: client, to: server, rate: rate, delay: oneWay, holds: holds).start()
            DelayedPipe(from: server, to: client, rate: nil, delay: oneWay, holds: 1 << 20).start()
        }
    }
}

/// One direction of the link: a reader that takes bytes while the link holds fewer than
/// `holds`, each due when the bytes before it have gone out at `rate` and `delay` has passed,
/// and a writer that hands them on when due.
private final class DelayedPipe: @unchecked Sendable {
    private let from: Int32
    private let to: Int32
    private let rate: Double?
    private let delay: Double
    private let holds: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [(bytes: [UInt8], due: Double)] = []
    private var held = 0
    private var ended = false
    private var departed = 0.0

    init(from: Int32, to: Int32, rate: Double?, delay: Double, holds: Int) {
        (self.from, self.to, self.rate, self.delay, self.holds) = (from, to, rate, delay, holds)
    }

    func start() {
        Thread { self.read() }.start()
        Thread { self.write() }.start()
    }

    private static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    private func read() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            condition.withLock { while held >= holds && !ended { condition.wait() } }
            let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
            condition.withLock {
                if count <= 0 {
                    ended = true
                } else {
                    let now = Self.now()
                    let leaves = rate.map { max(now, departed) + Double(count) / $0 } ?? now
                    departed = leaves
                    queue.append((Array(buffer.prefix(count)), leaves + delay))
                    held += count
                }
                condition.broadcast()
            }
            if count <= 0 { return }
        }
    }

    private func write() {
        while true {
            let next = condition.withLock { () -> (bytes: [UInt8], due: Double)? in
                while queue.isEmpty && !ended { condition.wait() }
                return queue.isEmpty ? nil : queue.removeFirst()
            }
            guard let next else {
                shutdown(to, Int32(SHUT_WR))
                return
            }
            let wait = next.due - Self.now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
            var sent = 0
            while sent < next.bytes.count {
                let count = next.bytes[sent...].withUnsafeBytes { send(to, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if count <= 0 {
                    condition.withLock { ended = true; condition.broadcast() }
                    shutdown(from, Int32(SHUT_RDWR))
                    return
                }
                sent += count
            }
            condition.withLock {
                held -= next.bytes.count
                condition.broadcast()
            }
        }
    }
}
