import Foundation

/// One programme-level block of the original sound (see `ProgramLevel`): its K-weighted energy
/// (the mean square libebur128 sums over channels; loudness = -0.691 + 10·log10(energy)) and
/// its sample peak over both channels, and how much of its plain energy the mix's peak limiter
/// leaves when the block is turned up so its peak passes the limiter's ceiling by 3, 6, 9 and
/// 12 dB (near 1 for a roar whose loudest sample stands alone, far less for a ball click in
/// silence, which the limiter takes down whole).
public struct BlockMeasure: Sendable, Equatable {
    public var energy: Double
    public var peak: Float
    public var kept: SIMD4<Float>

    /// The overshoots (dB over the limiter's ceiling) that `kept` is measured at.
    static let overshoots: SIMD4<Float> = [3, 6, 9, 12]

    public init(energy: Double, peak: Float, kept: SIMD4<Float> = .one) {
        self.energy = energy
        self.peak = peak
        self.kept = kept
    }

    public static let silent = BlockMeasure(energy: 0, peak: 0)

    /// The block's energy after a gain of `gain` (linear) and the peak limiter at `ceiling`,
    /// interpolated between the measured overshoots; past the last one the limiter is taken to
    /// hold the block where it was.
    func energy(gain: Double, limitedAt ceiling: Float) -> Double {
        let raised = energy * gain * gain
        guard peak > 0, case let over = 20 * log10(Double(peak) * gain / Double(ceiling)), over > 0 else { return raised }
        let last = Double(Self.overshoots[3])
        if over >= last { return raised * Double(kept[3]) * pow(10, -(over - last) / 10) }
        var below = 0.0, keptBelow = 1.0
        for i in 0..<4 {
            let at = Double(Self.overshoots[i]), keptAt = Double(kept[i])
            if over <= at { return raised * (keptBelow + (keptAt - keptBelow) * (over - below) / (at - below)) }
            below = at
            keptBelow = keptAt
        }
        return raised * Double(kept[3])
    }

    static func energy(ofLoudness lufs: Double) -> Double {
        lufs.isFinite ? pow(10, (lufs + 0.691) / 10) : 0
    }

    static func loudness(ofEnergy energy: Double) -> Double {
        energy > 0 ? -0.691 + 10 * log10(energy) : -.infinity
    }
}
