extension IntervalPlanner {
    /// `highlights` output: one chunk per commentary segment of a `full` chunk (`window`).
    /// Each segment, with `lead` seconds before and `tail` after, is widened to keyframes
    /// (the keyframe at or before its start, the first at or after its end) and kept inside
    /// the window, whose bounds are keyframes too; segments that touch or overlap become one.
    /// Indices count up from `firstIndex` in timeline order.
    public static func highlights(of segments: [(start: Double, end: Double)], within window: ChunkSpan,
                                  keyframes: [Keyframe], duration: Double, lead: Double = 1.0, tail: Double = 1.0,
                                  firstIndex: Int) -> [ChunkSpan] {
        let inside = keyframes.filter { $0.time > window.start + epsilon && $0.time < window.end - epsilon }
            .sorted { $0.time < $1.time }
        var merged: [ChunkSpan] = []
        for segment in segments.sorted(by: { $0.start < $1.start }) {
            let before = inside.last { $0.time <= segment.start - lead + epsilon }
            let after = inside.first { $0.time >= segment.end + tail - epsilon }
            var span = ChunkSpan(index: 0, interval: window.interval,
                                 start: before?.time ?? window.start, end: after?.time ?? window.end,
                                 startKeyframePts: before?.pts ?? window.startKeyframePts,
                                 endKeyframePts: after?.pts ?? window.endKeyframePts)
            if let last = merged.last, span.start <= last.end + epsilon {
                span.start = last.start
                span.startKeyframePts = last.startKeyframePts
                if span.end < last.end {
                    span.end = last.end
                    span.endKeyframePts = last.endKeyframePts
                }
                merged[merged.count - 1] = span
            } else {
                merged.append(span)
            }
        }
        return merged.enumerated().map { offset, span in
            var span = span
            span.index = firstIndex + offset
            return span
        }
    }
}
