internal import CFFmpeg
internal import CFFmpegShims

/// One opened audio decoder.
final class AudioStreamDecoder {
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    /// Packets the decoder refused (damaged data).
    private(set) var rejectedPackets = 0

    init(_ stream: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        let parameters = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw MediaError(.unsupportedCodec, "no decoder for audio codec \(String(cString: avcodec_get_name(parameters.pointee.codec_id)))")
        }
        context = avcodec_alloc_context3(codec)
        frame = av_frame_alloc()
        guard let context, frame != nil else { throw MediaError(.io, "out of memory") }
        try check(avcodec_parameters_to_context(context, parameters), "audio decoder parameters")
        context.pointee.pkt_timebase = stream.pointee.time_base
        try check(avcodec_open2(context, codec, nil), "opening the audio decoder")
    }

    /// Sends a packet (nil: the end) and hands every frame it yields to `body`. A packet the
    /// decoder rejects is skipped (and counted): damaged audio becomes a short silence, not a failure.
    func send(_ packet: UnsafeMutablePointer<AVPacket>?, _ body: (UnsafeMutablePointer<AVFrame>) throws(MediaError) -> Void) throws(MediaError) {
        let sent = avcodec_send_packet(context, packet)
        if sent < 0 && sent != FFmpegCodes.eof && packet == nil { return }
        if sent < 0 && packet != nil { rejectedPackets += 1 }
        while true {
            let received = avcodec_receive_frame(context, frame)
            if received == FFmpegCodes.again || received == FFmpegCodes.eof || received < 0 { return }
            try body(frame!)
            av_frame_unref(frame)
        }
    }

    deinit {
        av_frame_free(&frame)
        avcodec_free_context(&context)
    }
}
