/// Decode times for a video whose container stores only presentation times (Matroska): with
/// B-frames, a frame's decode time is the presentation time `delay` frames earlier in
/// presentation order, and the first `delay` frames of a run decode that many frame durations
/// before its keyframe. So a run started at any keyframe gets the decode times a run from the
/// start of the stream gives (closed GOPs, as every chunk starts at a keyframe).
struct DecodeTimes {
    /// The decoder's reordering depth in frames (`video_delay`).
    let delay: Int
    let frameDuration: Int64
    /// Presentation times seen so far in this run, sorted.
    private var presented: [Int64] = []

    init(delay: Int, frameDuration: Int64) {
        self.delay = max(0, delay)
        self.frameDuration = max(1, frameDuration)
    }

    /// The decode time of the next packet in decode order.
    mutating func next(pts: Int64) -> Int64 {
        let position = presented.firstIndex { $0 > pts } ?? presented.count
        presented.insert(pts, at: position)
        let index = presented.count - 1
        if index < delay { return presented[0] - Int64(delay - index) * frameDuration }
        return presented[index - delay]
    }

    /// The decode time of a run's first packet, the keyframe presented at `pts`.
    func firstDts(pts: Int64) -> Int64 { pts - Int64(delay) * frameDuration }
}
