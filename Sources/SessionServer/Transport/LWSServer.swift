import Foundation
internal import CLWS

/// libwebsockets on one port and one event-loop thread: HTTP and WebSocket. Other threads
/// talk to connections only through `send`, `close` and `pauseReading`, which queue in the
/// outbox and wake the loop with `lws_cancel_service`; lws itself is only ever called on the
/// loop thread.
final class LWSServer: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    static let maxTextMessage = 65_536
    let maxBinaryMessage: Int

    private weak var delegate: (any TransportDelegate)?
    private var context: OpaquePointer?
    private var thread: Thread?
    private let lock = NSLock()
    // Guarded by `lock`.
    private var outbox = Outbox()
    private var running = true
    // Loop thread only.
    private var sockets: [ConnectionID: OpaquePointer] = [:]
    private var nextID: ConnectionID = 1
    private var partial: [ConnectionID: [UInt8]] = [:]
    private var streams: [ConnectionID: HTTPStream] = [:]
    /// HTTP requests whose answer is being made off the loop (`HTTPResponse.later`): the
    /// connection and whether it asked HEAD; the answer, once made, waits in `answered`.
    private var awaiting: [ConnectionID: (wsi: OpaquePointer, head: Bool)] = [:]
    private var answered: [ConnectionID: HTTPResponse] = [:]
    private let stopped = DispatchSemaphore(value: 0)
    private(set) var port: Int = 0
    let stats = LoopStats()

    init(host: String, port: Int, maxBinaryMessage: Int, pingSeconds: Int = 20, delegate: any TransportDelegate) throws {
        self.delegate = delegate
        self.maxBinaryMessage = maxBinaryMessage
        let server = Unmanaged.passUnretained(self).toOpaque()
        context = host.withCString { iface in
            clws_create_context(Int32(port), iface, server, lwsHandler, Int32(pingSeconds))
        }
        guard let context else { throw StartError(description: "cannot listen on \(host):\(port)") }
        self.port = Int(clws_listening_port(context))
    }

    /// Runs the loop on its own thread; a second call does nothing.
    func start() {
        guard thread == nil else { return }
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                if lws_service(context, 0) < 0 { break }
            }
            lws_context_destroy(context)
            context = nil
            stopped.signal()
        }
        thread.name = "lws"
        thread.start()
        self.thread = thread
    }

    /// Stops the loop after the connections' queued closes went out, and waits for it.
    func stop() {
        lock.withLock { running = false }
        if let context { lws_cancel_service(context) }
        stopped.wait()
    }

    func send(_ connection: ConnectionID, _ bytes: [UInt8], binary: Bool = false) {
        enqueue(.message(bytes, binary: binary), to: connection)
    }

    func close(_ connection: ConnectionID, code: UInt16, reason: String) {
        enqueue(.close(code: code, reason: reason), to: connection)
    }

    func pauseReading(_ connection: ConnectionID, _ paused: Bool) {
        enqueue(.readPaused(paused), to: connection)
    }

    private func enqueue(_ item: OutboxItem, to connection: ConnectionID) {
        let context = lock.withLock { () -> OpaquePointer? in
            outbox.push(item, to: connection)
            return self.context
        }
        stats.askedToWake()
        if let context { lws_cancel_service(context) }
    }

    // MARK: the loop thread

    fileprivate func handle(_ wsi: OpaquePointer, _ event: clws_event, _ slot: UnsafeMutablePointer<UInt64>?,
                            _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        let (started, cpu) = (LoopStats.now(), LoopStats.threadCPU())
        defer { stats.callback(from: started, cpuFrom: cpu) }
        switch event {
        case CLWS_EVENT_FILTER:
            switch delegate?.upgrade(upgradeRequest(wsi)) ?? .refuse(status: 503, reason: "Service Unavailable", body: "shutting down") {
            case .accept:
                return 0
            case .refuse(let status, let reason, let body):
                _ = clws_refuse_upgrade(wsi, status, reason, body + "\n")
                return -1
            }
        case CLWS_EVENT_OPEN:
            let id = newID(slot)
            sockets[id] = wsi
            delegate?.opened(id, request: upgradeRequest(wsi))
            return 0
        case CLWS_EVENT_RECEIVE:
            guard let id = slot?.pointee, id != 0 else { return -1 }
            return receive(id, wsi, input, length)
        case CLWS_EVENT_WRITABLE:
            guard let id = slot?.pointee, id != 0 else { return 0 }
            return writeNext(id, wsi)
        case CLWS_EVENT_CLOSED:
            guard let id = slot?.pointee, id != 0 else { return 0 }
            forget(id)
            delegate?.closed(id)
            return 0
        case CLWS_EVENT_WAKE:
            stats.woke()
            drainWakeups()
            return 0
        case CLWS_EVENT_HTTP:
            let path = input.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? "/"
            return serveHTTP(wsi, slot, path: path)
        case CLWS_EVENT_HTTP_WRITABLE:
            guard let id = slot?.pointee else { return -1 }
            if streams[id] == nil, let waiting = awaiting[id] {
                guard let response = lock.withLock({ answered.removeValue(forKey: id) }) else { return 0 }
                awaiting[id] = nil
                return answer(wsi, id, response, head: waiting.head)
            }
            guard let stream = streams[id] else { return -1 }
            return stream.writeNext(wsi) { streams[id] = nil }
        case CLWS_EVENT_HTTP_CLOSED:
            if let id = slot?.pointee {
                streams[id] = nil
                awaiting[id] = nil
                _ = lock.withLock { answered.removeValue(forKey: id) }
            }
            return 0
        default:
            return 0
        }
    }

    /// A new connection id, kept in the connection's lws slot.
    private func newID(_ slot: UnsafeMutablePointer<UInt64>?) -> ConnectionID {
        let id = nextID
        nextID += 1
        slot?.pointee = id
        return id
    }

    private func forget(_ id: ConnectionID) {
        sockets[id] = nil
        partial[id] = nil
        lock.withLock { outbox.drop(id) }
    }

    private func receive(_ id: ConnectionID, _ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        let binary = clws_fragment_is_binary(wsi) != 0
        // Taken out of `partial` (not copied from it), so appending grows the one buffer in
        // place: a copy per fragment made a 1 MiB frame cost hundreds of megabytes of copying.
        var message = clws_fragment_is_first(wsi) != 0 ? [] : (partial.removeValue(forKey: id) ?? [])
        if let input, length > 0 { message.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length)) }
        let limit = binary ? maxBinaryMessage : Self.maxTextMessage
        if message.count > limit {
            partial[id] = nil
            clws_set_close(wsi, 1009, "message over \(limit) bytes")
            return -1
        }
        guard clws_fragment_is_final(wsi) != 0 else {
            partial[id] = message
            return 0
        }
        partial[id] = nil
        delegate?.received(id, message: message, binary: binary)
        return 0
    }

    private func drainWakeups() {
        for id in lock.withLock({ Array(answered.keys) }) {
            if let waiting = awaiting[id] { lws_callback_on_writable(waiting.wsi) } else { _ = lock.withLock { answered.removeValue(forKey: id) } }
        }
        let pending = lock.withLock { outbox.connections }
        for id in pending {
            guard let wsi = sockets[id] else {
                lock.withLock { outbox.drop(id) }
                continue
            }
            // Flow control applies at once; messages and closes wait for a writable socket.
            lock.withLock {
                while case .readPaused? = outbox.items[id]?.first, case .readPaused(let paused)? = outbox.popFirst(id) {
                    lws_rx_flow_control(wsi, paused ? 0 : 1)
                }
            }
            if lock.withLock({ outbox.hasItems(id) }) { lws_callback_on_writable(wsi) }
        }
    }

    private func writeNext(_ id: ConnectionID, _ wsi: OpaquePointer) -> Int32 {
        guard let item = lock.withLock({ outbox.popFirst(id) }) else { return 0 }
        switch item {
        case .message(let bytes, let binary):
            let written = bytes.withUnsafeBufferPointer { clws_write_message(wsi, $0.baseAddress, bytes.count, binary ? 1 : 0) }
            if written < bytes.count { return -1 }
        case .close(let code, let reason):
            clws_set_close(wsi, Int32(code), reason)
            return -1
        case .readPaused(let paused):
            lws_rx_flow_control(wsi, paused ? 0 : 1)
        }
        if lock.withLock({ outbox.hasItems(id) }) { lws_callback_on_writable(wsi) }
        return 0
    }

    private func serveHTTP(_ wsi: OpaquePointer, _ slot: UnsafeMutablePointer<UInt64>?, path: String) -> Int32 {
        let head = clws_is_head(wsi) != 0
        let request = HTTPRequest(method: head ? "HEAD" : "GET", path: path, range: header(wsi, WSI_TOKEN_HTTP_RANGE))
        let response = delegate?.respond(to: request) ?? .text(503, "shutting down\n")
        let connection = slot.flatMap { $0.pointee != 0 ? $0.pointee : nil } ?? newID(slot)
        if let later = response.later {
            // Made off the loop; the headers go out when it is ready and the socket writable.
            awaiting[connection] = (wsi, head)
            DispatchQueue.global().async { [weak self] in self?.deliver(later(), to: connection) }
            return 0
        }
        return answer(wsi, connection, response, head: head)
    }

    private func deliver(_ response: HTTPResponse, to connection: ConnectionID) {
        let context = lock.withLock { () -> OpaquePointer? in
            answered[connection] = response
            return self.context
        }
        if let context { lws_cancel_service(context) }
    }

    private func answer(_ wsi: OpaquePointer, _ connection: ConnectionID, _ response: HTTPResponse, head: Bool) -> Int32 {
        var extra = response.headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        if head { extra += "content-length: \(response.contentLength)\r\n" }
        let failed = extra.withCString { clws_http_headers(wsi, response.status, response.contentType, head ? -1 : response.contentLength, $0) }
        if failed != 0 { return -1 }
        if head || response.contentLength == 0 {
            return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
        }
        streams[connection] = HTTPStream(body: response.body)
        lws_callback_on_writable(wsi)
        return 0
    }

    private func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        let length = clws_header(wsi, token, &buffer, Int32(buffer.count))
        return length < 0 ? nil : String(cString: buffer)
    }

    private func upgradeRequest(_ wsi: OpaquePointer) -> UpgradeRequest {
        var peer = [CChar](repeating: 0, count: 128)
        clws_peer(wsi, &peer, peer.count)
        return UpgradeRequest(origin: header(wsi, WSI_TOKEN_ORIGIN), host: header(wsi, WSI_TOKEN_HOST), query: query(wsi),
                              peer: String(cString: peer), forwardedFor: header(wsi, WSI_TOKEN_X_FORWARDED_FOR))
    }

    private func query(_ wsi: OpaquePointer) -> [String: String] {
        var arguments: [String: String] = [:]
        var buffer = [CChar](repeating: 0, count: 512)
        for index in 0..<16 {
            guard clws_query_argument(wsi, Int32(index), &buffer, Int32(buffer.count)) > 0 else { break }
            let pair = String(cString: buffer).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { arguments[pair[0]] = pair[1] }
        }
        return arguments
    }
}

/// The trampoline lws calls: back to the server the context was made for.
private func lwsHandler(_ server: UnsafeMutableRawPointer?, _ wsi: OpaquePointer?, _ event: clws_event,
                        _ slot: UnsafeMutablePointer<UInt64>?, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
    guard let server, let wsi else { return 0 }
    return Unmanaged<LWSServer>.fromOpaque(server).takeUnretainedValue().handle(wsi, event, slot, input, length)
}
