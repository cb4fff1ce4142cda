internal import CFFmpeg
internal import CFFmpegShims

/// Reads the stored video packets of one chunk, in decode order, without decoding them: first
/// their layout (timestamps and sizes, no data), then their data one packet at a time, so a
/// chunk's video (tens of MiB) is never held at once.
enum VideoPacketReader {
    /// The packets from the chunk's start keyframe (or the stream's first packet) up to the
    /// next chunk's keyframe, without their data. Each sample's duration runs to the next
    /// packet's dts.
    static func layout(_ span: ChunkSpan, source: MediaSource, info: MediaInfo, format: VideoTrackFormat) throws(MediaError) -> [MediaSample] {
        var samples: [MediaSample] = []
        let nextDts = try walk(span, source: source, info: info, format: format) { sample throws(MediaError) in
            var sample = sample
            sample.data = []
            samples.append(sample)
        }
        guard !samples.isEmpty else {
            throw MediaError(.corruptFile, "chunk \(span.index): its video packets could not be found")
        }
        for i in samples.indices {
            let following = i + 1 < samples.count ? samples[i + 1].dts : nextDts
            if let following, following > samples[i].dts {
                samples[i].duration = following - samples[i].dts
            } else if samples[i].duration <= 0 {
                samples[i].duration = info.video.frameDuration
            }
        }
        return samples
    }

    /// The same packets again, with their data, one at a time.
    static func forEach(_ span: ChunkSpan, source: MediaSource, info: MediaInfo, format: VideoTrackFormat,
                        _ body: (Int, [UInt8]) throws(MediaError) -> Void) throws(MediaError) {
        var index = 0
        _ = try walk(span, source: source, info: info, format: format) { sample throws(MediaError) in
            try body(index, sample.data)
            index += 1
        }
    }

    /// Visits the chunk's packets; returns the dts of the next chunk's keyframe, if any.
    private static func walk(_ span: ChunkSpan, source: MediaSource, info: MediaInfo, format: VideoTrackFormat,
                             _ visit: (MediaSample) throws(MediaError) -> Void) throws(MediaError) -> Int64? {
        let stream = info.video.streamIndex
        let input = try MediaInput(source: source, analysis: .headerWhenComplete)
        for index in 0..<input.streamCount where index != stream {
            input.stream(index).pointee.discard = AVDISCARD_ALL
        }
        if let start = span.startKeyframePts {
            try input.seek(stream: stream, to: start)
        }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }

        var started = span.startKeyframePts == nil
        // Matroska stores no decode times (FFmpeg guesses some, not the first ones).
        var decodeTimes = info.container == "matroska"
            ? DecodeTimes(delay: Int(input.stream(stream).pointee.codecpar.pointee.video_delay), frameDuration: info.video.frameDuration)
            : nil
        while try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == stream else { continue }
            let p = packet.pointee
            let pts = p.pts != FFmpegCodes.noTimestamp ? p.pts : p.dts
            guard pts != FFmpegCodes.noTimestamp else { continue }
            let isKey = p.flags & FFmpegCodes.keyFlag != 0
            if !started {
                if isKey && pts == span.startKeyframePts { started = true } else { continue }
            }
            let dts = decodeTimes?.next(pts: pts) ?? (p.dts != FFmpegCodes.noTimestamp ? p.dts : pts)
            if isKey, let end = span.endKeyframePts, pts == end { return dts }
            let bytes = Array(UnsafeBufferPointer(start: p.data, count: Int(p.size)))
            let data = format.annexB ? AnnexB.lengthPrefixed(bytes) : bytes
            try visit(MediaSample(data: data, size: data.count, dts: dts, pts: pts, duration: p.duration, isSync: isKey))
        }
        guard started else { throw MediaError(.corruptFile, "chunk \(span.index): its video packets could not be found") }
        return nil
    }
}
