/// One cloud service's work in a session, reported in `complete.stats.usage` by service name.
public struct ProviderUsage: Sendable, Codable, Equatable {
    /// Requests sent, retries among them included.
    public var calls = 0
    public var retries = 0
    public var bytesSent = 0
    public var bytesReceived = 0
    /// Characters of text sent to be spoken.
    public var charactersVoiced = 0
    /// Calls answered by the local provider instead, the service being unavailable.
    public var fallbacks = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case calls, retries, bytesSent = "bytes_sent", bytesReceived = "bytes_received",
             charactersVoiced = "characters_voiced", fallbacks
    }
}
