/// Something that happened in the video, as a detector reports it (PROTOCOL.md `events`).
public struct DetectedEvent: Sendable, Codable, Equatable, Hashable {
    /// Seconds on the presented timeline: when the moment starts (its onset).
    public var t: Double
    /// A kind below (`crowd_roar`, `whistle`, `cut`...), or a kind a cloud detector names.
    public var kind: String
    /// 0...1: how sure the detector is that this kind of thing happened.
    public var confidence: Double
    public var label: String
    /// When the moment ends (nil: an instant, or the detector does not say).
    public var end: Double?
    /// When it is strongest (nil: at `t`).
    public var peak: Double?
    /// 0...1: how big the moment is next to the rest of the session (nil: the detector does
    /// not rank; readers then use `confidence`).
    public var salience: Double?

    public init(t: Double, kind: String, confidence: Double, label: String,
                end: Double? = nil, peak: Double? = nil, salience: Double? = nil) {
        self.t = t
        self.kind = kind
        self.confidence = min(1, max(0, confidence))
        self.label = label
        self.end = end.map { max(t, $0) }
        self.peak = peak
        self.salience = salience.map { min(1, max(0, $0)) }
    }

    /// How big the moment is: its salience, or its confidence when it has none.
    public var weight: Double { salience ?? confidence }
    /// Its end, or its onset for an instant.
    public var until: Double { end ?? t }

    public static let crowdRoar = "crowd_roar"
    public static let applause = "applause"
    public static let whistle = "whistle"
    public static let commentatorExcitement = "commentator_excitement"
    public static let cut = "cut"
    public static let scoreChange = "score_change"
    /// The kind the first signal detector called every crowd roar (events cached or logged
    /// before 2026-12-02 carry it).
    public static let crowdPeak = "crowd_peak"
}
