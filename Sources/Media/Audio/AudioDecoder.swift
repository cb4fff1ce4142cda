public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// Decodes a range of the source's sound to interleaved stereo float at 44.1 kHz.
///
/// Output sample n is time n / 44100 on the presented timeline, exactly: decoding starts a
/// little before the range (so the decoder and resampler have settled) at an input sample
/// whose time is a whole output sample, and samples are placed by their timestamps, so every
/// call yields the same samples for the same times. Gaps in the source are silence; a source
/// without sound gives silence. Each call opens its own demuxer, so calls may run at once.
public final class AudioDecoder: Sendable {
    private let path: String
    private let info: MediaInfo
    private static let settle = 0.5

    public init(path: String, info: MediaInfo) {
        self.path = path
        self.info = info
    }

    /// Output samples [first, first + count), interleaved stereo.
    public func decode(from first: Int64, count: Int) throws(MediaError) -> [Float] {
        var output = [Float](repeating: 0, count: count * AudioGrid.channels)
        guard let audio = info.audio, count > 0 else { return output }
        let input = try MediaInput(path: path)
        for index in 0..<input.streamCount where index != audio.streamIndex {
            input.stream(index).pointee.discard = AVDISCARD_ALL
        }
        let originSeconds = info.video.timeBase.seconds(info.video.originPts)
        let startSeconds = Double(first) / Double(AudioGrid.sampleRate) - Self.settle
        if startSeconds > 0 {
            try input.seek(stream: audio.streamIndex, to: audio.timeBase.ticks(startSeconds + originSeconds))
        }
        let decoder = try AudioStreamDecoder(input.stream(audio.streamIndex))
        var placer = SamplePlacer(inputRate: audio.sampleRate, originSeconds: originSeconds,
                                  timeBase: audio.timeBase, first: first, count: count)
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }
        var reachedEnd = false
        while !placer.isFull {
            let more: Bool
            do { more = try input.read(into: packet) } catch { more = false }
            if !more { break }
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == audio.streamIndex else { continue }
            try decoder.send(packet) { (frame) throws(MediaError) in try placer.place(frame, into: &output) }
        }
        if !placer.isFull {
            reachedEnd = true
            try decoder.send(nil) { (frame) throws(MediaError) in try placer.place(frame, into: &output) }
        }
        try placer.finish(into: &output, flush: reachedEnd)
        return output
    }
}

/// Resamples decoded frames and writes each output sample at its place in the output range.
private struct SamplePlacer {
    let inputRate: Int
    let originSeconds: Double
    let timeBase: Rational
    let first: Int64
    let count: Int
    /// Input samples per whole number of output samples (160 for 48 kHz → 44.1 kHz).
    let inputAlignment: Int64
    let outputPerAlignment: Int64

    private var resampler: Resampler?
    /// The output sample the resampler's next output sample belongs at.
    private var nextOutput: Int64 = 0
    /// The input sample the next frame should start at, if contiguous.
    private var nextInput: Int64 = 0

    init(inputRate: Int, originSeconds: Double, timeBase: Rational, first: Int64, count: Int) {
        self.inputRate = inputRate
        self.originSeconds = originSeconds
        self.timeBase = timeBase
        self.first = first
        self.count = count
        let divisor = Int64(gcd(inputRate, AudioGrid.sampleRate))
        inputAlignment = Int64(inputRate) / divisor
        outputPerAlignment = Int64(AudioGrid.sampleRate) / divisor
    }

    var isFull: Bool { resampler != nil && nextOutput >= first + Int64(count) + 64 }

    mutating func place(_ frame: UnsafeMutablePointer<AVFrame>, into output: inout [Float]) throws(MediaError) {
        let samples = Int(frame.pointee.nb_samples)
        guard samples > 0 else { return }
        var timestamp = frame.pointee.best_effort_timestamp
        if timestamp == FFmpegCodes.noTimestamp { timestamp = frame.pointee.pts }
        let inputIndex: Int64
        if timestamp == FFmpegCodes.noTimestamp {
            inputIndex = nextInput
        } else {
            inputIndex = Int64(((timeBase.seconds(timestamp) - originSeconds) * Double(inputRate)).rounded())
        }
        let tolerance = Int64(inputRate / 500)
        var skip = 0
        if resampler == nil || abs(inputIndex - nextInput) > tolerance {
            // Start (or restart after a gap) at an input sample that falls on a whole output sample.
            if resampler != nil { try drain(into: &output) }
            let remainder = ((inputIndex % inputAlignment) + inputAlignment) % inputAlignment
            skip = Int(remainder == 0 ? 0 : inputAlignment - remainder)
            if skip >= samples {
                nextInput = inputIndex + Int64(samples)
                return
            }
            resampler = try Resampler(frame: frame, outputRate: AudioGrid.sampleRate)
            nextOutput = (inputIndex + Int64(skip)) / inputAlignment * outputPerAlignment
        }
        nextInput = inputIndex + Int64(samples)
        let produced = try resampler!.convert(frame, skipping: skip)
        write(produced, into: &output)
    }

    mutating func finish(into output: inout [Float], flush: Bool) throws(MediaError) {
        if flush, resampler != nil { try drain(into: &output) }
    }

    private mutating func drain(into output: inout [Float]) throws(MediaError) {
        let produced = try resampler!.flush()
        write(produced, into: &output)
        resampler = nil
    }

    private mutating func write(_ produced: [Float], into output: inout [Float]) {
        let frames = produced.count / AudioGrid.channels
        let from = max(0, Int(first - nextOutput))
        let to = min(frames, Int(first + Int64(count) - nextOutput))
        if from < to {
            let destination = Int(nextOutput - first) + from
            for i in from..<to {
                output[2 * (destination + i - from)] = produced[2 * i]
                output[2 * (destination + i - from) + 1] = produced[2 * i + 1]
            }
        }
        nextOutput += Int64(frames)
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
