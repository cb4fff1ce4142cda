/// A connection the transport assigned.
typealias ConnectionID = UInt64

/// What the lws loop tells the layer above. Every call runs on the loop thread and must
/// return at once: hand work to actors, never wait for it.
protocol TransportDelegate: AnyObject, Sendable {
    /// A WebSocket upgrade with these headers: false refuses it with 403.
    func allowsUpgrade(origin: String?, host: String?) -> Bool
    func opened(_ connection: ConnectionID, peer: String, query: [String: String])
    /// A whole message (fragments joined).
    func received(_ connection: ConnectionID, message: [UInt8], binary: Bool)
    func closed(_ connection: ConnectionID)
    /// Answers an HTTP request (files are streamed by the transport).
    func respond(to request: HTTPRequest) -> HTTPResponse
}
