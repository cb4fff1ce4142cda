public import Foundation
public import Logging
public import Media
public import SessionModel

/// What a detector looks at: one stretch of one video.
public struct DetectionRequest: Sendable {
    /// The video, and while it is still arriving how much of it is there.
    public var source: MediaSource
    public var info: MediaInfo
    public var interval: Int
    /// Seconds on the presented timeline.
    public var start: Double
    public var end: Double
    /// Where the detector logs (the session's logger, with its id as metadata).
    public var logger: Logger
    /// The most seconds past `end` the detector may hear (a live session's chunk closes when
    /// its last frame arrives: nothing after it is there yet); nil: as far as it likes.
    public var lookAhead: Double?

    public init(source: MediaSource, info: MediaInfo, interval: Int, start: Double, end: Double,
                logger: Logger = Logger(label: "playbyplay.detection"), lookAhead: Double? = nil) {
        self.lookAhead = lookAhead
        self.logger = logger
        self.source = source
        self.info = info
        self.interval = interval
        self.start = start
        self.end = end
    }
}

/// Finds the moments worth commenting on in a stretch of video.
public protocol EventDetector: Sendable {
    /// The name the registry and the events' `detector` field know it by.
    var name: String { get }
    /// What cached results are filed under: the name, plus a version when the detector's
    /// results change, so an older detector's results are never reused (default: the name).
    var cacheKey: String { get }
    /// How many intervals are worth detecting at once: the cores for local analysis, the call
    /// limit for a cloud service.
    var parallelism: Int { get }
    func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent]
}

extension EventDetector {
    public var parallelism: Int { 2 }
    public var cacheKey: String { name }
}
