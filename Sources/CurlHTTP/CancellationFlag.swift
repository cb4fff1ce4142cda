import Synchronization

/// Set by the cancelled task, read by the transfer's thread.
public final class CancellationFlag: Sendable {
    private let value = Atomic(false)
    public init() {}
    public func cancel() { value.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { value.load(ordering: .relaxed) }
}
