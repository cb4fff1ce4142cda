/// The payloads of the numbered server events (PROTOCOL.md "Server events"), field names as
/// on the wire.
public enum Stage: String, Sendable, Codable {
    case queued, receiving, analyzing, writing, voicing, assembling, finalizing
}

public struct StatusEvent: Sendable, Codable, Equatable {
    public var stage: Stage
    public var message: String
    public var progress: Double
    public var queuePosition: Int?

    public init(stage: Stage, message: String, progress: Double, queuePosition: Int? = nil) {
        self.stage = stage
        self.message = message
        self.progress = progress
        self.queuePosition = queuePosition
    }

    enum CodingKeys: String, CodingKey { case stage, message, progress, queuePosition = "queue_position" }
}

/// `media_info`: sent once the video's streams are known. `duration` and `intervals` are null
/// while the end of the video is not known (a stream read as it arrives); then a second
/// `media_info` with both follows once the end is read (PROTOCOL.md).
public struct MediaInfoEvent: Sendable, Codable, Equatable {
    public var duration: Double?
    public var width: Int
    public var height: Int
    public var fps: Double
    public var hasAudio: Bool
    public var intervalSeconds: Double
    /// The length of interval 0 (equal to `intervalSeconds` unless the first interval is short).
    public var firstIntervalSeconds: Double?
    public var intervals: Int?
    public var playlist: String
    /// A live session: how a player plays it (PROTOCOL.md "Live sessions"); nil otherwise.
    public var live: LivePlayback?

    public init(duration: Double?, width: Int, height: Int, fps: Double, hasAudio: Bool, intervalSeconds: Double,
                firstIntervalSeconds: Double? = nil, intervals: Int?, playlist: String, live: LivePlayback? = nil) {
        self.duration = duration
        self.width = width
        self.height = height
        self.fps = fps
        self.hasAudio = hasAudio
        self.intervalSeconds = intervalSeconds
        self.firstIntervalSeconds = firstIntervalSeconds
        self.intervals = intervals
        self.playlist = playlist
        self.live = live
    }

    /// Whether it says where the video ends.
    public var isFinal: Bool { duration != nil }

    enum CodingKeys: String, CodingKey {
        case duration, width, height, fps, hasAudio = "has_audio", intervalSeconds = "interval_s",
             firstIntervalSeconds = "first_interval_s", intervals, playlist, live, delay = "delay_s", window = "window_s"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        duration = try container.decodeIfPresent(Double.self, forKey: .duration)
        width = try container.decode(Int.self, forKey: .width)
        height = try container.decode(Int.self, forKey: .height)
        fps = try container.decode(Double.self, forKey: .fps)
        hasAudio = try container.decode(Bool.self, forKey: .hasAudio)
        intervalSeconds = try container.decode(Double.self, forKey: .intervalSeconds)
        firstIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .firstIntervalSeconds)
        intervals = try container.decodeIfPresent(Int.self, forKey: .intervals)
        playlist = try container.decode(String.self, forKey: .playlist)
        if try container.decodeIfPresent(Bool.self, forKey: .live) == true {
            live = LivePlayback(delay: try container.decode(Double.self, forKey: .delay), window: try container.decode(Double.self, forKey: .window))
        }
    }

    /// `duration` and `intervals` are always there, null while unknown.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(duration, forKey: .duration)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(fps, forKey: .fps)
        try container.encode(hasAudio, forKey: .hasAudio)
        try container.encode(intervalSeconds, forKey: .intervalSeconds)
        try container.encodeIfPresent(firstIntervalSeconds, forKey: .firstIntervalSeconds)
        try container.encode(intervals, forKey: .intervals)
        try container.encode(playlist, forKey: .playlist)
        if let live {
            try container.encode(true, forKey: .live)
            try container.encode(live.delay, forKey: .delay)
            try container.encode(live.window, forKey: .window)
        }
    }
}

/// How a player plays a live session: `delay` seconds behind the newest frame, and how many
/// seconds of chunks the playlist keeps.
public struct LivePlayback: Sendable, Equatable {
    public var delay: Double
    public var window: Double

    public init(delay: Double, window: Double) {
        self.delay = delay
        self.window = window
    }
}

public struct EventsDetectedEvent: Sendable, Codable, Equatable {
    public var interval: Int
    public var start: Double
    public var end: Double
    public var count: Int
    public var events: [DetectedEvent]
    /// The detector that found them ("local", "gemini", "openai"): a session's first interval
    /// and a failed cloud call are answered by the local one. Absent when detection failed.
    public var detector: String?

    public init(interval: Int, start: Double, end: Double, events: [DetectedEvent], detector: String? = nil) {
        self.interval = interval
        self.start = start
        self.end = end
        self.count = events.count
        self.events = events
        self.detector = detector
    }
}

public struct CommentaryReadyEvent: Sendable, Codable, Equatable {
    public var index: Int
    public var interval: Int
    public var text: String
    public var start: Double
    public var end: Double
    public var voice: String

    public init(index: Int, interval: Int, text: String, start: Double, end: Double, voice: String) {
        self.index = index
        self.interval = interval
        self.text = text
        self.start = start
        self.end = end
        self.voice = voice
    }
}

/// The video's first keyframe as a JPEG, for the player to show before the first chunk.
public struct PosterEvent: Sendable, Codable, Equatable {
    public var url: String
    /// Where the keyframe is on the video's timeline (seconds).
    public var t: Double

    public init(url: String, t: Double) {
        self.url = url
        self.t = t
    }
}

public struct ChunkReadyEvent: Sendable, Codable, Equatable {
    public var index: Int
    public var interval: Int
    public var url: String
    public var start: Double
    public var end: Double
    public var duration: Double

    public init(index: Int, interval: Int, url: String, start: Double, end: Double) {
        self.index = index
        self.interval = interval
        self.url = url
        self.start = start
        self.end = end
        self.duration = end - start
    }
}

public struct WarningEvent: Sendable, Codable, Equatable {
    public var code: String
    public var message: String
    public var interval: Int?
    /// `ingest_gap`: the seconds without the stream's bytes.
    public var gapSeconds: Double?

    public init(code: String, message: String, interval: Int? = nil, gapSeconds: Double? = nil) {
        self.code = code
        self.message = message
        self.interval = interval
        self.gapSeconds = gapSeconds
    }

    enum CodingKeys: String, CodingKey {
        case code, message, interval, gapSeconds = "gap_s"
    }
}

public struct ErrorEvent: Sendable, Codable, Equatable {
    public var code: String
    public var message: String
    public var fatal: Bool
    public var interval: Int?
    public var index: Int?

    public init(code: String, message: String, fatal: Bool, interval: Int? = nil, index: Int? = nil) {
        self.code = code
        self.message = message
        self.fatal = fatal
        self.interval = interval
        self.index = index
    }
}

public struct CompleteEvent: Sendable, Codable, Equatable {
    public struct Stats: Sendable, Codable, Equatable {
        public var firstChunkMs: Int?
        public var totalMs: Int
        /// Cloud services used, by name (absent when the session used only local providers).
        public var usage: [String: ProviderUsage]?

        public init(firstChunkMs: Int?, totalMs: Int, usage: [String: ProviderUsage]? = nil) {
            self.firstChunkMs = firstChunkMs
            self.totalMs = totalMs
            self.usage = usage
        }

        enum CodingKeys: String, CodingKey { case firstChunkMs = "first_chunk_ms", totalMs = "total_ms", usage }
    }

    public var chunks: Int
    /// nil when a chunk failed: the final video would have a hole.
    public var finalVideo: String?
    public var captions: String
    public var playlist: String
    public var stats: Stats

    public init(chunks: Int, finalVideo: String?, captions: String, playlist: String, stats: Stats) {
        self.chunks = chunks
        self.finalVideo = finalVideo
        self.captions = captions
        self.playlist = playlist
        self.stats = stats
    }

    enum CodingKeys: String, CodingKey { case chunks, finalVideo = "final_video", captions, playlist, stats }
}

public struct CancelledEvent: Sendable, Codable, Equatable {
    public var chunks: Int
    /// The chunks made before the cancel, one after another in time order, as one video
    /// (absent when none was made).
    public var partialVideo: String?

    public init(chunks: Int, partialVideo: String? = nil) {
        self.chunks = chunks
        self.partialVideo = partialVideo
    }

    enum CodingKeys: String, CodingKey { case chunks, partialVideo = "partial_video" }
}
