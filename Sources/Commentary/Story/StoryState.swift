public import SessionModel

/// What a session's commentary has told so far, kept by the pipeline across intervals and
/// handed to every writer: the moments seen (with their salience), which of them got a line,
/// the sentences said and the phrase templates (skeletons) used, with their times. Pure and
/// Codable; the queries a writer asks of it are in `StoryState+Queries.swift`.
public struct StoryState: Sendable, Codable, Equatable {
    public struct Moment: Sendable, Codable, Equatable {
        public var t: Double
        public var until: Double
        public var kind: String
        public var confidence: Double
        /// Salience, or confidence when the detector gave none (`DetectedEvent.weight`).
        public var weight: Double
        /// Whether a line started within a reaction's reach of it.
        public var answered: Bool
    }

    /// Every moment seen, in time order (at most `maxMoments`, the oldest dropped first).
    public private(set) var moments: [Moment] = []
    /// Sentence key (`SentenceText.key`) → when it was said.
    public private(set) var said: [String: Double] = [:]
    /// Skeleton (frame id) → the times it was used.
    public private(set) var skeletons: [String: [Double]] = [:]
    /// Where the latest line on the timeline ends.
    public private(set) var lastLineEnd: Double?
    public private(set) var lines = 0

    static let maxMoments = 4000
    /// A line starting this long after a moment's onset answers it.
    static let answerReach = 0.3...3.5

    public init() {}

    /// Takes in one stretch's events and the lines said over it (after the fact gate).
    public mutating func record(events: [DetectedEvent], lines written: [CommentaryLine]) {
        for event in events where !moments.contains(where: { $0.t == event.t && $0.kind == event.kind }) {
            moments.append(Moment(t: event.t, until: event.until, kind: event.kind, confidence: event.confidence,
                                  weight: event.weight, answered: false))
        }
        moments.sort { $0.t < $1.t }
        if moments.count > Self.maxMoments { moments.removeFirst(moments.count - Self.maxMoments) }
        for line in written {
            for key in SentenceText.keys(line.text) where said[key] == nil { said[key] = line.start }
            for skeleton in line.skeletons { skeletons[skeleton, default: []].append(line.start) }
            lastLineEnd = max(lastLineEnd ?? line.end, line.end)
            for i in moments.indices where Self.answerReach.contains(line.start - moments[i].t) { moments[i].answered = true }
        }
        lines += written.count
    }
}
