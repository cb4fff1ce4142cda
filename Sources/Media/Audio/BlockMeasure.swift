import Foundation

/// One programme-level block of the original sound (see `ProgramLevel`): its K-weighted energy
/// (the mean square libebur128 sums over channels; loudness = -0.691 + 10·log10(energy)) and
/// its sample peak over both channels.
public struct BlockMeasure: Sendable, Equatable {
    public var energy: Double
    public var peak: Float

    public static let silent = BlockMeasure(energy: 0, peak: 0)

    static func energy(ofLoudness lufs: Double) -> Double {
        lufs.isFinite ? pow(10, (lufs + 0.691) / 10) : 0
    }

    static func loudness(ofEnergy energy: Double) -> Double {
        energy > 0 ? -0.691 + 10 * log10(energy) : -.infinity
    }
}
