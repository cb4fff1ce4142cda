import Foundation
import Testing
@testable import Media

/// The 100 ms feature frames on synthetic stereo: a whistle-like tone, a voiced harmonic
/// stack and noise read as what they are.
@Suite(.timeLimit(.minutes(10))) struct AudioFeatureExtractorTests {
    static let rate = Double(AudioGrid.sampleRate)

    static func stereo(seconds: Double, _ sample: (Double) -> Double) -> [Float] {
        let count = Int(seconds * rate)
        var out = [Float](repeating: 0, count: 2 * count)
        for n in 0..<count {
            let value = Float(sample(Double(n) / rate))
            out[2 * n] = value
            out[2 * n + 1] = value
        }
        return out
    }

    static func frames(_ stereo: [Float], blocks: Int = 3_000) throws -> [AudioFeatureFrame] {
        let extractor = try AudioFeatureExtractor(firstTime: 10)
        var start = 0
        while start < stereo.count {
            extractor.add(Array(stereo[start..<min(stereo.count, start + blocks)]))
            start += blocks
        }
        return extractor.frames
    }

    @Test func oneFramePerHopWhateverTheBlocks() throws {
        let sound = Self.stereo(seconds: 1.05) { 0.1 * sin(2 * .pi * 440 * $0) }
        let small = try Self.frames(sound, blocks: 1_000), large = try Self.frames(sound, blocks: 50_000)
        #expect(small.count == 10)
        #expect(small == large)
        #expect(abs(small[3].time - 10.3) < 1e-9)
    }

    @Test func aWhistleIsANarrowLoneTone() throws {
        var noise = SystemRandomNumberGenerator()
        let sound = Self.stereo(seconds: 1) { 0.2 * sin(2 * .pi * 4_200 * $0) + Double.random(in: -0.005...0.005, using: &noise) }
        let frame = try #require(try Self.frames(sound).last)
        #expect(abs(frame.tone.frequency - 4_200) < 15)
        #expect(frame.tone.prominence > 30)
        #expect(frame.tone.concentration > 0.5)
        #expect(frame.tone.width <= 5)
        #expect(frame.tone.below < 0)
    }

    @Test func aVoicedStackHasItsPitchAndPowerBelow() throws {
        let sound = Self.stereo(seconds: 1) { t in (1...15).reduce(0.0) { $0 + 0.05 * sin(2 * .pi * 200 * Double($1) * t) / Double($1) } }
        let frame = try #require(try Self.frames(sound).last)
        #expect(frame.voicing > 0.8)
        #expect(abs(frame.pitch - 200) < 10)
        #expect(frame.tone.below > 10)
        #expect(frame.flatness < 0.1)
    }

    @Test func noiseIsFlatAndSteadyAndLoudnessIsMeasured() throws {
        var generator = SystemRandomNumberGenerator()
        let sound = Self.stereo(seconds: 2) { _ in Double.random(in: -0.1...0.1, using: &generator) }
        let frame = try #require(try Self.frames(sound).last)
        #expect(frame.flatness > 0.5)
        #expect(frame.voicing < 0.5)
        #expect(frame.impulsiveness < 3)
        #expect(frame.momentary > -30 && frame.momentary < -10)
    }
}
