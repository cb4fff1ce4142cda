/// WebSocket close codes of PROTOCOL.md.
public enum CloseCode: UInt16, Sendable, Equatable {
    case terminal = 1000
    case goingAway = 1001
    case tooLarge = 1009
    case malformed = 4400
    case badToken = 4401
    case unknownSession = 4404
    case helloTimeout = 4408
    case superseded = 4409
    case uploadTooLarge = 4413
    case tooMany = 4429
    /// Cluster mode: the session's state cannot be reached now (Redis or the object store is
    /// down, or its owner did not hand it over); resume again later.
    case unavailable = 4503
}

/// A client message or frame that breaks the protocol: the socket closes with `code`,
/// `reason` saying what was wrong.
public struct ProtocolViolation: Error, Sendable, Equatable {
    public var code: CloseCode
    public var reason: String

    public init(_ code: CloseCode, _ reason: String) {
        self.code = code
        self.reason = reason
    }
}
