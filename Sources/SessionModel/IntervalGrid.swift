/// The nominal intervals of a session's timeline (PROTOCOL.md "Intervals and chunks"): the
/// first is `first` seconds long (a short first interval, so the first chunk comes early),
/// each next one twice as long as the one before, up to `interval`, and every later one
/// `interval` seconds: with 4 and 30, intervals of 4, 8, 16, 30, 30… s. The ramp lets each
/// chunk be ready before playback reaches it on an uplink a few times faster than the video's
/// bitrate. With `first == interval`, interval k is [k·interval, (k+1)·interval), as in v1.
public struct IntervalGrid: Sendable, Equatable, Codable {
    public var interval: Double
    public var first: Double
    /// Keyframe times within this of a boundary count as on it.
    public static let epsilon = 1e-6

    /// `first` is kept within (0, interval]; nil means `interval` (a uniform grid).
    public init(interval: Double, first: Double? = nil) {
        precondition(interval > 0, "interval must be positive")
        self.interval = interval
        self.first = min(interval, max(Self.epsilon * 10, first ?? interval))
    }

    public var isUniform: Bool { first >= interval }

    /// How many intervals are shorter than `interval` (the ramp).
    private var ramp: Int {
        var count = 0
        var length = first
        while length < interval - Self.epsilon {
            count += 1
            length *= 2
        }
        return count
    }

    /// Interval `k`'s nominal length.
    public func length(of k: Int) -> Double {
        k < ramp ? first * Double(1 << max(0, k)) : interval
    }

    /// Where interval `k` starts (k ≥ 0).
    public func start(of k: Int) -> Double {
        guard k > 0 else { return 0 }
        let steps = min(k, ramp)
        return first * Double((1 << steps) - 1) + Double(k - steps) * interval
    }

    /// The interval whose nominal window holds `time` (boundaries shifted by `epsilon`, as the
    /// planner places keyframes). Negative times are in interval 0.
    public func interval(at time: Double) -> Int {
        let t = time + Self.epsilon
        for k in 0..<ramp where t < start(of: k + 1) { return k }
        return ramp + max(0, Int(((t - start(of: ramp)) / interval).rounded(.down)))
    }

    /// How many intervals cover a timeline of `duration` seconds (at least one).
    public func count(duration: Double) -> Int {
        interval(at: duration - 2 * Self.epsilon) + 1
    }
}
