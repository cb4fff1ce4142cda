import Foundation
import Media

/// Signal steps for the neural voice's output: trimming, the pitch lift, the level.
enum SpeechShaping {
    /// Without the near-silence before and after the speech (20 ms kept at each end).
    static func trimmed(_ samples: [Float], rate: Int = 22_050) -> [Float] {
        let floor: Float = 0.005, margin = rate / 50
        guard let first = samples.firstIndex(where: { abs($0) > floor }),
              let last = samples.lastIndex(where: { abs($0) > floor }) else { return [] }
        return Array(samples[max(0, first - margin)...min(samples.count - 1, last + margin)])
    }

    /// At the output rate, played back `pitch` times faster (higher, shorter; 1: unchanged),
    /// with the speech brought to `level` (RMS above -40 dBFS) and the rare peak past 0.8
    /// rounded off below full scale (a soft knee, not a clip).
    static func shaped(_ samples: [Float], rate: Int, pitch: Float, level: Float) -> [Float] {
        var out = SpeechResampling.toOutputRate(samples, from: rate)
        if pitch != 1 { out = stretched(out, by: pitch) }
        let loud = out.filter { abs($0) > 0.01 }
        guard !loud.isEmpty else { return out }
        let rms = (loud.reduce(0) { $0 + $1 * $1 } / Float(loud.count)).squareRoot()
        let gain = level / max(rms, 1e-6)
        return out.map { softLimited($0 * gain) }
    }

    static func softLimited(_ x: Float) -> Float {
        let knee: Float = 0.8, room: Float = 0.19
        let size = abs(x)
        guard size > knee else { return x }
        return (x < 0 ? -1 : 1) * (knee + room * tanh((size - knee) / room))
    }

    /// Read `factor` times faster, by linear interpolation: at 44.1 kHz the voice's content
    /// stays under 11 kHz, far below where interpolation would blur it.
    static func stretched(_ samples: [Float], by factor: Float) -> [Float] {
        guard samples.count > 1 else { return samples }
        let count = Int(Float(samples.count - 1) / factor)
        return samples.withUnsafeBufferPointer { input in
            (0..<count).map { i in
                let position = Float(i) * factor
                let left = Int(position), fraction = position - Float(left)
                let right = min(left + 1, input.count - 1)
                return input[left] * (1 - fraction) + input[right] * fraction
            }
        }
    }
}
