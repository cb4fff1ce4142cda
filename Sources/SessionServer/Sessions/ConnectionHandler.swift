import Foundation
import SessionModel

/// One socket's messages, in order: a `hello` first (within the timeout), then everything
/// goes to the session it opened or resumed.
final class ConnectionHandler: @unchecked Sendable {
    enum Inbound: Sendable {
        case text([UInt8])
        case binary([UInt8])
    }

    let id: ConnectionID
    /// The upload rate cap of the client's address, shared by its sockets.
    private let budget: UploadBudget?
    private let continuation: AsyncStream<Inbound>.Continuation
    private let stream: AsyncStream<Inbound>
    private let lock = NSLock()
    private var pendingBytes = 0
    private var paused = false

    init(id: ConnectionID, budget: UploadBudget?) {
        self.id = id
        self.budget = budget
        (stream, continuation) = AsyncStream.makeStream(of: Inbound.self)
    }

    /// From the loop thread. Returns true when reading should pause (the session is a
    /// window behind).
    func deliver(_ message: [UInt8], binary: Bool, window: Int) -> Bool {
        continuation.yield(binary ? .binary(message) : .text(message))
        return lock.withLock {
            pendingBytes += message.count
            if pendingBytes > window && !paused { paused = true; return true }
            return false
        }
    }

    func finish() { continuation.finish() }

    /// The handling loop: runs until the socket closes.
    func run(server: SessionServer) async {
        let timeout = Task { [id] in
            try? await Task.sleep(for: server.configuration.helloTimeout)
            guard !Task.isCancelled else { return }
            server.transport?.close(id, code: CloseCode.helloTimeout.rawValue, reason: "no hello in time")
        }
        var session: SessionSupervisor?
        for await item in stream {
            let size: Int
            switch item {
            case .binary(let frame):
                size = frame.count
                if let wait = budget?.spend(frame.count), wait > .zero { try? await Task.sleep(for: wait) }
                if let session {
                    await session.receive(frame, from: id)
                } else {
                    server.transport?.close(id, code: CloseCode.malformed.rawValue, reason: "binary frame before hello")
                }
            case .text(let text):
                size = text.count
                switch ClientMessage.parse(text, rules: server.helloRules) {
                case .failure(let violation):
                    server.transport?.close(id, code: violation.code.rawValue, reason: violation.reason)
                case .success(let message):
                    if let session {
                        await session.handle(message, from: id)
                    } else if case .hello(let hello) = message {
                        timeout.cancel()
                        session = await server.open(hello, on: id)
                    } else {
                        server.transport?.close(id, code: CloseCode.malformed.rawValue, reason: "expected hello first")
                    }
                }
            }
            released(size, server: server)
        }
        timeout.cancel()
        await session?.detach(id)
    }

    private func released(_ size: Int, server: SessionServer) {
        let resume = lock.withLock { () -> Bool in
            pendingBytes -= size
            if paused && pendingBytes < server.configuration.chunkMax * 4 { paused = false; return true }
            return false
        }
        if resume { server.transport?.pauseReading(id, false) }
    }
}
