import Foundation

/// Brings mono speech to the output rate. 22.05 kHz (espeak-ng) doubles through a windowed-sinc
/// half-band filter; other rates are interpolated linearly.
public enum SpeechResampling {
    public static func toOutputRate(_ samples: [Float], from rate: Int) -> [Float] {
        if rate == AudioGrid.sampleRate || samples.isEmpty { return samples }
        if rate * 2 == AudioGrid.sampleRate { return doubled(samples) }
        let ratio = Double(rate) / Double(AudioGrid.sampleRate)
        let count = Int((Double(samples.count) / ratio).rounded(.down))
        return (0..<count).map { i in
            let position = Double(i) * ratio
            let left = Int(position), fraction = Float(position - Double(left))
            let right = min(left + 1, samples.count - 1)
            return samples[left] * (1 - fraction) + samples[right] * fraction
        }
    }

    private static let taps: [Float] = {
        let half = 16
        return (1...half).map { k in
            let x = Double(2 * k - 1) / 2
            let sinc = sin(Double.pi * x) / (Double.pi * x)
            let window = 0.5 * (1 + cos(Double.pi * x / (Double(half) + 0.5)))
            return Float(sinc * window)
        }
    }()

    private static func doubled(_ samples: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: samples.count * 2)
        let n = samples.count
        for i in 0..<n {
            out[2 * i] = samples[i]
            var sum: Float = 0
            for (k, tap) in taps.enumerated() {
                let a = i - k, b = i + 1 + k
                sum += tap * ((a >= 0 ? samples[a] : 0) + (b < n ? samples[b] : 0))
            }
            out[2 * i + 1] = sum
        }
        return out
    }
}
