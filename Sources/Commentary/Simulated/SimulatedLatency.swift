/// How long a cloud call takes: a typical latency with uniform jitter (±20% by default),
/// scaled (benchmarks' quick runs use a fraction of the real latencies).
public struct SimulatedLatency: Sendable {
    public var typical: Duration
    public var jitter: Double

    public init(typical: Duration, jitter: Double = 0.2) {
        self.typical = typical
        self.jitter = jitter
    }

    /// One call's latency.
    public func sample(scale: Double) -> Duration {
        typical * (scale * Double.random(in: (1 - jitter)...(1 + jitter)))
    }

    /// What the replaced tool measured per call (DESIGN.md; issue 7).
    public static let detection = SimulatedLatency(typical: .seconds(8))
    public static let writing = SimulatedLatency(typical: .seconds(3))
    public static let speech = SimulatedLatency(typical: .seconds(3))
}

/// The cloud's behaviour around a local provider: a limit of calls in flight and a latency
/// per call. The local work runs during the latency (the remote service would be working),
/// so a call takes the longer of the two.
struct SimulatedCall: Sendable {
    let latency: SimulatedLatency
    let scale: Double
    let limiter: ConcurrencyLimiter

    func perform<T: Sendable>(_ work: @escaping @Sendable () async throws(ProviderError) -> T) async throws(ProviderError) -> T {
        guard await limiter.acquire() else { throw ProviderError(.transient, "cancelled") }
        defer { limiter.release() }
        guard !Task.isCancelled else { throw ProviderError(.transient, "cancelled") }
        async let waited: Void? = try? await Task.sleep(for: latency.sample(scale: scale))
        let result: Result<T, ProviderError>
        do throws(ProviderError) {
            result = .success(try await work())
        } catch {
            result = .failure(error)
        }
        _ = await waited
        return try result.get()
    }
}
