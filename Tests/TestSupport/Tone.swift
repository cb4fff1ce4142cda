/// Measures of a steady tone in mono samples, for the tests of decoded speech.
public enum Tone {
    /// The tone's frequency, from its rising zero crossings, leaving out the first and last
    /// 50 ms (an encoder's delay is a near silence whose noise crosses zero at random).
    public static func frequency(_ samples: [Float], rate: Int = 44_100) -> Double {
        let edge = rate / 20
        guard samples.count > 2 * edge else { return 0 }
        var rising: [Int] = []
        for i in edge..<(samples.count - edge) where samples[i - 1] < 0 && samples[i] >= 0 { rising.append(i) }
        guard let first = rising.first, let last = rising.last, rising.count > 1 else { return 0 }
        return Double(rising.count - 1) / (Double(last - first) / Double(rate))
    }

    /// The root mean square level, leaving out the first and last 50 ms.
    public static func level(_ samples: [Float], rate: Int = 44_100) -> Double {
        let edge = rate / 20
        guard samples.count > 2 * edge else { return 0 }
        let middle = samples[edge..<(samples.count - edge)]
        return (middle.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(middle.count)).squareRoot()
    }
}
