/// A WebSocket upgrade as the transport saw it: what the server decides on before any frame.
struct UpgradeRequest: Sendable {
    var origin: String?
    var host: String?
    /// The URL's query arguments (`session`, `placement`).
    var query: [String: String]
    /// The socket's peer address.
    var peer: String
    /// The X-Forwarded-For header, which only a trusted proxy's word counts for.
    var forwardedFor: String?
}

/// The server's answer to an upgrade.
enum UpgradeVerdict: Sendable, Equatable {
    case accept
    /// An HTTP status instead of the upgrade, with a one-line body.
    case refuse(status: UInt32, reason: String, body: String)
}
