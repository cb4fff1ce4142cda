/// A moment worth a place in the highlights: from its onset to its end (seconds on the
/// presented timeline) and how big it is (its events' weight, 0...1).
public struct HighlightMoment: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var weight: Double

    public init(start: Double, end: Double, weight: Double) {
        self.start = start
        self.end = max(start, end)
        self.weight = weight
    }

    /// Moments from events that overlap or lie within `gap` seconds of each other merged into
    /// one (one roar with a whistle inside it is one moment), as big as its biggest event.
    public static func merged(_ moments: [HighlightMoment], gap: Double = 1.5) -> [HighlightMoment] {
        var out: [HighlightMoment] = []
        for moment in moments.sorted(by: { $0.start < $1.start }) {
            if let last = out.last, moment.start <= last.end + gap {
                out[out.count - 1] = HighlightMoment(start: last.start, end: max(last.end, moment.end), weight: max(last.weight, moment.weight))
            } else {
                out.append(moment)
            }
        }
        return out
    }
}
