/// One stored sample (a video frame) with timestamps in its stream's time base.
struct MediaSample {
    var data: [UInt8]
    var dts: Int64
    var pts: Int64
    var duration: Int64
    var isSync: Bool
}
