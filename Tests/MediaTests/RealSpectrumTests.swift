import Foundation
import Testing
@testable import Media

/// FFmpeg's real transform (av_tx) against a direct DFT, and the autocorrelation it gives.
@Suite(.timeLimit(.minutes(10))) struct RealSpectrumTests {
    @Test func peaksAtAToneFrequency() throws {
        let rate = 44_100.0
        let tone = (0..<4096).map { Float(sin(2 * .pi * 3000 * Double($0) / rate)) }
        let power = try RealSpectrum(size: 4096).power(of: tone)
        let peak = power.indices.max { power[$0] < power[$1] }!
        #expect(abs(Double(peak) * rate / 4096 - 3000) < 11)
    }

    @Test(arguments: [(16, 16), (64, 64), (256, 200)])
    func equalsADirectTransform(size: Int, samples count: Int) throws {
        let samples: [Float] = (0..<count).map { n in
            let t = Double(n)
            return Float(0.5 * sin(t * 0.7) + 0.25 * cos(t * 2.1) + Double(n % 7) / 20)
        }
        let power = try RealSpectrum(size: size).power(of: samples)
        #expect(power.count == size / 2 + 1)
        var directs: [Double] = []
        for k in 0...(size / 2) {
            var re = 0.0, im = 0.0
            for (n, sample) in samples.enumerated() {
                let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(n) / Double(size))
                let angle = -2 * Double.pi * Double(k * n) / Double(size)
                re += Double(sample) * hann * cos(angle)
                im += Double(sample) * hann * sin(angle)
            }
            directs.append(re * re + im * im)
        }
        // Float arithmetic: errors relative to the strongest bin, not to each weak one.
        let peak = directs.max() ?? 1
        for (k, direct) in directs.enumerated() {
            #expect(abs(Double(power[k]) - direct) <= 1e-5 * peak + 1e-4 * direct, "bin \(k): \(power[k]) vs \(direct)")
        }
    }

    @Test func theAutocorrelationOfAPowerSpectrumIsTheFramesOwn() throws {
        let size = 64
        let spectrum = try RealSpectrum(size: size)
        let samples: [Float] = (0..<size).map { Float(sin(Double($0) * 0.9) + 0.3 * cos(Double($0) * 2.3)) }
        let windowed = samples.enumerated().map { Double($1) * (0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size))) }
        let r = spectrum.autocorrelation(ofPower: spectrum.power(of: samples))
        for lag in [0, 1, 5, 20] {
            var direct = 0.0
            for n in 0..<size { direct += windowed[n] * windowed[(n + lag) % size] }
            #expect(abs(Double(r[lag]) - direct) <= 1e-3 * max(1, abs(direct)), "lag \(lag): \(r[lag]) vs \(direct)")
        }
    }

    @Test func refusesAnOddSize() {
        #expect(throws: MediaError.self) { try RealSpectrum(size: 7) }
    }
}
