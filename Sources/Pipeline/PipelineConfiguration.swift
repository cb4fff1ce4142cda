public import Foundation
public import Logging
public import Commentary
public import SessionModel
public import Media

/// What one run of the pipeline works on and how.
public struct PipelineConfiguration: Sendable {
    public var source: URL
    /// Set while the source is still arriving (a streamed upload): how much of it is stored.
    /// Every reader of the source is given it (`media`) and waits for bytes not yet there.
    public var upload: UploadProgress?
    /// The name the user knows the source by (the uploaded file's), used in messages in place
    /// of the stored file's; nil: the source's own name.
    public var sourceName: String?
    /// Where chunks, playlist, final video, captions and events.json are written.
    public var outputDirectory: URL
    /// Where detection results and speech are cached across runs (nil: no cache).
    public var cacheDirectory: URL?
    /// Identifies the video's content in cache keys.
    public var contentKey: String
    public var options: SessionOptions
    /// Prefix of the URLs in events (`/media/KEY/` on the server; empty for the CLI).
    public var urlPrefix: String
    /// Attempts at detecting one interval (the first try and 3 retries).
    public var detectionAttempts = 4
    /// The first retry's wait; each further retry waits twice as long.
    public var retryDelay: Duration = .milliseconds(250)
    /// Intervals detected at once (nil: as many as the detector says are worth it).
    public var detectionWorkers: Int?

    /// `streaming` overlaps the stages; `batch` finishes each stage for every chunk before
    /// the next stage starts, as the replaced tool did (a baseline for `playbyplay bench`).
    public var stageOrder = StageOrder.streaming

    public enum StageOrder: String, Sendable {
        case streaming, batch
    }

    /// How long one call of a stage (a detection, a writing, a speech, a chunk's assembly) may
    /// take before the watchdog fails it and the session goes on without it.
    public var stageTimeout: Duration = .seconds(300)
    /// What an earlier run of the session told (a restarted or taken-over session): its
    /// announced chunks are kept, its told lines spoken. Used in `full` output only.
    public var prior = PriorDeliveries()
    /// The longest and largest video it takes.
    public var limits = MediaLimits()
    /// How a live session (`options.live`) paces its chunks.
    public var live = LiveSettings()
    /// Where the pipeline says what went wrong with a provider (the server's carries the session id).
    public var logger = Logger(label: "playbyplay.pipeline")

    /// The source as its readers take it.
    public var media: MediaSource { MediaSource(source, growing: upload) }

    /// Seeds the writer: the same video with the same options gets the same lines.
    public var storySeed: UInt64 {
        StorySeed.of(contentKey, options.language, options.sport.rawValue, options.style.rawValue)
    }

    public init(source: URL, outputDirectory: URL, cacheDirectory: URL?, contentKey: String, options: SessionOptions,
                urlPrefix: String = "") {
        self.source = source
        self.outputDirectory = outputDirectory
        self.cacheDirectory = cacheDirectory
        self.contentKey = contentKey
        self.options = options
        self.urlPrefix = urlPrefix
    }
}
