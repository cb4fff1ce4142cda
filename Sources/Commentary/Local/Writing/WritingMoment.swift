import SessionModel

/// Events that belong to one moment (a roar, the commentator's shout and a cut within a
/// second or so), as the writer tells it: the kind it speaks of, how big it is, and the
/// phrase groups its lines come from (the pack's meaning of that kind).
struct WritingMoment: Sendable {
    var t: Double
    var weight: Double
    var kinds: Set<String>
    var meaning: PackFile.Meaning
    /// When the event it speaks of is loudest (nil: not known).
    var peak: Double?
    /// The onset of its latest event.
    var lastOnset: Double
    /// It comes right after the moment before (a burst): what is said about that one covers it.
    var inBurst = false
    /// It gets a call (big, and nothing as big was called just before): no line may run into
    /// its first second.
    var called = false

    /// A line must not talk over a big moment's first second.
    static let clearance = 1.0
    /// Events this close to a moment's onset join it.
    static let joinWithin = 1.5
    /// A moment this soon after the last event of the one before is part of a burst.
    static let burstGap = 2.0

    /// Where a call goes: in the second before the crowd is loudest (a roar rises as the play
    /// that causes it unfolds: the shot, then the goal), but clear of the onset's first second
    /// and at most `latestCall` after it; without a known peak, right after that first second.
    var callTime: Double {
        let earliest = t + Self.clearance
        guard let peak else { return earliest }
        return min(max(peak - Self.callBeforePeak, earliest), t + Self.latestCall)
    }

    static let callBeforePeak = 0.5
    static let latestCall = 2.0

    var isBig: Bool { weight >= StoryState.bigWeight && meaning.groups.contains { StoryValues.bigThemes.contains($0) } }
    /// Only picture events (a cut): no sound, no crowd.
    var isVisual: Bool { kinds.allSatisfy { $0 == DetectedEvent.cut } }

    /// `events` grouped into moments, in time order. The kind a moment speaks of is the one
    /// whose meaning ranks first: a score, then the crowd, then the rest, a cut last; the
    /// moment's onset is that event's.
    static func moments(_ events: [DetectedEvent], pack: SportPack) -> [WritingMoment] {
        var out: [WritingMoment] = []
        for event in events.sorted(by: { $0.t < $1.t }) {
            let kind = event.kind.lowercased()
            let meaning = pack.meaning(of: kind)
            if var last = out.last, event.t - last.t <= joinWithin {
                last.lastOnset = max(last.lastOnset, event.t)
                last.kinds.insert(kind)
                if rank(meaning) < rank(last.meaning) || (rank(meaning) == rank(last.meaning) && event.weight > last.weight) {
                    // The moment starts when what it speaks of starts (a roar, not the cut just
                    // before it); a second roar on top of the first keeps the first's onset.
                    if rank(meaning) < rank(last.meaning) { last.t = event.t }
                    last.peak = event.peak ?? last.peak
                    last.meaning = meaning
                }
                last.weight = max(last.weight, kind == DetectedEvent.cut ? 0 : event.weight)
                out[out.count - 1] = last
            } else {
                var moment = WritingMoment(t: event.t, weight: kind == DetectedEvent.cut ? min(event.weight, 0.3) : event.weight,
                                           kinds: [kind], meaning: meaning)
                moment.peak = event.peak
                moment.inBurst = out.last { !$0.isVisual }.map { event.t - $0.lastOnset <= burstGap } ?? false
                out.append(moment)
            }
        }
        return out
    }

    init(t: Double, weight: Double, kinds: Set<String>, meaning: PackFile.Meaning) {
        self.t = t
        self.weight = weight
        self.kinds = kinds
        self.meaning = meaning
        lastOnset = t
    }

    /// A moment of the story, told again (one the previous stretch saw too late to answer).
    init(_ moment: StoryState.Moment, pack: SportPack) {
        self.init(t: moment.t, weight: moment.weight, kinds: [moment.kind], meaning: pack.meaning(of: moment.kind))
    }

    private static func rank(_ meaning: PackFile.Meaning) -> Int {
        let order = ["score", "roar", "excitement", "applause", "whistle", "stoppage", "moment", "cut"]
        return meaning.groups.compactMap { order.firstIndex(of: $0) }.min() ?? order.count
    }
}
