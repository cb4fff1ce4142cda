/// Something that happened in the video, as a detector reports it (PROTOCOL.md `events`).
public struct DetectedEvent: Sendable, Codable, Equatable, Hashable {
    /// Seconds on the presented timeline.
    public var t: Double
    /// `crowd_peak`, `cut`, `whistle`, or a kind a cloud detector names.
    public var kind: String
    /// 0...1.
    public var confidence: Double
    public var label: String

    public init(t: Double, kind: String, confidence: Double, label: String) {
        self.t = t
        self.kind = kind
        self.confidence = min(1, max(0, confidence))
        self.label = label
    }

    public static let crowdPeak = "crowd_peak"
    public static let cut = "cut"
    public static let whistle = "whistle"
}
