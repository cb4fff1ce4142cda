import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// A standalone MP4 through libavformat's mov muxer: moov first (faststart), edit lists for
/// the AAC priming and the exact end, the audio track's timescale the sample rate, and the
/// movie timescale too, so edits are sample-exact. Written to a temporary name and renamed,
/// so a reader never sees half a file.
final class MP4FileWriter {
    private var context: UnsafeMutablePointer<AVFormatContext>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private let destination: URL
    private let temporary: URL
    private let videoTimeBase: Rational
    private var opened = false

    init(writing destination: URL, layout: TrackLayout, videoTimeBase: Rational) throws(MediaError) {
        self.destination = destination
        self.videoTimeBase = videoTimeBase
        temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        var context: UnsafeMutablePointer<AVFormatContext>?
        try check(avformat_alloc_output_context2(&context, nil, "mp4", nil), "creating an MP4 muxer")
        self.context = context
        packet = av_packet_alloc()
        guard let context, packet != nil else { throw MediaError(.io, "out of memory") }

        guard let video = avformat_new_stream(context, nil), let audio = avformat_new_stream(context, nil) else {
            throw MediaError(.io, "out of memory")
        }
        let v = video.pointee.codecpar!
        v.pointee.codec_type = AVMEDIA_TYPE_VIDEO
        v.pointee.codec_id = layout.video.codec == .h264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC
        v.pointee.width = Int32(layout.video.width)
        v.pointee.height = Int32(layout.video.height)
        try setExtradata(v, layout.video.configuration)
        video.pointee.time_base = AVRational(num: Int32(videoTimeBase.num), den: Int32(videoTimeBase.den))

        let a = audio.pointee.codecpar!
        a.pointee.codec_type = AVMEDIA_TYPE_AUDIO
        a.pointee.codec_id = AV_CODEC_ID_AAC
        a.pointee.sample_rate = Int32(AudioGrid.sampleRate)
        a.pointee.frame_size = Int32(AudioGrid.frameSize)
        a.pointee.bit_rate = Int64(AudioGrid.bitRate)
        CFFmpegShims_setStereoLayout(&a.pointee.ch_layout)
        try setExtradata(a, layout.audioConfiguration)
        audio.pointee.time_base = AVRational(num: 1, den: Int32(AudioGrid.sampleRate))

        // faststart reopens the file by this name to move the index before the data.
        context.pointee.url = av_strdup(temporary.path)
        try check(avio_open(&context.pointee.pb, temporary.path, AVIO_FLAG_WRITE), "creating \(destination.lastPathComponent)", reason: .io)
        opened = true
        var options: OpaquePointer?
        av_dict_set(&options, "movflags", "+faststart", 0)
        av_dict_set(&options, "movie_timescale", "\(AudioGrid.sampleRate)", 0)
        defer { av_dict_free(&options) }
        try check(avformat_write_header(context, &options), "writing the MP4 header", reason: .io)
    }

    private func setExtradata(_ parameters: UnsafeMutablePointer<AVCodecParameters>, _ bytes: [UInt8]) throws(MediaError) {
        let padding = Int(AV_INPUT_BUFFER_PADDING_SIZE)
        guard let memory = av_mallocz(bytes.count + padding)?.assumingMemoryBound(to: UInt8.self) else {
            throw MediaError(.io, "out of memory")
        }
        memory.update(from: bytes, count: bytes.count)
        parameters.pointee.extradata = memory
        parameters.pointee.extradata_size = Int32(bytes.count)
    }

    /// A video frame; timestamps in `videoTimeBase`.
    func writeVideo(_ data: ArraySlice<UInt8>, pts: Int64, dts: Int64, duration: Int64, isSync: Bool) throws(MediaError) {
        try write(stream: 0, data, pts: pts, dts: dts, duration: duration, isSync: isSync, timeBase: videoTimeBase)
    }

    /// An AAC packet; timestamps in output samples.
    func writeAudio(_ data: ArraySlice<UInt8>, pts: Int64, duration: Int64) throws(MediaError) {
        try write(stream: 1, data, pts: pts, dts: pts, duration: duration, isSync: true,
                  timeBase: Rational(1, Int64(AudioGrid.sampleRate)))
    }

    private func write(stream: Int32, _ data: ArraySlice<UInt8>, pts: Int64, dts: Int64, duration: Int64, isSync: Bool,
                       timeBase: Rational) throws(MediaError) {
        guard let packet else { return }
        try check(av_new_packet(packet, Int32(data.count)), "allocating a packet")
        data.withUnsafeBufferPointer { packet.pointee.data.update(from: $0.baseAddress!, count: data.count) }
        packet.pointee.stream_index = stream
        packet.pointee.pts = pts
        packet.pointee.dts = dts
        packet.pointee.duration = duration
        packet.pointee.flags = isSync ? FFmpegCodes.keyFlag : 0
        let target = context!.pointee.streams[Int(stream)]!.pointee.time_base
        av_packet_rescale_ts(packet, AVRational(num: Int32(timeBase.num), den: Int32(timeBase.den)), target)
        let code = av_interleaved_write_frame(context, packet)
        av_packet_unref(packet)
        try check(code, "writing \(destination.lastPathComponent)", reason: .io)
    }

    /// Writes the index, moves it before the data, and publishes the file under its name.
    func finish() throws(MediaError) {
        try check(av_write_trailer(context), "finishing \(destination.lastPathComponent)", reason: .io)
        try closeOutput()
        if rename(temporary.path, destination.path) != 0 {
            throw MediaError(.io, "cannot publish \(destination.lastPathComponent): \(String(cString: strerror(errno)))")
        }
    }

    private func closeOutput() throws(MediaError) {
        if opened {
            opened = false
            try check(avio_closep(&context!.pointee.pb), "closing \(destination.lastPathComponent)", reason: .io)
        }
    }

    deinit {
        if opened {
            avio_closep(&context!.pointee.pb)
            unlink(temporary.path)
        }
        avformat_free_context(context)
        av_packet_free(&packet)
    }
}
