public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// Reads a file's streams and its video keyframes from packets, without decoding.
public enum MediaProbe {
    enum Method { case automatic, scan, index }

    /// A file still being uploaded is probed from its MP4 index when it has one (the moov box
    /// came first), so the plan is known before the media data has arrived; anything else is
    /// probed by reading every video packet.
    public static func probe(_ source: MediaSource) throws(MediaError) -> MediaInfo {
        try probe(source, method: .automatic)
    }

    /// A finished file.
    public static func probe(_ url: URL) throws(MediaError) -> MediaInfo {
        try probe(MediaSource(url), method: .automatic)
    }

    static func probe(_ source: MediaSource, method: Method) throws(MediaError) -> MediaInfo {
        let input = try MediaInput(source: source)
        let name = source.url.lastPathComponent
        let videoIndex = try videoStream(input, name: name)
        let useIndex = method == .index || (method == .automatic && input.isGrowing)
        let tally: PacketTally
        if useIndex, input.demuxerName.hasPrefix("mov"), let indexed = try indexedVideo(input, stream: videoIndex) {
            tally = indexed
        } else {
            tally = try scanVideoPackets(input, stream: videoIndex)
        }
        return try info(input, videoIndex: videoIndex, tally: tally, name: name)
    }

    /// The first video stream, checked to have a size and a time base.
    static func videoStream(_ input: MediaInput, name: String) throws(MediaError) -> Int {
        guard let videoIndex = input.firstStream(of: AVMEDIA_TYPE_VIDEO) else {
            throw MediaError(.noVideoStream, "the file has no video stream: \(name)")
        }
        let videoStream = input.stream(videoIndex)
        let parameters = videoStream.pointee.codecpar.pointee
        guard parameters.width > 0, parameters.height > 0, videoStream.pointee.time_base.num > 0,
              videoStream.pointee.time_base.den > 0 else {
            throw MediaError(.corruptFile, "the video stream has no size or time base: \(name)")
        }
        return videoIndex
    }

    /// What the packets read (all of them) say about the file.
    static func info(_ input: MediaInput, videoIndex: Int, tally scan: PacketTally, name: String,
                     origin: Int64? = nil) throws(MediaError) -> MediaInfo {
        let videoStream = input.stream(videoIndex)
        let timeBase = Rational(Int64(videoStream.pointee.time_base.num), Int64(videoStream.pointee.time_base.den))
        guard scan.firstDts != nil, scan.frames > 0 else {
            throw MediaError(.corruptFile, "the video stream has no frames: \(name)")
        }
        let origin = origin ?? originPts(input, videoTimeBase: timeBase, firstPresentedPts: scan.firstPresentedPts ?? 0)
        let frameDuration = scan.typicalDuration > 0 ? scan.typicalDuration : fallbackFrameDuration(videoStream, timeBase)
        let end = presentedEnd(videoStream, scan: scan, frameDuration: frameDuration)
        let duration = timeBase.seconds(end - origin)
        guard duration > 0 else {
            throw MediaError(.corruptFile, "the video has no presented frames: \(name)")
        }
        try checkNotTruncated(videoStream, timeBase: timeBase, observedEnd: end, name: name)
        let measuredFps = Double(scan.presentedFrames) / duration
        let declared = av_q2d(videoStream.pointee.r_frame_rate)
        let fps = declared > 0 && abs(declared - measuredFps) / measuredFps < 0.02 ? declared : measuredFps
        return partialInfo(input, videoIndex: videoIndex, tally: scan, origin: origin, duration: duration, fps: fps)
    }

    /// The info with what is known so far: `duration` infinite until the end is read, `fps`
    /// the declared rate, the keyframes read so far.
    static func partialInfo(_ input: MediaInput, videoIndex: Int, tally scan: PacketTally, origin: Int64? = nil,
                            duration: Double = .infinity, fps: Double? = nil) -> MediaInfo {
        let videoStream = input.stream(videoIndex)
        let parameters = videoStream.pointee.codecpar.pointee
        let timeBase = Rational(Int64(videoStream.pointee.time_base.num), Int64(videoStream.pointee.time_base.den))
        let origin = origin ?? originPts(input, videoTimeBase: timeBase, firstPresentedPts: scan.firstPresentedPts ?? 0)
        let frameDuration = scan.typicalDuration > 0 ? scan.typicalDuration : fallbackFrameDuration(videoStream, timeBase)
        let declared = av_q2d(videoStream.pointee.r_frame_rate) > 0 ? av_q2d(videoStream.pointee.r_frame_rate)
            : av_q2d(videoStream.pointee.avg_frame_rate)
        return MediaInfo(
            container: AllowedContainers.shortName(input.demuxerName),
            duration: duration,
            video: VideoStreamInfo(
                streamIndex: videoIndex,
                codec: String(cString: avcodec_get_name(parameters.codec_id)),
                width: Int(parameters.width), height: Int(parameters.height), fps: fps ?? (declared > 0 ? declared : 25),
                timeBase: timeBase, originPts: origin, firstDts: firstDts(input, videoIndex: videoIndex, scan, frameDuration),
                firstPts: scan.minPts == .max ? 0 : scan.minPts, frameDuration: frameDuration, frameCount: scan.frames),
            audio: audioInfo(input),
            keyframes: scan.keyframePts.map { Keyframe(pts: $0, time: timeBase.seconds($0 - origin)) })
    }

    static func audioInfo(_ input: MediaInput) -> AudioStreamInfo? {
        guard let index = input.firstStream(of: AVMEDIA_TYPE_AUDIO) else { return nil }
        let stream = input.stream(index)
        let parameters = stream.pointee.codecpar.pointee
        guard parameters.sample_rate > 0, parameters.ch_layout.nb_channels > 0 else { return nil }
        return AudioStreamInfo(
            streamIndex: index,
            codec: String(cString: avcodec_get_name(parameters.codec_id)),
            sampleRate: Int(parameters.sample_rate),
            channels: Int(parameters.ch_layout.nb_channels),
            timeBase: Rational(Int64(stream.pointee.time_base.num), Int64(stream.pointee.time_base.den)))
    }

    private static func scanVideoPackets(_ input: MediaInput, stream: Int) throws(MediaError) -> PacketTally {
        var tally = PacketTally()
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }
        // Only the video stream's packets are wanted; the others are skipped by the demuxer.
        for index in 0..<input.streamCount where index != stream {
            input.stream(index).pointee.discard = AVDISCARD_ALL
        }
        while try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            tally.add(packet, stream: stream)
        }
        return tally
    }

    /// The video's samples from the MP4 index (no media data read, but the first keyframe's,
    /// to learn how far its presentation time lies after its decode time).
    private static func indexedVideo(_ input: MediaInput, stream: Int) throws(MediaError) -> PacketTally? {
        let avStream = input.stream(stream)
        let count = avformat_index_get_entries_count(avStream)
        guard count > 0 else { return nil }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }
        for index in 0..<input.streamCount where index != stream { input.stream(index).pointee.discard = AVDISCARD_ALL }
        var keyOffset: Int64?
        while keyOffset == nil, try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            if Int(packet.pointee.stream_index) == stream, packet.pointee.flags & FFmpegCodes.keyFlag != 0,
               packet.pointee.pts != FFmpegCodes.noTimestamp, packet.pointee.dts != FFmpegCodes.noTimestamp {
                keyOffset = packet.pointee.pts - packet.pointee.dts
            }
        }
        guard let keyOffset else { return nil }
        var scan = PacketTally()
        var lastPresented: Int64?
        for i in 0..<count {
            guard let entry = avformat_index_get_entry(avStream, i) else { continue }
            let dts = entry.pointee.timestamp
            let flags = entry.pointee.flags
            if scan.firstDts == nil { scan.firstDts = dts }
            scan.frames += 1
            if flags & AVINDEX_KEYFRAME != 0 {
                scan.keyframePts.append(dts + keyOffset)
                scan.minPts = min(scan.minPts, dts + keyOffset)
            }
            scan.maxPts = max(scan.maxPts, dts + keyOffset)
            if flags & AVINDEX_DISCARD_FRAME == 0 {
                scan.presentedFrames += 1
                scan.firstPresentedPts = min(scan.firstPresentedPts ?? dts + keyOffset, dts + keyOffset)
                lastPresented = max(lastPresented ?? .min, dts + keyOffset)
            }
        }
        if count > 1, let first = scan.firstDts, let last = avformat_index_get_entry(avStream, count - 1)?.pointee.timestamp {
            scan.typicalDuration = (last - first) / Int64(count - 1)
        }
        if let lastPresented { scan.maxPresentedEnd = lastPresented + scan.typicalDuration }
        return scan
    }

    /// Time 0 of the presented timeline. MP4 and Matroska timelines start at 0 by definition
    /// (a video that starts at 0.033 s keeps that offset); an MPEG-TS timeline starts at the
    /// container's first timestamp, which is arbitrary.
    static func originPts(_ input: MediaInput, videoTimeBase: Rational, firstPresentedPts: Int64) -> Int64 {
        guard input.demuxerName == "mpegts" else { return 0 }
        let start = input.context!.pointee.start_time
        if start == FFmpegCodes.noTimestamp { return firstPresentedPts }
        return Rational(1, Int64(AV_TIME_BASE)).rescale(start, to: videoTimeBase)
    }

    /// The end of presentation: the last presented frame's end, or the end an edit list sets
    /// when it falls between that and the last stored frame's end (the last frame is held).
    private static func presentedEnd(_ stream: UnsafeMutablePointer<AVStream>, scan: PacketTally, frameDuration: Int64) -> Int64 {
        let stored = scan.maxPts + frameDuration
        let presented = scan.maxPresentedEnd ?? stored
        let declared = stream.pointee.duration
        guard declared != FFmpegCodes.noTimestamp, declared > 0 else { return presented }
        let start = stream.pointee.start_time == FFmpegCodes.noTimestamp ? 0 : max(0, stream.pointee.start_time)
        let declaredEnd = start + declared
        return declaredEnd > presented && declaredEnd <= stored ? declaredEnd : presented
    }

    /// The first packet's decode time. Matroska stores none: with B-frames the stream starts
    /// decoding `video_delay` frames before its first keyframe is presented (`DecodeTimes`).
    private static func firstDts(_ input: MediaInput, videoIndex: Int, _ scan: PacketTally, _ frameDuration: Int64) -> Int64 {
        guard AllowedContainers.shortName(input.demuxerName) == "matroska", let pts = scan.firstPacketPts else { return scan.firstDts ?? 0 }
        return DecodeTimes(delay: Int(input.stream(videoIndex).pointee.codecpar.pointee.video_delay), frameDuration: frameDuration)
            .firstDts(pts: pts)
    }

    static func fallbackFrameDuration(_ stream: UnsafeMutablePointer<AVStream>, _ timeBase: Rational) -> Int64 {
        let rate = av_q2d(stream.pointee.avg_frame_rate)
        return max(1, timeBase.ticks(1 / (rate > 0 ? rate : 25)))
    }

    /// A container that declares a longer video than its packets hold was cut short.
    private static func checkNotTruncated(_ stream: UnsafeMutablePointer<AVStream>, timeBase: Rational,
                                          observedEnd: Int64, name: String) throws(MediaError) {
        let declared = stream.pointee.duration
        guard declared != FFmpegCodes.noTimestamp, declared > 0 else { return }
        let start = stream.pointee.start_time == FFmpegCodes.noTimestamp ? 0 : stream.pointee.start_time
        let declaredEnd = timeBase.seconds(start + declared)
        let observed = timeBase.seconds(observedEnd)
        if observed < declaredEnd - max(1.0, declaredEnd * 0.05) {
            throw MediaError(.corruptFile, String(format: "the file is truncated: its video stops at %.1f s of %.1f s (%@)",
                                                  observed, declaredEnd, name))
        }
    }
}
