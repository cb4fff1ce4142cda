import SessionModel

/// The events a line's claims may rest on: the stretch's and the story's moments.
struct Evidence {
    struct Item {
        var t: Double
        var until: Double
        var kind: String
        var confidence: Double
        var weight: Double
    }

    let items: [Item]

    init(events: [DetectedEvent], story: StoryState) {
        var items = events.map { Item(t: $0.t, until: $0.until, kind: $0.kind.lowercased(), confidence: $0.confidence, weight: $0.weight) }
        let own = Set(events.map(\.t))
        for moment in story.moments where !own.contains(moment.t) || !items.contains(where: { $0.t == moment.t && $0.kind == moment.kind.lowercased() }) {
            items.append(Item(t: moment.t, until: moment.until, kind: moment.kind.lowercased(), confidence: moment.confidence,
                              weight: moment.weight))
        }
        self.items = items
    }

    /// Events from `reach` seconds before the line to just after its end; every earlier one too
    /// when the sentence points back.
    func near(_ line: CommentaryLine, reach: Double, pointsBack: Bool) -> [Item] {
        items.filter { $0.t <= line.end + 0.5 && (pointsBack || $0.until >= line.start - reach) }
    }

    /// Whether a big moment is on at `t`: from 1 s before its onset to 3 s after its end.
    func exciting(at t: Double, weight: Double) -> Bool {
        items.contains { $0.weight >= weight && $0.kind != DetectedEvent.cut && t >= $0.t - 1 && t <= $0.until + 3 }
    }
}
