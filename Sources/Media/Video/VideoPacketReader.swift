internal import CFFmpeg
internal import CFFmpegShims

/// Reads the stored video packets of one chunk, in decode order, without decoding them.
enum VideoPacketReader {
    /// The packets from the chunk's start keyframe (or the stream's first packet) up to the
    /// next chunk's keyframe. Each sample's duration runs to the next packet's dts.
    static func read(_ span: ChunkSpan, path: String, info: MediaInfo, format: VideoTrackFormat) throws(MediaError) -> [MediaSample] {
        let stream = info.video.streamIndex
        let input = try MediaInput(path: path)
        for index in 0..<input.streamCount where index != stream {
            input.stream(index).pointee.discard = AVDISCARD_ALL
        }
        if let start = span.startKeyframePts {
            try input.seek(stream: stream, to: start)
        }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }

        var samples: [MediaSample] = []
        var started = span.startKeyframePts == nil
        var nextDts: Int64?
        while try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == stream else { continue }
            let p = packet.pointee
            let pts = p.pts != FFmpegCodes.noTimestamp ? p.pts : p.dts
            let dts = p.dts != FFmpegCodes.noTimestamp ? p.dts : pts
            guard pts != FFmpegCodes.noTimestamp else { continue }
            let isKey = p.flags & FFmpegCodes.keyFlag != 0
            if !started {
                if isKey && pts == span.startKeyframePts { started = true } else { continue }
            }
            if isKey, let end = span.endKeyframePts, pts == end {
                nextDts = dts
                break
            }
            let bytes = Array(UnsafeBufferPointer(start: p.data, count: Int(p.size)))
            samples.append(MediaSample(data: format.annexB ? AnnexB.lengthPrefixed(bytes) : bytes,
                                       dts: dts, pts: pts, duration: p.duration, isSync: isKey))
        }
        guard started, !samples.isEmpty else {
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
}
