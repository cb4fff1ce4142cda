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
    private let source: MediaSource
    private let info: MediaInfo
    private static let settle = 0.5

    public init(source: MediaSource, info: MediaInfo) {
        self.source = source
        self.info = info
    }

    /// Output samples [first, first + count), interleaved stereo.
    public func decode(from first: Int64, count: Int) throws(MediaError) -> [Float] {
        var whole: [Float] = []
        try decode(from: first, count: count, inBlocksOf: max(1, count)) { (block) throws(MediaError) in whole = block }
        return whole
    }

    /// The same samples as `decode(from:count:)`, handed over in consecutive blocks of
    /// `block` frames (the last may be shorter), from one demuxer and decoder: a long stretch
    /// is never held whole, and is decoded once rather than once per block.
    public func decode(from first: Int64, count: Int, inBlocksOf block: Int,
                       _ body: ([Float]) throws(MediaError) -> Void) throws(MediaError) {
        guard count > 0 else { return }
        var output = BlockedOutput(first: first, count: count, block: block)
        guard let audio = info.audio else { return try output.finish(body) }
        let input = try MediaInput(source: source, analysis: .headerWhenComplete)
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
        while !placer.isFull {
            let more: Bool
            do { more = try input.read(into: packet) } catch { more = false }
            if !more { break }
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == audio.streamIndex else { continue }
            try decoder.send(packet) { (frame) throws(MediaError) in
                for piece in try placer.place(frame) { try output.write(piece, body) }
            }
        }
        if !placer.isFull {
            try decoder.send(nil) { (frame) throws(MediaError) in
                for piece in try placer.place(frame) { try output.write(piece, body) }
            }
            if let piece = try placer.drain() { try output.write(piece, body) }
        }
        try output.finish(body)
    }
}

/// Resampled output samples, interleaved stereo, the first of them at output sample `position`.
private struct PlacedSamples {
    var position: Int64
    var samples: [Float]
}

/// Resamples decoded frames and says where on the output grid each resampled run belongs.
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

    /// The runs this frame completes: the rest of a resampler that a gap ended, then its own.
    mutating func place(_ frame: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> [PlacedSamples] {
        let samples = Int(frame.pointee.nb_samples)
        guard samples > 0 else { return [] }
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
        var placed: [PlacedSamples] = []
        if resampler == nil || abs(inputIndex - nextInput) > tolerance {
            // Start (or restart after a gap) at an input sample that falls on a whole output sample.
            if let rest = try drain() { placed.append(rest) }
            let remainder = ((inputIndex % inputAlignment) + inputAlignment) % inputAlignment
            skip = Int(remainder == 0 ? 0 : inputAlignment - remainder)
            if skip >= samples {
                nextInput = inputIndex + Int64(samples)
                return placed
            }
            resampler = try Resampler(frame: frame, outputRate: AudioGrid.sampleRate)
            nextOutput = (inputIndex + Int64(skip)) / inputAlignment * outputPerAlignment
        }
        nextInput = inputIndex + Int64(samples)
        placed.append(advance(try resampler!.convert(frame, skipping: skip)))
        return placed
    }

    /// What the resampler still holds, at the end or before a restart.
    mutating func drain() throws(MediaError) -> PlacedSamples? {
        guard let resampler else { return nil }
        let rest = advance(try resampler.flush())
        self.resampler = nil
        return rest
    }

    private mutating func advance(_ produced: [Float]) -> PlacedSamples {
        defer { nextOutput += Int64(produced.count / AudioGrid.channels) }
        return PlacedSamples(position: nextOutput, samples: produced)
    }
}

/// Output samples [first, first + count) filled from placed runs and handed over in blocks,
/// each once and in order; samples no run reached are silence. Runs arrive in time order, so
/// a block is complete once a run reaches past it.
private struct BlockedOutput {
    private let end: Int64
    private let block: Int
    private var start: Int64
    private var buffer: [Float]

    init(first: Int64, count: Int, block: Int) {
        end = first + Int64(count)
        self.block = block
        start = first
        buffer = [Float](repeating: 0, count: min(block, count) * AudioGrid.channels)
    }

    mutating func write(_ run: PlacedSamples, _ body: ([Float]) throws(MediaError) -> Void) throws(MediaError) {
        let frames = Int64(run.samples.count / AudioGrid.channels)
        var position = max(run.position, start)
        let runEnd = min(run.position + frames, end)
        while position < runEnd {
            let blockEnd = start + Int64(buffer.count / AudioGrid.channels)
            if position >= blockEnd {
                try emit(body)
                continue
            }
            let upTo = min(runEnd, blockEnd)
            let from = Int(position - run.position) * AudioGrid.channels, to = Int(upTo - run.position) * AudioGrid.channels
            let into = Int(position - start) * AudioGrid.channels
            buffer.withUnsafeMutableBufferPointer { destination in
                run.samples.withUnsafeBufferPointer { source in
                    _ = UnsafeMutableBufferPointer(rebasing: destination[into..<(into + to - from)])
                        .initialize(fromContentsOf: source[from..<to])
                }
            }
            position = upTo
        }
    }

    /// Hands over the blocks not yet handed over.
    mutating func finish(_ body: ([Float]) throws(MediaError) -> Void) throws(MediaError) {
        while start < end { try emit(body) }
    }

    /// Hands the block over and clears it for the next one: the same storage, unless the
    /// receiver kept the block (then clearing copies it, as arrays do).
    private mutating func emit(_ body: ([Float]) throws(MediaError) -> Void) throws(MediaError) {
        try body(buffer)
        start += Int64(buffer.count / AudioGrid.channels)
        let next = Int(min(Int64(block), max(0, end - start))) * AudioGrid.channels
        guard next > 0 else { return }
        buffer.removeLast(buffer.count - next)
        buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
