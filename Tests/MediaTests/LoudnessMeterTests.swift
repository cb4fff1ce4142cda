import Foundation
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct LoudnessMeterTests {
    let rate = AudioGrid.sampleRate

    /// Interleaved stereo: the same sine of `amplitude` on both channels.
    private func stereoSine(hz: Double = 1000, amplitude: Float, seconds: Double) -> [Float] {
        let count = Int(seconds * Double(rate))
        var out = [Float](repeating: 0, count: 2 * count)
        for i in 0..<count {
            let v = amplitude * Float(sin(2 * .pi * hz * Double(i) / Double(rate)))
            out[2 * i] = v
            out[2 * i + 1] = v
        }
        return out
    }

    @Test func aStereoSineAtMinus23dBFSReadsMinus23LUFS() throws {
        // EBU Tech 3341, case 1: 1 kHz, -23 dBFS on both channels → -23.0 LUFS.
        let sine = stereoSine(amplitude: Float(pow(10, -23.0 / 20)), seconds: 20)
        let program = try LoudnessMeter.programLoudness(sine)
        #expect(abs(program.integrated - -23) < 0.1)
        #expect(abs(program.truePeak - -23) < 0.1)
    }

    @Test func monoCountsAsTheSameSignalOnBothChannels() throws {
        let stereo = stereoSine(amplitude: 0.1, seconds: 5)
        let mono = stride(from: 0, to: stereo.count, by: 2).map { stereo[$0] }
        let a = try LoudnessMeter.programLoudness(stereo)
        let b = try LoudnessMeter.programLoudness(mono, channels: 1)
        #expect(abs(a.integrated - b.integrated) < 0.01)
    }

    @Test func theMomentaryCurveFollowsAStepWithin400ms() throws {
        let quiet = stereoSine(amplitude: 0.01, seconds: 3), loud = stereoSine(amplitude: 0.1, seconds: 3)
        let curve = try LoudnessMeter.momentaryCurve(quiet + loud)
        #expect(curve.count == 60)
        // 20 dB apart once each window lies wholly in one part.
        #expect(abs((curve[59] - curve[25]) - 20) < 0.2)
        #expect(curve[29] < curve[25] + 0.5)
        #expect(curve[34] > curve[59] - 0.5)
    }

    @Test func silenceReadsMinusInfinityAndBadChannelCountsAreRefused() throws {
        let curve = try LoudnessMeter.momentaryCurve([Float](repeating: 0, count: 2 * rate))
        #expect(curve.allSatisfy { $0 == -.infinity })
        #expect(throws: MediaError.self) { try LoudnessMeter(channels: 6) }
    }
}
