import Foundation

/// The programme gain: how much the original sound is turned up or down (before any duck) so
/// that it sits at `target` loudness, no 400 ms block of it louder than `maxMomentary` and
/// its sample peaks under `peakCeiling` (the mix's look-ahead limiter takes sparse peaks
/// from there down to its ceiling: the clicks of a tennis ball, not a whole roar).
///
/// The gain lives on a grid shared by every chunk of a session, so chunks made alone and in
/// any order agree on it wherever they meet. Block j is output samples [j·H, (j+1)·H), H = 0.4 s;
/// its measure (`BlockMeasure`) depends only on the source's samples around it. The gain at grid
/// point k (sample k·H) is a function of the measures of the blocks around k; between two grid
/// points the gain is interpolated linearly. So any two chunks compute the same gain at the same
/// sample, bit for bit (see docs/decisions/2026-12-02-broadcast-mix.md).
public struct ProgramLevel: Sendable, Equatable {
    /// Loudness (LUFS) the original is brought to: the level of the bed between lines.
    public var target: Double
    /// The most the original is turned up (dB). A window quieter than `boostFloor` gets that
    /// much less boost per dB, so room tone and silence are not pulled up to the target.
    public var maxBoost: Double
    public var boostFloor: Double
    /// The most the original is turned down (dB).
    public var maxCut: Double
    /// The loudest a block may be after the gain (LUFS): a roar stands out, up to here.
    public var maxMomentary: Double
    /// The highest sample peak (dBFS) the original may reach after the gain.
    public var peakCeiling: Double
    /// The mix's peak limiter (linear sample peak): what it takes from blocks turned up past it
    /// is made up for, as far as the other bounds allow (a rally's clicks stay at the ceiling
    /// and the sound between them comes up).
    public var limiterCeiling: Float = 0.794
    /// The loudness window around a grid point, in blocks: `behind` before it, `ahead` after.
    public var behind: Int
    public var ahead: Int

    public init(target: Double = -15.8, maxBoost: Double = 24, boostFloor: Double = -50, maxCut: Double = 30,
                maxMomentary: Double = -11, peakCeiling: Double = 9, behind: Int = 15, ahead: Int = 5) {
        self.target = target
        self.maxBoost = maxBoost
        self.boostFloor = boostFloor
        self.maxCut = maxCut
        self.maxMomentary = maxMomentary
        self.peakCeiling = peakCeiling
        self.behind = max(1, behind)
        self.ahead = max(1, ahead)
    }

    /// Output samples per block.
    public static let blockSamples: Int64 = 17_640
    /// Blocks either side of a grid point whose loudness and peaks cap its gain (k - 2 ..< k + 2):
    /// both ends of every block are capped by that block, so the interpolated gain is too.
    static let peakReach = 2

    /// The block that holds output sample `n`.
    static func block(holding n: Int64) -> Int { Int(AudioGrid.floorDiv(n, blockSamples)) }

    /// Grid points whose gains the samples of `range` are interpolated from.
    static func points(for range: Range<Int64>) -> ClosedRange<Int> {
        block(holding: range.lowerBound)...(block(holding: range.upperBound - 1) + 1)
    }

    /// Blocks whose measures the gains over `range` depend on.
    public func blocks(for range: Range<Int64>) -> Range<Int> {
        let points = Self.points(for: range)
        return (points.lowerBound - max(behind, Self.peakReach))..<(points.upperBound + max(ahead, Self.peakReach))
    }

    /// The gain curve over `range`, from the measures of `blocks(for: range)`.
    func curve(for range: Range<Int64>, measures: (Int) -> BlockMeasure) -> ProgramGainCurve {
        let points = Self.points(for: range)
        return ProgramGainCurve(firstPoint: points.lowerBound, gains: points.map { gain(at: $0, measures: measures) })
    }

    /// The linear gain at grid point k.
    func gain(at k: Int, measures: (Int) -> BlockMeasure) -> Float {
        var decibels = 0.0
        let window = (k - behind)..<(k + ahead)
        let level = loudness(of: window, measures: measures)
        if level.isFinite {
            let allowed = level >= boostFloor ? maxBoost : max(0, maxBoost - (boostFloor - level))
            func clamped(_ value: Double) -> Double { min(max(value, -maxCut), allowed) }
            decibels = clamped(target - level)
            // The loudest blocks will be held at `maxMomentary` and the peaks at the limiter's
            // ceiling: make up for what that takes from the window's loudness, so a stretch of
            // roars or a rally's clicks do not leave the whole quiet.
            for _ in 0..<4 {
                let after = loudness(of: window, measures: measures, gain: decibels, ceiling: maxMomentary)
                guard after.isFinite, abs(target - after) > 0.05 else { break }
                decibels = clamped(decibels + target - after)
            }
        }
        let near = ((k - Self.peakReach)..<(k + Self.peakReach)).map(measures)
        if let peak = near.map(\.peak).max(), peak > 0 { decibels = min(decibels, peakCeiling - 20 * log10(Double(peak))) }
        // No block louder than `maxMomentary` as it leaves the limiter (which turns the loud
        // ones up less than the gain): turned down by each excess, which overshoots a little.
        for _ in 0..<3 {
            let gain = pow(10, decibels / 20)
            let loudest = near.map { $0.energy(gain: gain, limitedAt: limiterCeiling) }.max() ?? 0
            let excess = BlockMeasure.loudness(ofEnergy: loudest) - maxMomentary
            guard excess > 0.01 else { break }
            decibels -= excess
        }
        return Float(pow(10, decibels / 20))
    }

    /// Gated loudness (LUFS) of a run of blocks, as BS.1770 gates: blocks under -70 LUFS are
    /// left out, then blocks more than 10 LU under the mean of the rest. -infinity when silent.
    /// With `gain` (dB), of the blocks turned up or down by it and through the mix's limiter,
    /// none louder than `ceiling` (LUFS).
    func loudness(of blocks: Range<Int>, measures: (Int) -> BlockMeasure, gain: Double = 0, ceiling: Double = .infinity) -> Double {
        let absolute = BlockMeasure.energy(ofLoudness: -70)
        let factor = pow(10, gain / 20), highest = ceiling.isFinite ? BlockMeasure.energy(ofLoudness: ceiling) : .infinity
        func energy(_ j: Int) -> Double { min(measures(j).energy(gain: factor, limitedAt: limiterCeiling), highest) }
        var sum = 0.0, count = 0
        for j in blocks {
            let e = energy(j)
            if e > absolute { sum += e; count += 1 }
        }
        guard count > 0 else { return -.infinity }
        let relative = sum / Double(count) / 10
        var gatedSum = 0.0, gatedCount = 0
        for j in blocks {
            let e = energy(j)
            if e > absolute && e >= relative { gatedSum += e; gatedCount += 1 }
        }
        return BlockMeasure.loudness(ofEnergy: gatedSum / Double(gatedCount))
    }
}
