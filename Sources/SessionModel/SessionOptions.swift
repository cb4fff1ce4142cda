/// The options a session starts with (PROTOCOL.md, `hello.options`), with their defaults and
/// the rules that make a value valid.
public struct SessionOptions: Sendable, Codable, Equatable {
    public enum Output: String, Sendable, Codable, CaseIterable { case full, highlights }
    public enum Style: String, Sendable, Codable, CaseIterable { case playByPlay = "play_by_play", analyst }

    public var voice: String
    public var language: String
    public var intervalSeconds: Double
    public var output: Output
    public var duck: Double
    public var style: Style
    public var sport: Sport

    public static let intervalRange = 5.0...120.0
    public static let duckRange = 0.0...1.0

    public init(voice: String = "en-us", language: String = "en", intervalSeconds: Double = 30,
                output: Output = .full, duck: Double = 0.2, style: Style = .playByPlay, sport: Sport = .soccer) {
        self.voice = voice
        self.language = language
        self.intervalSeconds = intervalSeconds
        self.output = output
        self.duck = duck
        self.style = style
        self.sport = sport
    }

    enum CodingKeys: String, CodingKey {
        case voice, language, intervalSeconds = "interval_s", output, duck, style, sport
    }

    /// Every field is optional on the wire; a missing one takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SessionOptions()
        voice = try container.decodeIfPresent(String.self, forKey: .voice) ?? defaults.voice
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? defaults.language
        intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? defaults.intervalSeconds
        output = try container.decodeIfPresent(Output.self, forKey: .output) ?? defaults.output
        duck = try container.decodeIfPresent(Double.self, forKey: .duck) ?? defaults.duck
        style = try container.decodeIfPresent(Style.self, forKey: .style) ?? defaults.style
        sport = try container.decodeIfPresent(Sport.self, forKey: .sport) ?? defaults.sport
    }

    /// The name of the first option that breaks its rule, or nil when all are valid. `sports`
    /// nil: any sport id is taken (the caller checks it elsewhere).
    public func invalidOption(voices: Set<String>, languages: Set<String>, sports: Set<String>? = nil) -> String? {
        if !voices.contains(voice) { return "voice" }
        if !languages.contains(language) { return "language" }
        if !Self.intervalRange.contains(intervalSeconds) { return "interval_s" }
        if !Self.duckRange.contains(duck) { return "duck" }
        if let sports, !sports.contains(sport.rawValue) { return "sport" }
        return nil
    }
}
