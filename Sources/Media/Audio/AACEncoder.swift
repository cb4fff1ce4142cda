internal import CFFmpeg
internal import CFFmpegShims

/// An AAC packet on the output grid: it decodes to samples [pts, pts + 1024), given the packet
/// before it.
struct AACPacket {
    var pts: Int64
    var data: [UInt8]
}

/// FFmpeg's AAC encoder at 44.1 kHz stereo, 192 kb/s, fed whole frames on the grid.
final class AACEncoder {
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    /// The encoder's AudioSpecificConfig (the same for every encoder with these settings).
    let extradata: [UInt8]
    /// Samples of delay: the first packet's pts is the first input sample minus this.
    let delay: Int64

    /// The fast coder without the M/S, intensity-stereo and noise-substitution searches: about
    /// four times faster than FFmpeg's default on real sports sound, with no audible loss at
    /// 192 kb/s (docs/decisions/2026-11-25-aac-encoder.md).
    static let options = [("aac_coder", "fast"), ("aac_ms", "0"), ("aac_is", "0"), ("aac_pns", "0")]

    init() throws(MediaError) {
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_AAC) else {
            throw MediaError(.unsupportedCodec, "FFmpeg has no AAC encoder")
        }
        context = avcodec_alloc_context3(codec)
        frame = av_frame_alloc()
        packet = av_packet_alloc()
        guard let context, let frame, packet != nil else { throw MediaError(.io, "out of memory") }
        context.pointee.sample_rate = Int32(AudioGrid.sampleRate)
        context.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        context.pointee.bit_rate = Int64(AudioGrid.bitRate)
        context.pointee.time_base = AVRational(num: 1, den: Int32(AudioGrid.sampleRate))
        context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        CFFmpegShims_setStereoLayout(&context.pointee.ch_layout)
        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        for (key, value) in Self.options { av_dict_set(&options, key, value, 0) }
        try check(avcodec_open2(context, codec, &options), "opening the AAC encoder")
        guard context.pointee.frame_size == Int32(AudioGrid.frameSize) else {
            throw MediaError(.codec, "unexpected AAC frame size \(context.pointee.frame_size)")
        }
        extradata = Array(UnsafeBufferPointer(start: context.pointee.extradata, count: Int(context.pointee.extradata_size)))
        delay = Int64(context.pointee.initial_padding)

        frame.pointee.nb_samples = Int32(AudioGrid.frameSize)
        frame.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        frame.pointee.sample_rate = Int32(AudioGrid.sampleRate)
        CFFmpegShims_setStereoLayout(&frame.pointee.ch_layout)
        try check(av_frame_get_buffer(frame, 0), "allocating an audio frame")
    }

    /// Encodes interleaved stereo whose first frame is output sample `firstSample` (on the
    /// grid); the length must be a whole number of AAC frames.
    func encode(_ interleaved: ArraySlice<Float>, firstSample: Int64) throws(MediaError) -> [AACPacket] {
        precondition(firstSample % Int64(AudioGrid.frameSize) == 0, "audio must start on the AAC frame grid")
        let frameSize = AudioGrid.frameSize
        precondition(interleaved.count % (frameSize * 2) == 0, "whole AAC frames only")
        var packets: [AACPacket] = []
        for block in 0..<(interleaved.count / (frameSize * 2)) {
            try check(av_frame_make_writable(frame), "audio frame")
            let left = frame!.pointee.extended_data[0]!.withMemoryRebound(to: Float.self, capacity: frameSize) { $0 }
            let right = frame!.pointee.extended_data[1]!.withMemoryRebound(to: Float.self, capacity: frameSize) { $0 }
            interleaved.withUnsafeBufferPointer { source in
                let base = block * frameSize * 2  // relative to the slice's start
                for i in 0..<frameSize {
                    left[i] = source[base + 2 * i]
                    right[i] = source[base + 2 * i + 1]
                }
            }
            frame!.pointee.pts = firstSample + Int64(block * frameSize)
            try check(avcodec_send_frame(context, frame), "encoding audio")
            try receive(into: &packets)
        }
        return packets
    }

    /// Flushes the encoder: the packets it still holds.
    func finish() throws(MediaError) -> [AACPacket] {
        try check(avcodec_send_frame(context, nil), "flushing the AAC encoder")
        var packets: [AACPacket] = []
        try receive(into: &packets)
        return packets
    }

    private func receive(into packets: inout [AACPacket]) throws(MediaError) {
        while true {
            let code = avcodec_receive_packet(context, packet)
            if code == FFmpegCodes.again || code == FFmpegCodes.eof { return }
            try check(code, "encoding audio")
            let data = Array(UnsafeBufferPointer(start: packet!.pointee.data, count: Int(packet!.pointee.size)))
            packets.append(AACPacket(pts: packet!.pointee.pts, data: data))
            av_packet_unref(packet)
        }
    }

    deinit {
        av_packet_free(&packet)
        av_frame_free(&frame)
        avcodec_free_context(&context)
    }
}
