import Foundation

/// Sounds made in memory for the mixer's tests: crowd-like beds and speech-like clips, from a
/// seeded generator so every run hears the same.
enum Sounds {
    static let rate = 44_100

    /// A small deterministic generator (64-bit LCG), uniform in [-1, 1).
    struct Noise {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
        mutating func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 11) / Float(1 << 52)
        }
    }

    /// Pink noise (Paul Kellet's filter), mono, scaled to `rms`.
    static func pink(seconds: Double, rms: Float, seed: UInt64 = 1) -> [Float] {
        var noise = Noise(seed: seed)
        var b = [Float](repeating: 0, count: 7)
        var out = [Float](repeating: 0, count: Int(seconds * Double(rate)))
        for i in out.indices {
            let white = noise.next()
            b[0] = 0.99886 * b[0] + white * 0.0555179
            b[1] = 0.99332 * b[1] + white * 0.0750759
            b[2] = 0.96900 * b[2] + white * 0.1538520
            b[3] = 0.86650 * b[3] + white * 0.3104856
            b[4] = 0.55000 * b[4] + white * 0.5329522
            b[5] = -0.7616 * b[5] - white * 0.0168980
            out[i] = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362
            b[6] = white * 0.115926
        }
        return scaled(out, rms: rms)
    }

    /// A loud, compressed bed (a goals montage): pink noise driven into a soft clip, peaks near full scale.
    static func compressed(seconds: Double, seed: UInt64 = 2) -> [Float] {
        pink(seconds: seconds, rms: 0.5, seed: seed).map { 0.97 * tanh($0 * 1.6) }
    }

    /// Speech-like mono sound: a voiced buzz (110-160 Hz with falling harmonics and three
    /// formant-like peaks) in syllables of about 200 ms with short pauses, scaled to `peak`.
    static func speech(seconds: Double, peak: Float, seed: UInt64 = 3) -> [Float] {
        var noise = Noise(seed: seed)
        let count = Int(seconds * Double(rate))
        var out = [Float](repeating: 0, count: count)
        var phase = 0.0
        let formants = [(500.0, 1.0), (1500.0, 0.5), (2500.0, 0.25)]
        var syllableEnd = 0, syllableStart = 0, pitch = 130.0
        var shape = [Double](repeating: 0, count: 25)
        for i in 0..<count {
            if i >= syllableEnd {
                syllableStart = i + Int(Double(rate) * (noise.next() > 0.6 ? 0.12 : 0.03))
                syllableEnd = syllableStart + Int(Double(rate) * (0.16 + 0.08 * Double(noise.next())))
                pitch = 135 + 25 * Double(noise.next())
                for k in 1...24 {
                    let f = pitch * Double(k)
                    var level = 0.05
                    for (centre, gain) in formants { level += gain * exp(-pow((f - centre) / 220, 2)) }
                    shape[k] = level / Double(k).squareRoot()
                }
            }
            guard i >= syllableStart else { continue }
            let t = Double(i - syllableStart) / Double(syllableEnd - syllableStart)
            phase += 2 * .pi * pitch / Double(rate)
            var v = 0.0
            for k in 1...24 { v += shape[k] * sin(Double(k) * phase) }
            out[i] = Float(v * sin(.pi * t))
        }
        let top = out.map { abs($0) }.max() ?? 1
        return out.map { $0 * peak / top }
    }

    static func scaled(_ x: [Float], rms: Float) -> [Float] {
        let current = (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, x.count))).squareRoot()
        return current > 0 ? x.map { $0 * rms / Float(current) } : x
    }

    /// Mono to interleaved stereo (the same on both channels).
    static func stereo(_ mono: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * mono.count)
        for (i, v) in mono.enumerated() {
            out[2 * i] = v
            out[2 * i + 1] = v
        }
        return out
    }

    /// Interleaved stereo to mono ((L + R) / 2).
    static func mono(_ stereo: [Float]) -> [Float] {
        stride(from: 0, to: stereo.count - 1, by: 2).map { 0.5 * (stereo[$0] + stereo[$0 + 1]) }
    }
}

/// quality.py's audibility measure of one line: the bed is g·source with g fitted by least
/// squares of the final on the source over the line, the speech is final − bed, and the
/// result is 20·log10(rms(speech) / rms(bed)).
enum Audibility {
    static func speechToBed(final: [Float], source: [Float], from: Int, to: Int) -> Double {
        var fs = 0.0, ss = 0.0
        for i in from..<to {
            fs += Double(final[i]) * Double(source[i])
            ss += Double(source[i]) * Double(source[i])
        }
        let g = ss > 0 ? fs / ss : 0
        var speech = 0.0, bed = 0.0
        for i in from..<to {
            let b = g * Double(source[i])
            bed += b * b
            speech += (Double(final[i]) - b) * (Double(final[i]) - b)
        }
        return bed > 0 ? 10 * log10(speech / bed) : 60
    }

    /// The gain fitted to the bed over a stretch (the duck quality.py reads).
    static func fittedGain(final: [Float], source: [Float], from: Int, to: Int) -> Double {
        var fs = 0.0, ss = 0.0
        for i in from..<to {
            fs += Double(final[i]) * Double(source[i])
            ss += Double(source[i]) * Double(source[i])
        }
        return ss > 0 ? fs / ss : 0
    }
}
