/// A provider's failure, saying whether trying again can help.
public struct ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A passing fault (timeout, rate limit, overload): a retry may succeed.
        case transient
        /// A fault a retry cannot fix (bad input, bad key, unsupported voice).
        case permanent
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var isRetryable: Bool { kind == .transient }
    public var description: String { message }
}
