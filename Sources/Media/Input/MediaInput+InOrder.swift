internal import CFFmpeg
internal import CFFmpegShims

extension MediaInput {
    /// Sound stored near a video keyframe may belong to up to this many seconds before it
    /// (muxers interleave by decode time, with some delay): a seek for sound starts at a
    /// keyframe at least this much earlier.
    static let interleaveMargin = 2.0

    /// Seeks a file that is still arriving, without the demuxer's own search (Matroska would
    /// read its Cues and MPEG-TS the timestamps at the file's end, neither there yet): the
    /// demuxer is given the keyframes' byte positions read so far and seeks to one of them
    /// exactly: the last keyframe at or before `timestamp` for video, one `interleaveMargin`
    /// earlier for any other stream. Without a seek point before the target, reading goes on
    /// from where it is (the start, for a new input).
    func seekInOrder(stream target: Int, to timestamp: Int64, points: [UploadProgress.SeekPoint]) throws(MediaError) {
        // A fragmented MP4's demuxer seeks within the fragments it has read and reads on in
        // order from there; its index is its sample table, which must not be added to.
        if AllowedContainers.shortName(demuxerName) == "mp4" {
            try check(av_seek_frame(context, Int32(target), timestamp, AVSEEK_FLAG_BACKWARD), "seeking", reason: .corruptFile)
            return
        }
        guard let video = firstStream(of: AVMEDIA_TYPE_VIDEO), !points.isEmpty else { return }
        let videoStream = stream(video)
        let videoTimeBase = Rational(Int64(videoStream.pointee.time_base.num), Int64(videoStream.pointee.time_base.den))
        let targetTimeBase = stream(target).pointee.time_base
        let seconds = Rational(Int64(targetTimeBase.num), Int64(targetTimeBase.den)).seconds(timestamp)
        let margin = target == video ? 0 : Self.interleaveMargin
        guard let chosen = points.last(where: { videoTimeBase.seconds($0.pts) <= seconds - margin + 1e-9 }) else { return }
        // Matroska's index holds a keyframe's presentation time and its cluster; the binary
        // search MPEG-TS uses compares decode times.
        let matroska = AllowedContainers.shortName(demuxerName) == "matroska"
        for point in points {
            av_add_index_entry(videoStream, point.position, matroska ? point.pts : point.dts, 0, 0, AVINDEX_KEYFRAME)
        }
        try check(av_seek_frame(context, Int32(video), matroska ? chosen.pts : chosen.dts, AVSEEK_FLAG_BACKWARD),
                  "seeking", reason: .corruptFile)
    }
}
