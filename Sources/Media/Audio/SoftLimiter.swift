import Foundation

/// A static soft knee: the identity up to `threshold`, then a smooth curve (slope 1 at the
/// knee) that approaches `ceiling` and never passes it. Stateless, so every chunk limits the
/// same samples the same way, which keeps chunk joins identical whatever order they were made in.
public struct SoftLimiter: Sendable, Equatable {
    public var threshold: Float
    public var ceiling: Float

    public init(threshold: Float = 0.9, ceiling: Float = 0.98) {
        precondition(threshold > 0 && threshold < ceiling && ceiling < 1)
        self.threshold = threshold
        self.ceiling = ceiling
    }

    @inline(__always)
    public func callAsFunction(_ x: Float) -> Float {
        let magnitude = abs(x)
        if magnitude <= threshold { return x }
        let headroom = ceiling - threshold
        let limited = threshold + headroom * tanh((magnitude - threshold) / headroom)
        return x < 0 ? -limited : limited
    }
}
