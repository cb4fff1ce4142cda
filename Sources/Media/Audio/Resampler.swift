internal import CFFmpeg
internal import CFFmpegShims

/// libswresample from a decoder's format to interleaved float at `outputRate`: stereo, or
/// mono (speech), where a stereo source is averaged rather than summed.
final class Resampler {
    private var context: OpaquePointer?
    private let inputRate: Int
    private let outputRate: Int
    private let outputChannels: Int
    private let bytesPerSample: Int
    private let planar: Bool
    private let inputChannels: Int

    init(frame: UnsafeMutablePointer<AVFrame>, outputRate: Int, outputChannels: Int = AudioGrid.channels) throws(MediaError) {
        inputRate = Int(frame.pointee.sample_rate)
        self.outputRate = outputRate
        self.outputChannels = outputChannels
        let format = AVSampleFormat(frame.pointee.format)
        bytesPerSample = Int(av_get_bytes_per_sample(format))
        planar = av_sample_fmt_is_planar(format) != 0
        inputChannels = Int(frame.pointee.ch_layout.nb_channels)
        var outputLayout = AVChannelLayout()
        if outputChannels == 2 {
            CFFmpegShims_setStereoLayout(&outputLayout)
        } else {
            av_channel_layout_default(&outputLayout, Int32(outputChannels))
        }
        defer { av_channel_layout_uninit(&outputLayout) }
        var inputLayout = AVChannelLayout()
        if frame.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&inputLayout, Int32(inputChannels))
        } else {
            av_channel_layout_copy(&inputLayout, &frame.pointee.ch_layout)
        }
        defer { av_channel_layout_uninit(&inputLayout) }
        let allocated = swr_alloc_set_opts2(&context, &outputLayout, AV_SAMPLE_FMT_FLT, Int32(outputRate),
                                            &inputLayout, format, Int32(inputRate), 0, nil)
        guard allocated >= 0, context != nil else { throw MediaError.ffmpeg(allocated, "configuring the resampler") }
        if outputChannels < inputChannels {
            // Float output is not normalised by default: a downmix would sum the channels.
            try check(av_opt_set_double(UnsafeMutableRawPointer(context), "rematrix_maxval", 1, 0), "configuring the downmix")
        }
        try check(swr_init(context), "starting the resampler")
    }

    /// Converts one frame, leaving out its first `skipping` samples.
    func convert(_ frame: UnsafeMutablePointer<AVFrame>, skipping: Int) throws(MediaError) -> [Float] {
        let count = Int(frame.pointee.nb_samples) - skipping
        guard count > 0 else { return [] }
        let planes = planar ? inputChannels : 1
        let stride = planar ? bytesPerSample : bytesPerSample * inputChannels
        var pointers = (0..<planes).map { plane -> UnsafePointer<UInt8>? in
            UnsafePointer(frame.pointee.extended_data[plane]!.advanced(by: skipping * stride))
        }
        return try pointers.withUnsafeMutableBufferPointer { buffer throws(MediaError) in
            try run(buffer.baseAddress, count: count)
        }
    }

    /// What the resampler still holds.
    func flush() throws(MediaError) -> [Float] { try run(nil, count: 0) }

    private func run(_ input: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) throws(MediaError) -> [Float] {
        let capacity = Int(swr_get_out_samples(context, Int32(count))) + 32
        var output = [Float](repeating: 0, count: capacity * outputChannels)
        let produced = output.withUnsafeMutableBytes { raw -> Int32 in
            var plane: UnsafeMutablePointer<UInt8>? = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return swr_convert(context, &plane, Int32(capacity), input, Int32(count))
        }
        try check(produced, "resampling")
        output.removeLast(output.count - Int(produced) * outputChannels)
        return output
    }

    deinit { swr_free(&context) }
}
