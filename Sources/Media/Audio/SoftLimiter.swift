import Foundation

/// A static soft knee: the identity up to `threshold`, then a smooth curve that approaches 1.0
/// and never reaches it. Stateless, so every chunk limits the same samples the same way.
public struct SoftLimiter: Sendable {
    public var threshold: Float

    public init(threshold: Float = 0.9) {
        precondition(threshold > 0 && threshold < 1)
        self.threshold = threshold
    }

    @inline(__always)
    public func callAsFunction(_ x: Float) -> Float {
        let magnitude = abs(x)
        if magnitude <= threshold { return x }
        let headroom = 1 - threshold
        let limited = threshold + headroom * tanhf((magnitude - threshold) / headroom)
        return x < 0 ? -limited : limited
    }
}

@inline(__always)
private func tanhf(_ x: Float) -> Float {
    let e = expf(2 * x)
    return (e - 1) / (e + 1)
}
