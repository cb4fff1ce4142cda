/// How the cloud providers treat a service: how many calls at once, how often and how long
/// to retry, how long one call may take.
public struct CloudPolicy: Sendable {
    /// Calls in flight at once, per service.
    public var maxInFlight = 5
    /// Tries of one call: the first and the retries.
    public var attempts = 4
    /// The first retry's wait; each further one doubles it, with jitter.
    public var baseDelay: Duration = .milliseconds(500)
    /// No wait is longer than this, whatever Retry-After asks.
    public var maxDelay: Duration = .seconds(30)
    public var connectTimeout: Duration = .seconds(10)
    /// Time for one whole exchange (a video upload or a long reply included).
    public var timeout: Duration = .seconds(180)
    /// Calls that fail after every retry before the role stays local for the session.
    public var failuresBeforeLocal = 2

    public init() {}

    /// The wait before retry number `retry` (1-based): Retry-After when the server gave one,
    /// otherwise base·2^(retry−1) with jitter between half and all of it.
    func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let full = baseDelay * (1 << min(retry - 1, 16))
        return min(full * Double.random(in: 0.5...1), maxDelay)
    }
}
