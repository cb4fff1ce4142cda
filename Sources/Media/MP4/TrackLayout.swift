/// How the chunks' tracks map the source onto the fragmented MP4 timelines. Written once per
/// output folder (tracks.json) so the final video can be assembled from the segments alone.
///
/// Video media time is the source's own timeline: decode time `(dts - firstDts)·tickScale`,
/// presentation `(pts - origin)·tickScale + videoPresentationShift`, so frames at time 0 sit at
/// media time `videoPresentationShift` (0 unless an edit list hides pre-roll frames; then the
/// init segment's edit list skips them). Audio media time is output sample + 1024: chunk 0
/// carries the AAC priming packet, which the audio edit list skips.
struct TrackLayout: Codable, Equatable {
    static let videoTrackID: UInt32 = 1
    static let audioTrackID: UInt32 = 2
    static let audioPriming: Int64 = Int64(AudioGrid.frameSize)

    var video: VideoTrackFormat
    var audioConfiguration: [UInt8]
    var videoTimescale: Int64
    var tickScale: Int64
    var firstDts: Int64
    var originPts: Int64
    var videoPresentationShift: Int64

    init(info: MediaInfo, video: VideoTrackFormat, audioConfiguration: [UInt8]) {
        self.video = video
        self.audioConfiguration = audioConfiguration
        videoTimescale = info.video.timeBase.den
        tickScale = info.video.timeBase.num
        firstDts = info.video.firstDts
        originPts = info.video.originPts
        videoPresentationShift = max(0, (info.video.originPts - info.video.firstPts) * info.video.timeBase.num)
    }

    func videoDecodeTime(_ dts: Int64) -> Int64 { (dts - firstDts) * tickScale }
    func videoPresentationTime(_ pts: Int64) -> Int64 { (pts - originPts) * tickScale + videoPresentationShift }
    /// Source dts relative to time 0, in the media timescale (for the final MP4).
    func finalVideoDts(decodeTime: Int64) -> Int64 { decodeTime + (firstDts - originPts) * tickScale }
}
