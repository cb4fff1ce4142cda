/// Why a cluster service could not do what was asked. `unavailable`: the service cannot be
/// reached (the call may work once it is back); `fenced`: this server no longer owns the
/// session (its lease expired and another took it); `rejected`: the service refused the call.
public struct ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unavailable
        case fenced
        case rejected
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
