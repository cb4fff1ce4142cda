internal import CFFmpeg

/// What reading a video stream's packets (without decoding them) learns about it, packet by
/// packet: decode and presentation times, frame counts, keyframes. Shared by the whole-file
/// probe and the scan of a file that is still arriving, so both see the same video.
struct PacketTally {
    var firstDts: Int64?
    /// The presentation time of the first packet in decode order.
    var firstPacketPts: Int64?
    var firstPresentedPts: Int64?
    var minPts = Int64.max
    var maxPts = Int64.min
    var maxPresentedEnd: Int64?
    var frames = 0
    var presentedFrames = 0
    var keyframePts: [Int64] = []
    var typicalDuration: Int64 = 0

    /// One video packet; `pts` and `dts` already defaulted to each other when one is missing.
    mutating func add(pts: Int64, dts: Int64, duration: Int64, isKey: Bool, isDiscarded: Bool) {
        if firstDts == nil { (firstDts, firstPacketPts) = (dts, pts) }
        frames += 1
        minPts = min(minPts, pts)
        maxPts = max(maxPts, pts)
        if duration > 0 { typicalDuration = duration }
        if isKey { keyframePts.append(pts) }
        if !isDiscarded {
            presentedFrames += 1
            firstPresentedPts = min(firstPresentedPts ?? pts, pts)
            if duration > 0 { maxPresentedEnd = max(maxPresentedEnd ?? .min, pts + duration) }
        }
    }
}

extension PacketTally {
    /// A packet from the demuxer: counted when it belongs to the video stream and has a time.
    /// Returns its presentation time and whether it is a keyframe, when counted.
    @discardableResult
    mutating func add(_ packet: UnsafeMutablePointer<AVPacket>, stream: Int) -> (pts: Int64, dts: Int64, isKey: Bool)? {
        guard Int(packet.pointee.stream_index) == stream else { return nil }
        let pts = packet.pointee.pts != FFmpegCodes.noTimestamp ? packet.pointee.pts : packet.pointee.dts
        let dts = packet.pointee.dts != FFmpegCodes.noTimestamp ? packet.pointee.dts : pts
        guard pts != FFmpegCodes.noTimestamp else { return nil }
        let isKey = packet.pointee.flags & FFmpegCodes.keyFlag != 0
        add(pts: pts, dts: dts, duration: packet.pointee.duration, isKey: isKey,
            isDiscarded: packet.pointee.flags & FFmpegCodes.discardFlag != 0)
        return (pts, dts, isKey)
    }
}
