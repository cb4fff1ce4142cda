/// The options a session starts with (PROTOCOL.md, `hello.options`), with their defaults and
/// the rules that make a value valid.
public struct SessionOptions: Sendable, Codable, Equatable {
    public enum Output: String, Sendable, Codable, CaseIterable { case full, highlights }
    public enum Style: String, Sendable, Codable, CaseIterable { case playByPlay = "play_by_play", analyst }

    public var voice: String
    public var language: String
    public var intervalSeconds: Double
    /// The length of the first interval (`first_interval_s`), shorter so the first chunk comes
    /// early; nil: the server's default. Never longer than `intervalSeconds`.
    public var firstIntervalSeconds: Double?
    public var output: Output
    public var duck: Double
    public var style: Style
    public var sport: Sport
    /// `highlights` output: how long the reel should be, in seconds (nil: a quarter of the video).
    public var highlightsSeconds: Double?
    /// A live session (PROTOCOL.md "Live sessions"): the input is a recording that is still going
    /// on; intervals are short and all alike, chunks have deadlines.
    public var live: Bool

    public static let intervalRange = 5.0...120.0
    public static let firstIntervalRange = 1.0...120.0
    public static let duckRange = 0.0...1.0
    /// A live session's intervals, and their length when the client names none.
    public static let liveIntervalRange = 2.0...6.0
    public static let liveInterval = 3.0
    /// The share of the video a highlights reel takes when `highlightsSeconds` is not given.
    public static let highlightsShare = 0.25

    public init(voice: String = "en-us", language: String = "en", intervalSeconds: Double = 30,
                firstIntervalSeconds: Double? = nil,
                output: Output = .full, duck: Double = 0.1, style: Style = .playByPlay, sport: Sport = .soccer,
                highlightsSeconds: Double? = nil, live: Bool = false) {
        self.voice = voice
        self.language = language
        self.intervalSeconds = intervalSeconds
        self.firstIntervalSeconds = firstIntervalSeconds
        self.output = output
        self.duck = duck
        self.style = style
        self.sport = sport
        self.highlightsSeconds = highlightsSeconds
        self.live = live
    }

    enum CodingKeys: String, CodingKey {
        case voice, language, intervalSeconds = "interval_s", firstIntervalSeconds = "first_interval_s", output, duck, style, sport,
             highlightsSeconds = "highlights_s", live
    }

    /// Every field is optional on the wire; a missing one takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SessionOptions()
        voice = try container.decodeIfPresent(String.self, forKey: .voice) ?? defaults.voice
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? defaults.language
        intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? defaults.intervalSeconds
        firstIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .firstIntervalSeconds)
        output = try container.decodeIfPresent(Output.self, forKey: .output) ?? defaults.output
        duck = try container.decodeIfPresent(Double.self, forKey: .duck) ?? defaults.duck
        style = try container.decodeIfPresent(Style.self, forKey: .style) ?? defaults.style
        sport = try container.decodeIfPresent(Sport.self, forKey: .sport) ?? defaults.sport
        highlightsSeconds = try container.decodeIfPresent(Double.self, forKey: .highlightsSeconds)
        live = try container.decodeIfPresent(Bool.self, forKey: .live) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(voice, forKey: .voice)
        try container.encode(language, forKey: .language)
        try container.encode(intervalSeconds, forKey: .intervalSeconds)
        try container.encodeIfPresent(firstIntervalSeconds, forKey: .firstIntervalSeconds)
        try container.encode(output, forKey: .output)
        try container.encode(duck, forKey: .duck)
        try container.encode(style, forKey: .style)
        try container.encode(sport, forKey: .sport)
        try container.encodeIfPresent(highlightsSeconds, forKey: .highlightsSeconds)
        // Absent when false, so the meta of a session that is not live reads as before.
        if live { try container.encode(live, forKey: .live) }
    }

    /// The share of a video of `duration` seconds the highlights reel aims at.
    public func highlightsShare(of duration: Double) -> Double {
        guard let seconds = highlightsSeconds, duration > 0 else { return Self.highlightsShare }
        return min(1, seconds / duration)
    }

    /// The name of the first option that breaks its rule, or nil when all are valid. `sports`
    /// nil: any sport id is taken (the caller checks it elsewhere).
    public func invalidOption(voices: Set<String>, languages: Set<String>, sports: Set<String>? = nil) -> String? {
        if !voices.contains(voice) { return "voice" }
        if !languages.contains(language) { return "language" }
        if !(live ? Self.liveIntervalRange : Self.intervalRange).contains(intervalSeconds) { return "interval_s" }
        if let first = firstIntervalSeconds, !Self.firstIntervalRange.contains(first) { return "first_interval_s" }
        if !Self.duckRange.contains(duck) { return "duck" }
        if let sports, !sports.contains(sport.rawValue) { return "sport" }
        if let seconds = highlightsSeconds, !(seconds > 0 && seconds.isFinite) { return "highlights_s" }
        return nil
    }
}

extension SessionOptions {
    /// The session's intervals: the first one `firstIntervalSeconds` long (or `defaultFirst`
    /// when the client named none), the others `intervalSeconds`.
    /// A live session's intervals are all `intervalSeconds` long.
    public func grid(defaultFirst: Double? = nil) -> IntervalGrid {
        if live { return IntervalGrid(interval: intervalSeconds) }
        return IntervalGrid(interval: intervalSeconds, first: firstIntervalSeconds ?? defaultFirst)
    }
}
