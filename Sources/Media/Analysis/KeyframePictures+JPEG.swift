public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// A keyframe as a JPEG picture, for a model that looks at images.
public struct KeyframeJPEG: Sendable, Equatable {
    /// Seconds on the presented timeline.
    public var time: Double
    public var data: [UInt8]
}

extension KeyframePictures {
    /// The keyframes of [start, end) as JPEGs, at most `count` of them evenly spread, each
    /// shrunk by a whole factor (every n-th pixel) so its longer side is at most `maxSide`.
    /// 8-bit 4:2:0 planar video only (what H.264 and HEVC sources decode to here).
    public static func jpegs(source: MediaSource, info: MediaInfo, from start: Double, to end: Double,
                             count: Int, maxSide: Int = 768) throws(MediaError) -> [KeyframeJPEG] {
        let times = info.keyframes.map(\.time).filter { $0 >= start - 1e-6 && $0 < end }.sorted()
        guard !times.isEmpty, count > 0 else { return [] }
        let step = max(1, Int((Double(times.count) / Double(count)).rounded(.up)))
        let wanted = Set(stride(from: 0, to: times.count, by: step).map { times[$0] })
        var pictures: [KeyframeJPEG] = []
        try forEachKeyframe(source: source, info: info, from: start, to: end) { time, frame throws(MediaError) in
            guard wanted.contains(where: { abs($0 - time) < 1e-3 }) else { return }
            pictures.append(KeyframeJPEG(time: time, data: try encode(frame, maxSide: maxSide)))
        }
        return pictures
    }

    private static func encode(_ frame: UnsafeMutablePointer<AVFrame>, maxSide: Int) throws(MediaError) -> [UInt8] {
        let format = AVPixelFormat(rawValue: frame.pointee.format)
        guard format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P else {
            throw MediaError(.unsupportedCodec, "keyframe pictures need 8-bit 4:2:0 video")
        }
        let factor = max(1, Int((Double(max(frame.pointee.width, frame.pointee.height)) / Double(maxSide)).rounded(.up)))
        let width = Int(frame.pointee.width) / factor / 2 * 2, height = Int(frame.pointee.height) / factor / 2 * 2
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG) else { throw MediaError(.unsupportedCodec, "no JPEG encoder") }
        var context = avcodec_alloc_context3(codec)
        var small = av_frame_alloc()
        var packet = av_packet_alloc()
        defer {
            av_packet_free(&packet)
            av_frame_free(&small)
            avcodec_free_context(&context)
        }
        guard let context, let small, let packet else { throw MediaError(.io, "out of memory") }
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
        context.pointee.time_base = AVRational(num: 1, den: 25)
        context.pointee.flags |= AV_CODEC_FLAG_QSCALE
        context.pointee.global_quality = 4 * FF_QP2LAMBDA
        try check(avcodec_open2(context, codec, nil), "opening the JPEG encoder")
        small.pointee.width = Int32(width)
        small.pointee.height = Int32(height)
        small.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        small.pointee.quality = context.pointee.global_quality
        try check(av_frame_get_buffer(small, 0), "allocating a picture")
        let source = [frame.pointee.data.0, frame.pointee.data.1, frame.pointee.data.2]
        let sourceStride = [frame.pointee.linesize.0, frame.pointee.linesize.1, frame.pointee.linesize.2]
        let target = [small.pointee.data.0, small.pointee.data.1, small.pointee.data.2]
        let targetStride = [small.pointee.linesize.0, small.pointee.linesize.1, small.pointee.linesize.2]
        for plane in 0..<3 {
            guard let from = source[plane], let to = target[plane] else { throw MediaError(.codec, "a picture without planes") }
            let (w, h) = plane == 0 ? (width, height) : (width / 2, height / 2)
            for y in 0..<h {
                let row = from.advanced(by: y * factor * Int(sourceStride[plane]))
                let out = to.advanced(by: y * Int(targetStride[plane]))
                for x in 0..<w { out[x] = row[x * factor] }
            }
        }
        try check(avcodec_send_frame(context, small), "encoding a JPEG")
        avcodec_send_frame(context, nil)
        var data: [UInt8] = []
        while avcodec_receive_packet(context, packet) >= 0 {
            data += UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size))
            av_packet_unref(packet)
        }
        guard !data.isEmpty else { throw MediaError(.codec, "the JPEG encoder gave nothing") }
        return data
    }
}
