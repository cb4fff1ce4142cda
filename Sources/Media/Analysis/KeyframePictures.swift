public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// A decoded keyframe reduced to what scene-cut detection needs: its luma histogram and
/// its layout (mean luma of a 4x4 grid of regions).
public struct KeyframePicture: Sendable, Equatable {
    /// Seconds on the presented timeline.
    public var time: Double
    /// 32 bins over luma 0...255, summing to 1.
    public var histogram: [Double]
    /// Mean luma (0...255) of 4x4 regions, row by row.
    public var layout: [Double]

    public init(time: Double, histogram: [Double], layout: [Double] = []) {
        self.time = time
        self.histogram = histogram
        self.layout = layout
    }
}

/// Decodes only the keyframes of a stretch of video (the decoder skips every other frame)
/// and samples their luma plane on a coarse grid.
public enum KeyframePictures {
    public static let bins = 32

    public static func histograms(source: MediaSource, info: MediaInfo, from start: Double, to end: Double) throws(MediaError) -> [KeyframePicture] {
        var pictures: [KeyframePicture] = []
        try forEachKeyframe(source: source, info: info, from: start, to: end) { time, frame in
            let (histogram, layout) = measure(frame)
            pictures.append(KeyframePicture(time: time, histogram: histogram, layout: layout))
        }
        return pictures
    }

    /// Decodes the keyframes presented in [start, end) and hands each decoded frame over.
    static func forEachKeyframe(source: MediaSource, info: MediaInfo, from start: Double, to end: Double,
                                _ body: (Double, UnsafeMutablePointer<AVFrame>) throws(MediaError) -> Void) throws(MediaError) {
        let input = try MediaInput(source: source, analysis: .headerWhenComplete)
        let index = info.video.streamIndex
        for other in 0..<input.streamCount where other != index { input.stream(other).pointee.discard = AVDISCARD_ALL }
        let stream = input.stream(index)
        guard let codec = avcodec_find_decoder(stream.pointee.codecpar.pointee.codec_id) else {
            throw MediaError(.unsupportedCodec, "no decoder for the video codec")
        }
        var context = avcodec_alloc_context3(codec)
        var frame = av_frame_alloc()
        var packet = av_packet_alloc()
        defer {
            av_packet_free(&packet)
            av_frame_free(&frame)
            avcodec_free_context(&context)
        }
        guard let context, let frame, let packet else { throw MediaError(.io, "out of memory") }
        try check(avcodec_parameters_to_context(context, stream.pointee.codecpar), "video decoder parameters")
        context.pointee.skip_frame = AVDISCARD_NONKEY
        context.pointee.thread_count = 1
        try check(avcodec_open2(context, codec, nil), "opening the video decoder")
        let timeBase = info.video.timeBase
        if start > 0 { try input.seek(stream: index, to: timeBase.ticks(start) + info.video.originPts) }

        func drain() throws(MediaError) {
            while avcodec_receive_frame(context, frame) >= 0 {
                defer { av_frame_unref(frame) }
                let time = timeBase.seconds(frame.pointee.best_effort_timestamp - info.video.originPts)
                if time >= start - 1e-6, time < end { try body(time, frame) }
            }
        }
        while try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == index, packet.pointee.flags & FFmpegCodes.keyFlag != 0 else { continue }
            let pts = packet.pointee.pts == FFmpegCodes.noTimestamp ? packet.pointee.dts : packet.pointee.pts
            if timeBase.seconds(pts - info.video.originPts) >= end { break }
            if avcodec_send_packet(context, packet) >= 0 { try drain() }
        }
        avcodec_send_packet(context, nil)
        try drain()
    }

    /// Luma histogram and 4x4 layout from every 4th pixel of every 4th row (8-bit planar YUV formats).
    private static func measure(_ frame: UnsafeMutablePointer<AVFrame>) -> ([Double], [Double]) {
        var counts = [Double](repeating: 0, count: bins)
        var sums = [Double](repeating: 0, count: 16), cells = [Double](repeating: 0, count: 16)
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        let stride = Int(frame.pointee.linesize.0)
        guard let plane = frame.pointee.data.0, width > 0, height > 0 else { return (counts, sums) }
        var total = 0.0
        for y in Swift.stride(from: 0, to: height, by: 4) {
            let row = plane.advanced(by: y * stride)
            let cellRow = min(3, y * 4 / height) * 4
            for x in Swift.stride(from: 0, to: width, by: 4) {
                counts[Int(row[x]) * bins / 256] += 1
                total += 1
                let cell = cellRow + min(3, x * 4 / width)
                sums[cell] += Double(row[x])
                cells[cell] += 1
            }
        }
        return (counts.map { $0 / total }, zip(sums, cells).map { $1 > 0 ? $0 / $1 : 0 })
    }
}
