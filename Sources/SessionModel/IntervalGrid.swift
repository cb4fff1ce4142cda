/// The nominal intervals of a session's timeline (PROTOCOL.md "Intervals and chunks"):
/// interval 0 is `first` seconds long (a short first interval, so the first chunk comes
/// early), every later one `interval` seconds. With `first == interval`, interval k is
/// [k·interval, (k+1)·interval), as in protocol v1.
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

    /// Where interval `k` starts (k ≥ 0).
    public func start(of k: Int) -> Double {
        k <= 0 ? 0 : first + Double(k - 1) * interval
    }

    /// The interval whose nominal window holds `time` (boundaries shifted by `epsilon`, as the
    /// planner places keyframes). Negative times are in interval 0.
    public func interval(at time: Double) -> Int {
        let t = time + Self.epsilon
        guard t >= first else { return 0 }
        return 1 + Int(((t - first) / interval).rounded(.down))
    }

    /// How many intervals cover a timeline of `duration` seconds (at least one).
    public func count(duration: Double) -> Int {
        guard duration > first + Self.epsilon else { return 1 }
        return 1 + max(1, Int(((duration - first) / interval - Self.epsilon).rounded(.up)))
    }
}
