/// One stored sample (a video frame) with timestamps in its stream's time base. `data` is
/// empty when only the layout was read (`VideoPacketReader.layout`); `size` is always set (in
/// the output's form: length-prefixed NAL units).
struct MediaSample {
    var data: [UInt8]
    var size: Int
    var dts: Int64
    var pts: Int64
    var duration: Int64
    var isSync: Bool
}
