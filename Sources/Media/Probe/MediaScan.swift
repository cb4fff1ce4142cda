public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// Reads a video's packets in order, without decoding, as the file arrives: the streams and
/// the first keyframes first, then each keyframe as it is read, then at the end what a whole
/// probe says (`MediaProbe`). So a file whose container streams (Matroska, MPEG-TS,
/// fragmented MP4) is planned while it is uploaded. While the file is incomplete, each
/// keyframe's byte position is published as a seek point (`UploadProgress`), so other readers
/// of the file seek without searching it.
///
/// Its calls block while bytes are missing: run them through `Offload`. One owner calls it
/// from one task at a time.
public final class MediaScan: @unchecked Sendable {
    public enum Step: Sendable {
        /// Keyframes read since the last step, in decode order.
        case keyframes([Keyframe])
        /// The end of the file: everything a probe of the whole file says.
        case end(MediaInfo)
    }

    private let input: MediaInput
    private let videoIndex: Int
    private let name: String
    private let timeBase: Rational
    private var origin: Int64 = 0
    private var tally = PacketTally()
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var ended = false
    private var reported = 0
    private var lastKeyframe: (time: Double, position: Int64)?

    /// Opens the file and reads its streams and first keyframes (two, or up to the end).
    public init(_ source: MediaSource) throws(MediaError) {
        name = source.url.lastPathComponent
        input = try MediaInput(source: source)
        videoIndex = try MediaProbe.videoStream(input, name: name)
        let stream = input.stream(videoIndex)
        timeBase = Rational(Int64(stream.pointee.time_base.num), Int64(stream.pointee.time_base.den))
        for index in 0..<input.streamCount where index != videoIndex {
            input.stream(index).pointee.discard = AVDISCARD_ALL
        }
        guard let packet = av_packet_alloc() else { throw MediaError(.io, "out of memory") }
        self.packet = packet
        // The first GOP settles the earliest presentation time and the frame duration.
        while tally.keyframePts.count < 2, try readPacket() {}
        origin = MediaProbe.originPts(input, videoTimeBase: timeBase, firstPresentedPts: tally.firstPresentedPts ?? 0)
    }

    deinit { av_packet_free(&packet) }

    /// The streams and the keyframes read so far; `duration` is infinite until the end is read.
    public var info: MediaInfo { MediaProbe.partialInfo(input, videoIndex: videoIndex, tally: tally, origin: origin) }

    /// The video's length guessed from how far into the file the last keyframe read lies
    /// (nil without a known file size): for progress, never for the plan.
    public var estimatedDuration: Double? {
        guard let size = input.size, let last = lastKeyframe, last.position > 0, last.time > 0 else { return nil }
        return last.time * Double(size) / Double(last.position)
    }

    /// Reads on until at least one more keyframe, or the end.
    public func next() throws(MediaError) -> Step {
        while !ended, reported == tally.keyframePts.count {
            if try !readPacket() { ended = true }
        }
        return try step()
    }

    private func step() throws(MediaError) -> Step {
        if reported < tally.keyframePts.count {
            let fresh = tally.keyframePts[reported...].map { Keyframe(pts: $0, time: timeBase.seconds($0 - origin)) }
            reported = tally.keyframePts.count
            return .keyframes(fresh)
        }
        return .end(try MediaProbe.info(input, videoIndex: videoIndex, tally: tally, name: name, origin: origin))
    }

    /// One packet; false at the end of the file.
    private func readPacket() throws(MediaError) -> Bool {
        guard let packet, try input.read(into: packet) else { return false }
        defer { av_packet_unref(packet) }
        guard let counted = tally.add(packet, stream: videoIndex), counted.isKey else { return true }
        lastKeyframe = (timeBase.seconds(counted.pts - origin), packet.pointee.pos)
        if let progress = input.incompleteProgress {
            let position = seekPosition(counted.pts)
            if position >= 0 { progress.addSeekPoint(.init(pts: counted.pts, dts: counted.dts, position: position)) }
        }
        return true
    }

    /// Where a demuxer resumes to read the keyframe just read: Matroska indexes each keyframe
    /// at its cluster; other demuxers at the packet.
    private func seekPosition(_ pts: Int64) -> Int64 {
        let stream = input.stream(videoIndex)
        if AllowedContainers.shortName(input.demuxerName) == "matroska" {
            let count = avformat_index_get_entries_count(stream)
            if count > 0, let last = avformat_index_get_entry(stream, count - 1), last.pointee.timestamp == pts {
                return last.pointee.pos
            }
        }
        return packet?.pointee.pos ?? -1
    }
}
