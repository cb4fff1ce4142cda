import Synchronization

/// A flag one task raises and another reads: for tests that check what happened before what,
/// rather than how long it took.
public final class Flag: Sendable {
    private let raised = Mutex(false)

    public init() {}

    public func raise() { raised.withLock { $0 = true } }
    public var isRaised: Bool { raised.withLock { $0 } }
}
