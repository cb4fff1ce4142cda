import Foundation
import Testing
@testable import Media

/// The broadcast mix's level rules on beds made in memory: a loud compressed one (a goals
/// montage), a very quiet one (tennis at about -33 LUFS), one with a roar, and a rally: ball
/// clicks over a near-silent court, whose peaks the limiter has to take down.
@Suite(.timeLimit(.minutes(10))) struct BroadcastMixTests {
    let mixer = DuckingMixer.broadcast()
    let rate = Double(AudioGrid.sampleRate)

    static let loud = Sounds.compressed(seconds: 30)
    static let quiet = Sounds.pink(seconds: 30, rms: 0.02, seed: 5)
    /// Pink noise with a roar 8 dB up from 10 to 16 s.
    static let roaring: [Float] = {
        let base = Sounds.pink(seconds: 30, rms: 0.05, seed: 6)
        return base.enumerated().map { i, v in
            let t = Double(i) / 44_100
            return t >= 10 && t < 16 ? v * 2.5 : v
        }
    }()

    /// Ball clicks (10 ms of 2 kHz, peak 0.2) every 0.5-1.1 s over pink noise at -38 dBFS:
    /// the limiter takes the clicks down by about 8 dB; a gain that did not make up for it
    /// would leave the whole 1.3 LU short of the target.
    static let rally: [Float] = {
        var samples = Sounds.pink(seconds: 30, rms: 0.012, seed: 7)
        var at = 0.3, n = 0.0
        while at < 29.5 {
            let first = Int(at * 44_100)
            for i in 0..<441 {
                samples[first + i] += Float(0.2 * exp(-Double(i) / 200) * sin(2 * Double.pi * 2_000 * Double(i) / 44_100))
            }
            n += 1
            let spread = sin(n * 12.9898) * 43_758.5453
            at += 0.5 + 0.6 * (spread - spread.rounded(.down))
        }
        return samples
    }()

    /// Mixes a mono bed (its first sample is output sample 0) as a chunk would: the blocks
    /// around it measured, the programme gain applied, the clips mixed in. Returns mono.
    static func mix(_ bed: [Float], _ clips: [SpeechClip], with mixer: DuckingMixer) throws -> [Float] {
        let range = 0..<Int64(bed.count)
        let program = try #require(mixer.broadcast).program
        let blocks = program.blocks(for: range)
        let from = BlockMeasurer.firstSample(blocks.lowerBound), to = Int64(blocks.upperBound) * ProgramLevel.blockSamples
        var padded = [Float](repeating: 0, count: Int(to - from) * 2)
        let stereo = Sounds.stereo(bed)
        padded.replaceSubrange(Int(-from) * 2..<(Int(-from) * 2 + stereo.count), with: stereo)
        var measurer = BlockMeasurer(blocks)
        try padded.withUnsafeBufferPointer { try measurer.add($0, first: from) }
        let measures = Dictionary(uniqueKeysWithValues: measurer.measured.map { ($0.index, $0.measure) })
        let curve = program.curve(for: range) { measures[$0] ?? .silent }
        var samples = stereo
        try mixer.mix(&samples, firstSample: 0, clips: clips, program: curve)
        return Sounds.mono(samples)
    }

    private func clip(at seconds: Double, length: Double = 3, peak: Float, intensity: Double = 0, seed: UInt64 = 3) -> SpeechClip {
        SpeechClip(start: seconds, samples: Sounds.speech(seconds: length, peak: peak, seed: seed), intensity: intensity)
    }

    private func ratio(_ final: [Float], _ bed: [Float], _ clip: SpeechClip) -> Double {
        Audibility.speechToBed(final: final, source: bed, from: Int(clip.startSample), to: Int(clip.endSample))
    }

    @Test(arguments: ["loud", "quiet", "roaring"])
    func speechStandsClearOfTheBedInEveryLine(bed name: String) throws {
        let bed = name == "loud" ? Self.loud : name == "quiet" ? Self.quiet : Self.roaring
        let clips = [clip(at: 2, peak: 0.01, seed: 3), clip(at: 7, peak: 0.9, intensity: 0.5, seed: 4),
                     clip(at: 12, peak: 0.3, intensity: 1, seed: 5), clip(at: 20, length: 5, peak: 0.05, seed: 6)]
        let final = try Self.mix(bed, clips, with: mixer)
        for clip in clips {
            let r = ratio(final, bed, clip)
            #expect(r >= 11.5, "\(name): speech at \(Double(clip.startSample) / rate) s only \(r) dB over the bed")
        }
    }

    /// The duck under a clip, relative to the programme level (the same bed mixed without speech).
    private func duck(_ final: [Float], _ programme: [Float], _ bed: [Float], _ clip: SpeechClip) -> Double {
        let from = Int(clip.startSample), to = Int(clip.endSample)
        return Audibility.fittedGain(final: final, source: bed, from: from, to: to)
            / Audibility.fittedGain(final: programme, source: bed, from: from, to: to)
    }

    /// The speech's level in the mix (final − fitted bed), in dBFS.
    private func speechLevel(_ final: [Float], _ bed: [Float], _ clip: SpeechClip) -> Double {
        let from = Int(clip.startSample), to = Int(clip.endSample)
        let g = Audibility.fittedGain(final: final, source: bed, from: from, to: to)
        var sum = 0.0
        for i in from..<to { sum += pow(Double(final[i]) - g * Double(bed[i]), 2) }
        return 10 * log10(sum / Double(to - from))
    }

    @Test func aBigCallDucksLessAndIsLouderStillClearOfTheRoar() throws {
        let bed = Self.roaring
        let programme = try Self.mix(bed, [], with: mixer)
        let calm = clip(at: 11, peak: 0.3, intensity: 0), call = clip(at: 11, peak: 0.3, intensity: 1)
        let withCalm = try Self.mix(bed, [calm], with: mixer), withCall = try Self.mix(bed, [call], with: mixer)
        #expect(duck(withCall, programme, bed, call) > 1.6 * duck(withCalm, programme, bed, calm))
        #expect(speechLevel(withCall, bed, call) > speechLevel(withCalm, bed, calm) + 2)
        #expect(ratio(withCall, bed, call) >= 11.5 && ratio(withCalm, bed, calm) >= 14)
    }

    @Test func theOriginalIsAtFullLevelBetweenLines() throws {
        let bed = Self.quiet
        let clips = [clip(at: 4, peak: 0.2), clip(at: 15, peak: 0.2, intensity: 1)]
        let final = try Self.mix(bed, clips, with: mixer), programme = try Self.mix(bed, [], with: mixer)
        let attack = Int(mixer.attack * rate), release = Int(mixer.release * rate)
        var untouched = 0
        for i in 0..<bed.count where !clips.contains(where: { i >= Int($0.startSample) - attack && i < Int($0.endSample) + release }) {
            #expect(final[i] == programme[i])
            untouched += 1
            if final[i] != programme[i] { break }
        }
        #expect(untouched > 20 * Int(rate))
        // The programme level itself brings the quiet bed up to its target.
        let loudness = try LoudnessMeter.programLoudness(Sounds.stereo(Array(programme[(8 * Int(rate))...])))
        let target = try #require(mixer.broadcast).program.target
        #expect(abs(loudness.integrated - target) < 1)
    }

    @Test func speechFromAnySynthesiserLevelComesOutAtOneLevel() throws {
        let bed = Self.quiet
        let soft = clip(at: 3, peak: 0.005, seed: 8), hot = clip(at: 12, peak: 0.99, seed: 8)
        let final = try Self.mix(bed, [soft, hot], with: mixer)
        #expect(abs(speechLevel(final, bed, soft) - speechLevel(final, bed, hot)) < 1)
    }

    /// Also a rally whose clicks the limiter takes down: the gain makes up for what it takes.
    @Test(arguments: ["loud", "quiet", "rally"])
    func theProgrammeReachesTheTargetUnderItsPeakCeiling(bed name: String) throws {
        let bed = name == "loud" ? Self.loud : name == "quiet" ? Self.quiet : Self.rally
        let programme = try Self.mix(bed, [], with: mixer)
        let loudness = try LoudnessMeter.programLoudness(Sounds.stereo(programme))
        let target = try #require(mixer.broadcast).program.target
        #expect(abs(loudness.integrated - target) < 1, "\(name): \(loudness.integrated) LUFS")
        let ceiling = try #require(mixer.broadcast).ceiling
        #expect(programme.map { abs($0) }.max()! <= ceiling)
    }

    @Test func theDuckNeverGoesDeeperThanAllowed() throws {
        let bed = Self.loud
        let shallow = DuckingMixer.broadcast(deepestDuck: 0.5)
        let line = clip(at: 6, peak: 0.2)
        let final = try Self.mix(bed, [line], with: shallow), programme = try Self.mix(bed, [], with: shallow)
        #expect(duck(final, programme, bed, line) >= 0.47)
        // The speech is raised instead, as far as it may go.
        let deep = try Self.mix(bed, [line], with: mixer)
        #expect(speechLevel(final, bed, line) > speechLevel(deep, bed, line) + 3)
    }

    /// Two chunks that meet decode from different places and in runs of different sizes; the
    /// block measures and the gains where they meet are the same, bit for bit.
    @Test func bothSidesOfABoundaryComputeTheSameGain() throws {
        let program = try #require(mixer.broadcast).program
        let bed = Sounds.stereo(Self.roaring)
        func curve(_ range: Range<Int64>, decodeFrom: Int64, run: Int) throws -> (ProgramGainCurve, [Int: BlockMeasure]) {
            let blocks = program.blocks(for: range).clamped(to: 0..<Int.max)
            var measurer = BlockMeasurer(blocks)
            var position = decodeFrom
            let end = Int64(blocks.upperBound) * ProgramLevel.blockSamples
            while position < end {
                let count = Int(min(Int64(run), end - position))
                let chunk = (0..<count).flatMap { i -> [Float] in
                    let n = Int(position) + i
                    return n >= 0 && n < bed.count / 2 ? [bed[2 * n], bed[2 * n + 1]] : [0, 0]
                }
                try chunk.withUnsafeBufferPointer { try measurer.add($0, first: position) }
                position += Int64(count)
            }
            let measures = Dictionary(uniqueKeysWithValues: measurer.measured.map { ($0.index, $0.measure) })
            return (program.curve(for: range) { measures[$0] ?? .silent }, measures)
        }
        let boundary = AudioGrid.sample(at: 14.3)
        let left = try curve(AudioGrid.sample(at: 3)..<boundary + 20_000, decodeFrom: -30_000, run: 88_200)
        let right = try curve(boundary - 20_000..<AudioGrid.sample(at: 26), decodeFrom: boundary - 20_000 - 900_000, run: 12_345)
        for (index, measure) in left.1 where right.1[index] != nil { #expect(right.1[index] == measure) }
        for n in (boundary - 20_000)..<(boundary + 20_000) where left.0.gain(at: n) != right.0.gain(at: n) {
            Issue.record("the gains differ at sample \(n)")
            break
        }
    }

    @Test func thePeakLimiterHoldsTheCeilingAndLeavesQuietSpeechAlone() {
        var hot = Sounds.speech(seconds: 2, peak: 1.4, seed: 9)
        let original = hot
        PeakLimiter(ceiling: 0.7).limit(&hot)
        #expect(hot.allSatisfy { abs($0) <= 0.7 })
        // Far from any peak over the ceiling the speech is untouched.
        let far = original.indices.filter { i in !original[max(0, i - 300)..<min(original.count, i + 300)].contains { abs($0) > 0.7 } }
        #expect(far.count > 1000 && far.allSatisfy { hot[$0] == original[$0] })
        var quiet = Sounds.speech(seconds: 1, peak: 0.5)
        let before = quiet
        PeakLimiter(ceiling: 0.7).limit(&quiet)
        #expect(quiet == before)
    }

    /// The mix's limiter runs over chunk boundaries: a frame with `support` frames of context
    /// either side comes out the same whichever buffer it was limited in.
    @Test func theLimiterGivesTheSameFramesWhereverTheBufferStarts() {
        let hot = Sounds.stereo(Sounds.speech(seconds: 3, peak: 1.5, seed: 11))
        let limiter = PeakLimiter(ceiling: 0.7, channels: 2)
        let offset = 37_777
        var a = Array(hot[0..<(2 * 100_000)]), b = Array(hot[(2 * offset)...])
        limiter.limit(&a)
        limiter.limit(&b)
        var differing = 0
        for frame in (offset + limiter.support)..<(100_000 - limiter.support) where a[2 * frame] != b[2 * (frame - offset)] { differing += 1 }
        #expect(differing == 0)
        #expect(a.allSatisfy { abs($0) <= 0.7 } && a != Array(hot[0..<(2 * 100_000)]))
    }
}
