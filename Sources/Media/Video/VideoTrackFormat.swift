/// The video codec configuration our MP4 writers need, as MP4 stores it.
struct VideoTrackFormat: Codable, Equatable {
    enum Codec: String, Codable { case h264, hevc }

    var codec: Codec
    /// avcC or hvcC box contents.
    var configuration: [UInt8]
    var width: Int
    var height: Int
    /// The source stores H.264 as Annex B (MPEG-TS): packets are converted to length prefixes.
    var annexB: Bool

    static func make(codec: String, extradata: [UInt8], width: Int, height: Int) throws(MediaError) -> VideoTrackFormat {
        switch codec {
        case "h264":
            if extradata.first == 1 {
                return VideoTrackFormat(codec: .h264, configuration: extradata, width: width, height: height, annexB: false)
            }
            guard let avcC = AnnexB.avcConfiguration(fromAnnexB: extradata) else {
                throw MediaError(.unsupportedCodec, "the H.264 stream carries no SPS/PPS")
            }
            return VideoTrackFormat(codec: .h264, configuration: avcC, width: width, height: height, annexB: true)
        case "hevc":
            guard extradata.first == 1 else {
                throw MediaError(.unsupportedCodec, "HEVC is supported in MP4 and Matroska only, not as Annex B")
            }
            return VideoTrackFormat(codec: .hevc, configuration: extradata, width: width, height: height, annexB: false)
        default:
            throw MediaError(.unsupportedCodec, "video codec '\(codec)' cannot be stream-copied into chunks (H.264 and HEVC can)")
        }
    }
}
