public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP/1.1 server for tests: POSIX sockets, an accept thread and a thread per
/// connection (one request each, then `Connection: close`), port 0 with the real port read
/// back. It records every request, applies the knobs' faults, and asks `route` for the rest.
public final class FakeHTTPServer: Sendable {
    public let port: Int
    public let knobs = FakeKnobs()
    private let listener: Int32
    private let route: @Sendable (RecordedRequest) -> FakeReply
    private let errorBody: @Sendable (Int, String) -> [UInt8]
    private let log = Mutex<[RecordedRequest]>([])
    private let load = Mutex((now: 0, peak: 0))
    private let broken = Mutex([ContinuousClock.Instant]())
    private let slowStarted = Mutex(0)

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var requests: [RecordedRequest] { log.withLock { $0 } }
    /// When each reply the client did not stay for was cut (seen by the server's own clock,
    /// whatever the load on the test's threads).
    public var brokenReplies: [ContinuousClock.Instant] { broken.withLock { $0 } }
    /// Slow replies whose sending has begun (the request was read whole).
    public var slowRepliesStarted: Int { slowStarted.withLock { $0 } }
    /// The most requests ever in progress at once.
    public var peakInFlight: Int { load.withLock { $0.peak } }

    /// `errorBody` makes an error reply in the service's documented shape.
    public init(errorBody: @escaping @Sendable (Int, String) -> [UInt8], route: @escaping @Sendable (RecordedRequest) -> FakeReply) throws {
        self.route = route
        self.errorBody = errorBody
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw FakeServerError("socket failed") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socket in
                bind(listener, socket, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, socket, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw FakeServerError("cannot listen on 127.0.0.1")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting; connections in progress finish on their own threads.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var stream = SocketStream(fd: connection)
        guard let request = stream.readRequest() else { return }
        log.withLock { $0.append(request) }
        load.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
        let fault = knobs.take()
        if let latency = knobs.latency { Thread.sleep(forTimeInterval: latency) }
        // A request counts as in progress until its reply starts: the client cannot have the
        // reply (and start another request) before this.
        load.withLock { $0.now -= 1 }
        switch fault {
        case .drop: return
        case .fail(let status): stream.write(FakeReply(status: status, body: errorBody(status, "injected failure")))
        case .rateLimit(let retryAfter):
            stream.write(FakeReply(status: 429, headers: [("Retry-After", String(retryAfter))], body: errorBody(429, "rate limited")))
        case .malformed: stream.write(FakeReply(status: 200, headers: [("Content-Type", "application/json")], body: Array("{\"candidates\": [".utf8)))
        case .slow(let seconds):
            slowStarted.withLock { $0 += 1 }
            if !stream.write(route(request), spreadOver: seconds) { broken.withLock { $0.append(.now) } }
        case nil: stream.write(route(request))
        }
    }
}

struct FakeServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
