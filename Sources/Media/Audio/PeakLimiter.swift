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

    /// Limits interleaved `samples` in place; frames already under the ceiling everywhere are
    /// left alone. Only the stretches within `support` of a frame over the ceiling are worked
    /// on, each exactly as a pass over the whole buffer would (the same windows, clipped only
    /// at the buffer's ends).
    func limit(_ samples: inout [Float]) {
        let frames = samples.count / channels
        var over: [Int] = []
        for frame in 0..<frames where peak(samples, frame) > ceiling { over.append(frame) }
        guard let first = over.first else { return }
        var clusterStart = first, previous = first
        for frame in over.dropFirst() + [Int.max] {
            if frame != Int.max && frame - previous <= 2 * support + 1 {
                previous = frame
                continue
            }
            limit(&samples, frames: frames, around: clusterStart...previous)
            clusterStart = frame
            previous = frame
        }
    }

    private func peak(_ samples: [Float], _ frame: Int) -> Float {
        var peak: Float = 0
        for c in 0..<channels { peak = max(peak, abs(samples[frame * channels + c])) }
        return peak
    }

    /// Limits the frames within `support` of `cluster` (frames over the ceiling, none further
    /// than `support` from the rest of the buffer's).
    private func limit(_ samples: inout [Float], frames: Int, around cluster: ClosedRange<Int>) {
        let half = reach / 2
        let touched = max(0, cluster.lowerBound - support)...min(frames - 1, cluster.upperBound + support)
        // The dips feeding the touched frames' averages, and the needed gains feeding those dips.
        let dipped = max(0, touched.lowerBound - half)...min(frames - 1, touched.upperBound + half)
        let read = max(0, dipped.lowerBound - reach)...min(frames - 1, dipped.upperBound + reach)
        var needed = [Float](repeating: 1, count: read.count)
        for frame in read {
            let p = peak(samples, frame)
            if p > ceiling { needed[frame - read.lowerBound] = ceiling / p }
        }
        let minimum = Self.slidingMinimum(needed, reach: reach)
        // A moving average half as wide as the minimum's window, so every frame still gets at
        // most the gain it needs. Dips (1 - gain) are summed as integers: the sum over a window
        // is exact whatever came before it.
        let scale: Float = 16_777_216
        func dip(_ frame: Int) -> Int64 { Int64(((1 - minimum[frame - read.lowerBound]) * scale).rounded(.up)) }
        var sum: Int64 = 0
        for g in max(0, touched.lowerBound - half)...min(frames - 1, touched.lowerBound + half) { sum += dip(g) }
        for frame in touched {
            if sum > 0 {
                let window = min(frames, frame + half + 1) - max(0, frame - half)
                let gain = 1 - Float(sum) / scale / Float(window)
                for c in 0..<channels {
                    let i = frame * channels + c
                    samples[i] = max(-ceiling, min(ceiling, samples[i] * gain))
                }
            }
            if frame + half + 1 < frames { sum += dip(frame + half + 1) }
            if frame - half >= 0 { sum -= dip(frame - half) }
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
