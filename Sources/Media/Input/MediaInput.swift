import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// An opened container: the demuxer on a custom I/O context over one file or one buffer.
///
/// The format is probed from the input's bytes and must be one of the `AllowedContainers`
/// given (uploads by default); no protocol is ever opened (the I/O is ours) and nested opens
/// are refused, so a playlist or concat script disguised as a video cannot make FFmpeg read
/// anything else.
/// Not thread-safe: one owner uses it from one task at a time.
final class MediaInput {
    private(set) var context: UnsafeMutablePointer<AVFormatContext>?
    private var io: UnsafeMutablePointer<AVIOContext>?
    /// Reached by the I/O callbacks through this object (their opaque pointer).
    fileprivate let reader: any InputReader
    private(set) var demuxerName = ""
    /// Set when the file is still arriving and its container streams (Matroska, MPEG-TS,
    /// fragmented MP4): the
    /// demuxer is told the input cannot seek, so it never looks for an index or a duration at
    /// the end of a file whose end is not there yet, and seeks go through the seek points
    /// learned by reading the file in order (`seekInOrder`).
    private var inOrder: UploadProgress?

    /// What an open learns about the streams beyond the container's header.
    enum StreamAnalysis {
        /// FFmpeg's `avformat_find_stream_info`: decodes the first packets of every stream.
        case full
        /// The header alone when it describes every stream completely (MP4's `moov` does),
        /// else full. For the many re-opens of a file already probed: each full analysis opens
        /// a decoder per stream and decodes frames that are thrown away.
        case headerWhenComplete
    }

    convenience init(source: MediaSource, allowing containers: AllowedContainers = .uploads,
                     analysis: StreamAnalysis = .full) throws(MediaError) {
        let reader = try FileReader(source: source)
        if reader.size == 0 { throw MediaError(.emptyFile, "the file is empty: \(source.path)") }
        try self.init(reader: reader, name: source.path, allowing: containers, analysis: analysis)
    }

    /// `name` stands for the bytes in messages.
    convenience init(bytes: [UInt8], name: String, allowing containers: AllowedContainers) throws(MediaError) {
        if bytes.isEmpty { throw MediaError(.emptyFile, "\(name) is empty") }
        try self.init(reader: MemoryReader(bytes), name: name, allowing: containers, analysis: .full)
    }

    /// Every stored property is set before the first FFmpeg call, so a failure at any step
    /// runs `deinit`, which frees what was made.
    private init(reader: any InputReader, name: String, allowing containers: AllowedContainers,
                 analysis: StreamAnalysis) throws(MediaError) {
        CFFmpegShims_setLogLevel(AV_LOG_QUIET)
        self.reader = reader

        let bufferSize = 64 * 1024
        guard let buffer = av_malloc(bufferSize)?.assumingMemoryBound(to: UInt8.self) else {
            throw MediaError(.io, "out of memory opening \(name)")
        }
        guard let io = avio_alloc_context(buffer, Int32(bufferSize), 0, Unmanaged.passUnretained(self).toOpaque(),
                                          mediaInputRead, nil, mediaInputSeek) else {
            var unused: UnsafeMutablePointer<UInt8>? = buffer
            av_freep(&unused)
            throw MediaError(.io, "out of memory opening \(name)")
        }
        self.io = io

        var format: UnsafePointer<AVInputFormat>?
        let probed = av_probe_input_buffer2(io, &format, nil, nil, 0, 0)
        guard probed >= 0, let format, let demuxer = format.pointee.name.map({ String(cString: $0) }) else {
            throw MediaError(.unsupportedFormat, "not \(containers.expected) we can read: \(name)")
        }
        guard containers.demuxers.contains(demuxer) else {
            throw MediaError(.unsupportedFormat,
                             "container '\(demuxer)' is not accepted (only \(containers.accepted)): \(name)")
        }
        demuxerName = demuxer
        if let progress = reader.incomplete,
           Self.streamsInOrder(demuxer) || (AllowedContainers.shortName(demuxer) == "mp4" && Self.isFragmentedMP4(reader)) {
            io.pointee.seekable = 0
            inOrder = progress
        }

        guard var context = avformat_alloc_context() else { throw MediaError(.io, "out of memory") }
        context.pointee.pb = io
        context.pointee.flags |= CFFmpegShims_AVFMT_FLAG_CUSTOM_IO
        CFFmpegShims_refuseNestedOpens(context)
        var options: OpaquePointer?
        av_dict_set(&options, "format_whitelist", containers.whitelist, 0)
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        av_dict_set(&options, "enable_drefs", "0", 0)
        var optional: UnsafeMutablePointer<AVFormatContext>? = context
        let opened = avformat_open_input(&optional, nil, format, &options)
        av_dict_free(&options)
        guard opened >= 0, let openedContext = optional else {
            throw MediaError.ffmpeg(opened, "cannot read the container of \(name)", reason: .corruptFile)
        }
        context = openedContext
        self.context = context
        if analysis == .full || !headerDescribesEveryStream {
            let found = avformat_find_stream_info(context, nil)
            if found < 0 { throw MediaError.ffmpeg(found, "cannot read the streams of \(name)", reason: .corruptFile) }
        }
    }

    /// MP4 only (Matroska and MPEG-TS may learn streams from packets): every stream has its
    /// codec and the parameters its decoder needs.
    private var headerDescribesEveryStream: Bool {
        guard AllowedContainers.shortName(demuxerName) == "mp4", streamCount > 0 else { return false }
        return (0..<streamCount).allSatisfy { index in
            let parameters = stream(index).pointee.codecpar.pointee
            guard parameters.codec_id != AV_CODEC_ID_NONE else { return false }
            switch parameters.codec_type {
            case AVMEDIA_TYPE_VIDEO: return parameters.width > 0 && parameters.height > 0
            case AVMEDIA_TYPE_AUDIO: return parameters.sample_rate > 0 && parameters.ch_layout.nb_channels > 0
            default: return true
            }
        }
    }

    /// The file is still being written (an upload in progress).
    var isGrowing: Bool { reader.isGrowing }
    /// The growing file's progress, while it was incomplete when opened.
    var incompleteProgress: UploadProgress? { inOrder ?? reader.incomplete }
    var isIncomplete: Bool { incompleteProgress != nil }
    /// The file's size when known.
    var size: Int64? { reader.size }
    /// The demuxer reads this incomplete file as a stream, in order (see `inOrder`).
    var readsInOrder: Bool { inOrder != nil }

    var streamCount: Int { Int(context?.pointee.nb_streams ?? 0) }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
        context!.pointee.streams[index]!
    }

    /// The first stream of `type` that is not an attached picture, or nil.
    func firstStream(of type: AVMediaType) -> Int? {
        (0..<streamCount).first { index in
            let stream = self.stream(index)
            return stream.pointee.codecpar.pointee.codec_type == type
                && (stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0
        }
    }

    /// The codec's global header (avcC, hvcC, or Annex B parameter sets) of a stream.
    func extradata(stream index: Int) -> [UInt8] {
        let parameters = stream(index).pointee.codecpar.pointee
        guard let bytes = parameters.extradata, parameters.extradata_size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(parameters.extradata_size)))
    }

    /// Reads the next packet; false at the end of the file. A read error other than the end
    /// is thrown as a corrupt file.
    func read(into packet: UnsafeMutablePointer<AVPacket>) throws(MediaError) -> Bool {
        let code = av_read_frame(context, packet)
        if code == FFmpegCodes.eof { return false }
        if code < 0 {
            // A truncated file ends with an I/O or data error rather than a clean end.
            if code == CFFmpegShims_AVERROR_INVALIDDATA || reader.position >= (reader.size ?? .max) { return false }
            throw MediaError.ffmpeg(code, "reading packets", reason: .corruptFile)
        }
        return true
    }

    /// Seeks `stream` to the last keyframe at or before `timestamp` (in the stream's time base).
    func seek(stream: Int, to timestamp: Int64) throws(MediaError) {
        if let inOrder { return try seekInOrder(stream: stream, to: timestamp, points: inOrder.seekPoints) }
        var target = timestamp
        if AllowedContainers.shortName(demuxerName) == "mpegts" {
            // MPEG-TS has no index: FFmpeg searches the file's timestamps and may land past the
            // keyframe asked for (seen with B-frames, whose keyframe is read before frames shown
            // earlier). From a second before it, reading on finds it.
            let base = self.stream(stream).pointee.time_base
            if base.num > 0 { target -= Int64(base.den) / Int64(base.num) }
        }
        try check(av_seek_frame(context, Int32(stream), target, AVSEEK_FLAG_BACKWARD), "seeking", reason: .corruptFile)
    }

    static func streamsInOrder(_ demuxer: String) -> Bool {
        ["matroska", "mpegts"].contains(AllowedContainers.shortName(demuxer))
    }

    func close() {
        if context != nil { avformat_close_input(&context) }
        if io != nil {
            av_freep(&io!.pointee.buffer)
            avio_context_free(&io)
        }
        reader.close()
    }

    deinit { close() }
}

private func mediaInputRead(_ opaque: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int32) -> Int32 {
    guard let opaque, let buffer else { return FFmpegCodes.eof }
    let reader = Unmanaged<MediaInput>.fromOpaque(opaque).takeUnretainedValue().reader
    let got = reader.read(into: buffer, count: Int(size))
    if got == 0 { return FFmpegCodes.eof }
    if got < 0 { return CFFmpegShims_AVERROR(EIO) }
    return Int32(got)
}

private func mediaInputSeek(_ opaque: UnsafeMutableRawPointer?, _ offset: Int64, _ whence: Int32) -> Int64 {
    guard let opaque else { return -1 }
    let reader = Unmanaged<MediaInput>.fromOpaque(opaque).takeUnretainedValue().reader
    if whence & CFFmpegShims_AVSEEK_SIZE != 0 { return reader.size ?? -1 }
    let target: Int64
    switch whence & ~AVSEEK_FORCE {
    case SEEK_SET: target = offset
    case SEEK_CUR: target = reader.position + offset
    case SEEK_END:
        guard let size = reader.size else { return -1 }
        target = size + offset
    default: return -1
    }
    guard target >= 0 else { return -1 }
    reader.position = target
    return target
}
