/// A connection the transport assigned.
typealias ConnectionID = UInt64

/// What the lws loop tells the layer above. Every call runs on the loop thread and must
/// return at once: hand work to actors, never wait for it.
protocol TransportDelegate: AnyObject, Sendable {
    /// A WebSocket upgrade: accepted, or answered with an HTTP status instead.
    func upgrade(_ request: UpgradeRequest) -> UpgradeVerdict
    func opened(_ connection: ConnectionID, request: UpgradeRequest)
    /// A whole message (fragments joined).
    func received(_ connection: ConnectionID, message: [UInt8], binary: Bool)
    func closed(_ connection: ConnectionID)
    /// Answers an HTTP request (files are streamed by the transport).
    func respond(to request: HTTPRequest) -> HTTPResponse
}
