/// What a probe learns about a video file. Times are seconds on the presented timeline:
/// edit lists applied, 0 the start of presentation, `duration` the end of the last presented
/// video frame.
public struct MediaInfo: Sendable, Codable, Equatable {
    public var container: String
    public var duration: Double
    public var video: VideoStreamInfo
    public var audio: AudioStreamInfo?
    /// Every video keyframe in decode order, including pre-roll keyframes hidden by an edit
    /// list (their `time` is negative).
    public var keyframes: [Keyframe]

    public var hasAudio: Bool { audio != nil }
    /// The keyframes a chunk may start at: those at or after 0.
    public var presentedKeyframeTimes: [Double] { keyframes.map(\.time).filter { $0 >= 0 } }
}

public struct VideoStreamInfo: Sendable, Codable, Equatable {
    public var streamIndex: Int
    public var codec: String
    public var width: Int
    public var height: Int
    public var fps: Double
    public var timeBase: Rational
    /// The presentation timestamp (in `timeBase`) that is time 0.
    public var originPts: Int64
    /// The decode timestamp of the first stored packet (pre-roll included).
    public var firstDts: Int64
    /// The presentation timestamp of the earliest stored frame (pre-roll included).
    public var firstPts: Int64
    /// A frame's duration in `timeBase`, for the last frame of the stream.
    public var frameDuration: Int64
    public var frameCount: Int
}

public struct AudioStreamInfo: Sendable, Codable, Equatable {
    public var streamIndex: Int
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    public var timeBase: Rational
}

public struct Keyframe: Sendable, Codable, Equatable {
    /// Presentation timestamp in the video time base.
    public var pts: Int64
    /// Seconds on the presented timeline.
    public var time: Double
}
