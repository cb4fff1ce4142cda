import Foundation

/// Measures programme-level blocks (`BlockMeasure`) of sound handed over in consecutive runs of
/// interleaved stereo. Block j is measured from exactly the samples [j·H - warm-up, (j+1)·H):
/// a fresh libebur128 meter whose K-weighting filter settles during the warm-up, read for the
/// momentary loudness of the block itself, so the measure does not depend on where decoding
/// started.
struct BlockMeasurer {
    /// Samples fed to a block's meter before the block (0.1 s).
    static let warmup: Int64 = 4_410

    let wanted: Range<Int>
    private(set) var measured: [(index: Int, measure: BlockMeasure)] = []
    private var next: Int
    /// Interleaved samples held, the first at output sample `heldStart`.
    private var held: [Float] = []
    private var heldStart: Int64

    init(_ wanted: Range<Int>) {
        self.wanted = wanted
        next = wanted.lowerBound
        heldStart = Self.firstSample(wanted.lowerBound)
    }

    /// The first output sample block j is measured from.
    static func firstSample(_ block: Int) -> Int64 { Int64(block) * ProgramLevel.blockSamples - warmup }

    /// The first block measured from samples at or after output sample n.
    static func firstBlock(measurableFrom n: Int64) -> Int {
        Int(AudioGrid.floorDiv(n + warmup + ProgramLevel.blockSamples - 1, ProgramLevel.blockSamples))
    }

    var isDone: Bool { next >= wanted.upperBound }

    /// Takes the run of frames starting at output sample `first` (runs come in order, without gaps).
    mutating func add(_ run: UnsafeBufferPointer<Float>, first: Int64) throws(MediaError) {
        guard !isDone else { return }
        let frames = Int64(run.count / AudioGrid.channels)
        let heldEnd = heldStart + Int64(held.count / AudioGrid.channels)
        guard first <= heldEnd else { throw MediaError(.invalidArgument, "programme-level blocks measured from a gapped run") }
        let from = max(first, heldEnd)
        if from < first + frames {
            held.append(contentsOf: run[Int(from - first) * AudioGrid.channels..<run.count])
        }
        while !isDone {
            let end = Int64(next + 1) * ProgramLevel.blockSamples
            guard heldStart + Int64(held.count / AudioGrid.channels) >= end else { break }
            let start = Self.firstSample(next)
            let slice = held[Int(start - heldStart) * AudioGrid.channels..<Int(end - heldStart) * AudioGrid.channels]
            measured.append((next, try Self.measure(slice, blockStart: Int(Self.warmup) * AudioGrid.channels)))
            next += 1
            let drop = Int(Self.firstSample(next) - heldStart) * AudioGrid.channels
            held.removeFirst(min(drop, held.count))
            heldStart = Self.firstSample(next)
        }
    }

    /// A block's measure from its warm-up and its samples; the block's own samples start at `blockStart`.
    static func measure(_ samples: ArraySlice<Float>, blockStart: Int) throws(MediaError) -> BlockMeasure {
        let meter = try LoudnessMeter(channels: AudioGrid.channels, measures: .momentary)
        meter.add(samples)
        let tiles = Tiles(samples[(samples.startIndex + blockStart)...])
        return BlockMeasure(energy: BlockMeasure.energy(ofLoudness: meter.momentary), peak: tiles.peak, kept: tiles.kept())
    }

    /// A block cut into tiles as wide as the mix limiter's reach, each with its sample peak and
    /// plain energy: one pass gives the block's peak and what the limiter keeps of it.
    struct Tiles {
        var peaks: [Float] = [], energies: [Float] = []

        init(_ samples: ArraySlice<Float>) {
            let width = PeakLimiter(ceiling: 1).reach * AudioGrid.channels
            var from = samples.startIndex
            while from < samples.endIndex {
                var tilePeak: Float = 0, energy: Float = 0
                for x in samples[from..<min(from + width, samples.endIndex)] {
                    tilePeak = max(tilePeak, abs(x))
                    energy += x * x
                }
                peaks.append(tilePeak)
                energies.append(energy)
                from += width
            }
        }

        var peak: Float { peaks.max() ?? 0 }

        /// The share of the block's plain energy the limiter keeps at each of
        /// `BlockMeasure.overshoots`, estimated the way it works: a tile's gain is the ceiling
        /// over the loudest sample within a tile either side (the limiter's gain scales with the
        /// sound, so lowering its ceiling under the block's peak is turning the block up past it).
        func kept() -> SIMD4<Float> {
            let total = energies.reduce(0, +), peak = peak
            guard total > 0, peak > 0 else { return .one }
            var kept = SIMD4<Float>.zero
            for (t, energy) in energies.enumerated() where energy > 0 {
                let near = max(peaks[t], t > 0 ? peaks[t - 1] : 0, t + 1 < peaks.count ? peaks[t + 1] : 0)
                for i in 0..<4 {
                    let gain = min(1, peak * pow(10, -BlockMeasure.overshoots[i] / 20) / near)
                    kept[i] += energy * gain * gain
                }
            }
            return kept / total
        }
    }
}
