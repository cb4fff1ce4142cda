public import Media
public import SessionModel

/// A line of commentary placed on the timeline: start, end and text (the caption it
/// becomes), and how it is to be delivered.
public struct CommentaryLine: Sendable, Equatable, Codable {
    public var start: Double
    public var end: Double
    public var text: String
    /// 0...1: calm colour (0) to the call of the session's biggest moment (1). The voice and
    /// the mix follow it (pace, pitch, level, how far the crowd is ducked).
    public var intensity: Double
    /// The phrase templates the line was built from (the local writer's frame ids), so the
    /// session's story keeps them from coming back soon; empty for a line written freely (cloud).
    public var skeletons: [String]

    public init(start: Double, end: Double, text: String, intensity: Double = 0, skeletons: [String] = []) {
        self.start = start
        self.end = end
        self.text = text
        self.intensity = min(1, max(0, intensity))
        self.skeletons = skeletons
    }

    public var caption: Caption { Caption(start: start, end: end, text: text) }

    enum CodingKeys: String, CodingKey { case start, end, text, intensity, skeletons }

    /// `intensity` and `skeletons` may be missing (lines stored before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(start: try container.decode(Double.self, forKey: .start), end: try container.decode(Double.self, forKey: .end),
                  text: try container.decode(String.self, forKey: .text),
                  intensity: try container.decodeIfPresent(Double.self, forKey: .intensity) ?? 0,
                  skeletons: try container.decodeIfPresent([String].self, forKey: .skeletons) ?? [])
    }
}

/// What a writer gets: the events of one stretch, where lines may go, the session's story so
/// far, and a seed for its choices.
public struct WritingRequest: Sendable {
    public var interval: Int
    /// Lines must lie within [earliest, latest].
    public var earliest: Double
    public var latest: Double
    public var events: [DetectedEvent]
    public var language: String
    public var sport: Sport
    public var style: SessionOptions.Style
    /// The voice's speaking rate, in words per second.
    public var wordsPerSecond: Double
    /// Whether this stretch opens the video (it gets an opening line).
    public var opensTheVideo: Bool
    /// Every line said so far in the session: none may be said again.
    public var alreadySaid: Set<String>
    /// The session so far: its moments, what was said and when (see `StoryState`).
    public var story: StoryState
    /// Seeds the writer's choices: the same video with the same options gets the same lines,
    /// different videos different ones (from the video's content key, `StorySeed`).
    public var seed: UInt64

    public init(interval: Int, earliest: Double, latest: Double, events: [DetectedEvent], language: String, sport: Sport,
                style: SessionOptions.Style, wordsPerSecond: Double, opensTheVideo: Bool, alreadySaid: Set<String>,
                story: StoryState = StoryState(), seed: UInt64 = 0) {
        self.interval = interval
        self.earliest = earliest
        self.latest = latest
        self.events = events
        self.language = language
        self.sport = sport
        self.style = style
        self.wordsPerSecond = wordsPerSecond
        self.opensTheVideo = opensTheVideo
        self.alreadySaid = alreadySaid
        self.story = story
        self.seed = seed
    }
}

/// Writes commentary lines for a stretch of video.
public protocol CommentaryWriter: Sendable {
    var name: String { get }
    /// The languages it writes (ISO 639-1 codes).
    var languages: [String] { get }
    /// How many stretches are worth writing at once. 1 keeps the full memory of what was said;
    /// more lets a slow (cloud) writer start on a stretch while the one before is in flight,
    /// whose lines it then does not know (the pipeline checks for repeats afterwards).
    var parallelism: Int { get }
    func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine]
}

extension CommentaryWriter {
    public var parallelism: Int { 1 }
}
