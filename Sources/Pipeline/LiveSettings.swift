/// How a live session's chunks are paced (PROTOCOL.md "Live sessions"): each chunk goes out a
/// fixed time after its last frame arrived, with its commentary when that is ready, without it
/// otherwise, so the output never falls behind the source.
public struct LiveSettings: Sendable {
    /// From the moment a chunk's closing keyframe is read to the moment it goes out without
    /// commentary, when its commentary is not ready (`serve --live-deadline`).
    public var deadline: Duration = .milliseconds(1500)
    /// Seconds of chunks the live playlist lists (`serve --live-window`).
    public var window: Double = 60
    /// Seconds past an interval its detection may hear: none, as a live chunk closes when its
    /// last frame arrives and waiting for more would make it late.
    public var lookAhead: Double = 0
    /// Waits until a chunk's deadline (the chunk's interval, the instant): a sleep. Tests give
    /// their own to decide which chunks are late, as a loaded machine makes any deadline a race.
    public var waitForDeadline: @Sendable (_ interval: Int, _ until: ContinuousClock.Instant) async throws -> Void = { _, until in
        try await Task.sleep(until: until)
    }

    public init() {}

    /// How far behind the live edge a player plays without stalls: the next chunk comes about
    /// one interval after the last, plus a margin.
    public func playerDelay(interval: Double) -> Double { interval + 1 }
}
