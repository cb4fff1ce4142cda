/// A look-ahead peak limiter: the gain falls smoothly ahead of every frame that would pass
/// `ceiling` and recovers after it, so the sound keeps its shape (a static soft knee would
/// flatten every peak it touches).
///
/// The gain at a frame depends only on the frames within `support` of it, and is computed
/// exactly (a sliding minimum, then a moving average summed in integers), never carried from
/// earlier frames. So two chunks that limit the same frames with `support` frames of context
/// either side get the same output, bit for bit: the limiter may run across chunk boundaries.
struct PeakLimiter {
    var ceiling: Float
    var channels: Int = 1
    /// Half the width of the gain's dip around a peak, in frames (2.5 ms).
    var reach = 110

    /// Frames either side of a frame that its gain depends on.
    var support: Int { reach + reach / 2 }

    /// Limits interleaved `samples` in place; frames already under the ceiling everywhere are left alone.
    func limit(_ samples: inout [Float]) {
        guard samples.contains(where: { abs($0) > ceiling }) else { return }
        let frames = samples.count / channels
        var needed = [Float](repeating: 1, count: frames)
        for frame in 0..<frames {
            var peak: Float = 0
            for c in 0..<channels { peak = max(peak, abs(samples[frame * channels + c])) }
            if peak > ceiling { needed[frame] = ceiling / peak }
        }
        needed = Self.slidingMinimum(needed, reach: reach)
        // A moving average half as wide as the minimum's window, so every frame still gets at
        // most the gain it needs. Dips (1 - gain) are summed as integers: the sum over a window
        // is exact whatever came before it.
        let half = reach / 2
        let scale: Float = 16_777_216
        let dips = needed.map { Int64(((1 - $0) * scale).rounded(.up)) }
        var sum: Int64 = 0
        for i in 0..<min(frames, half + 1) { sum += dips[i] }
        for frame in 0..<frames {
            if sum > 0 {
                let window = min(frames, frame + half + 1) - max(0, frame - half)
                let gain = 1 - Float(sum) / scale / Float(window)
                for c in 0..<channels {
                    let i = frame * channels + c
                    samples[i] = max(-ceiling, min(ceiling, samples[i] * gain))
                }
            }
            if frame + half + 1 < frames { sum += dips[frame + half + 1] }
            if frame - half >= 0 { sum -= dips[frame - half] }
        }
    }

    /// The minimum of `values` over [i - reach, i + reach], for every i (a monotonic queue).
    static func slidingMinimum(_ values: [Float], reach: Int) -> [Float] {
        var out = [Float](repeating: 1, count: values.count)
        var queue: [Int] = []
        var head = 0
        var added = 0
        for i in 0..<values.count {
            while added < values.count && added <= i + reach {
                while queue.count > head && values[queue[queue.count - 1]] >= values[added] { queue.removeLast() }
                queue.append(added)
                added += 1
            }
            while queue[head] < i - reach { head += 1 }
            out[i] = values[queue[head]]
        }
        return out
    }
}
