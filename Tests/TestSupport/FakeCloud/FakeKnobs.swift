import Foundation
import Synchronization

/// The faults a fake server injects, each for the next N requests, in the order set.
public final class FakeKnobs: Sendable {
    enum Fault: Sendable {
        case fail(Int)
        case rateLimit(retryAfter: Int)
        case malformed
        case drop
        case slow(seconds: Double)
    }

    private let state = Mutex((faults: [Fault](), latency: Double?.none))

    /// The next `count` requests get `status` (a 5xx by default) with an error body.
    public func failNext(_ count: Int, status: Int = 500) { add(count, .fail(status)) }
    /// The next `count` requests get 429 with `Retry-After: seconds`.
    public func rateLimitNext(_ count: Int, retryAfter seconds: Int) { add(count, .rateLimit(retryAfter: seconds)) }
    /// The next `count` requests get 200 with a body that is not JSON.
    public func malformedNext(_ count: Int) { add(count, .malformed) }
    /// The next `count` connections are closed without a reply.
    public func dropNext(_ count: Int) { add(count, .drop) }
    /// The next `count` replies trickle their body over `seconds`.
    public func slowNext(_ count: Int, seconds: Double) { add(count, .slow(seconds: seconds)) }

    /// Seconds every request waits before its reply.
    public var latency: Double? {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = newValue } }
    }

    func take() -> Fault? {
        state.withLock { $0.faults.isEmpty ? nil : $0.faults.removeFirst() }
    }

    private func add(_ count: Int, _ fault: Fault) {
        state.withLock { $0.faults += Array(repeating: fault, count: count) }
    }
}
