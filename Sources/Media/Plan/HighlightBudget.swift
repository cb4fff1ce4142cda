/// How much of the reel a session may still fill. Each full chunk, when its turn comes, grants
/// `share` of its own length; what a chunk does not use carries over to the chunks after it.
/// A big moment may run past the target by `overrun` of it (so a clip whose one goal sits in a
/// long GOP still shows the goal), which the chunks after it then have less of.
public struct HighlightBudget: Sendable, Equatable {
    public var share: Double
    public var overrun: Double
    public private(set) var granted: Double = 0
    public private(set) var used: Double = 0

    public init(share: Double, overrun: Double = 0.2) {
        self.share = min(1, max(0, share))
        self.overrun = overrun
    }

    /// `seconds` of source reached: their share becomes available.
    public mutating func grant(_ seconds: Double) { granted += share * max(0, seconds) }

    public mutating func spend(_ seconds: Double) { used += seconds }

    /// Seconds left under the target, or under the target stretched for a big moment.
    public func left(stretched: Bool) -> Double {
        granted * (stretched ? 1 + overrun : 1) - used
    }
}
