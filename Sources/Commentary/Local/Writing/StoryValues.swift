/// The story's slots for a line at time `t`, in the pack's words: the how-many-th big moment
/// (or roar) this is within the last few minutes, over how long and how long since the one
/// before; how many big moments so far, how long it has been quiet, what the moment probably
/// was. A slot the story cannot fill is left out, and the frames that need it are not used.
struct StoryValues {
    /// The session's story with this stretch's moments in it (queries look only before `t`).
    let story: StoryState
    let pack: SportPack

    /// References reach back this far.
    static let bigReach = 300.0
    static let roarReach = 240.0
    /// A crowd moment this big counts as a roar for `{roar_ordinal}`.
    static let roarWeight = 0.4

    func values(at t: Double, for moment: WritingMoment? = nil) -> [String: [String]] {
        var out: [String: [String]] = [:]
        if let moment {
            if let likely = moment.meaning.likely, !likely.isEmpty { out["likely"] = likely }
            if moment.isBig {
                let before = story.earlier(than: moment.t, isBig)
                count(before.filter { moment.t - $0.t <= Self.bigReach }, at: moment.t, prefix: "big", into: &out)
                if let loudest = before.map(\.weight).max(), moment.weight > loudest, before.count >= 2 {
                    out["loudest"] = [""]  // a marker: frames that start with {loudest} need it
                }
            }
            if moment.meaning.groups.contains("roar"), moment.weight >= Self.roarWeight {
                count(story.earlier(than: moment.t, isRoar).filter { moment.t - $0.t <= Self.roarReach }, at: moment.t, prefix: "roar", into: &out)
            }
        }
        let big = story.earlier(than: t, isBig)
        if big.count >= 2, let count = pack.count(big.count) { out["big_count"] = [count] }
        if let last = big.first {
            let quiet = t - last.t
            if quiet >= 75 { out["quiet_for"] = [pack.duration(quiet)] }
            if quiet >= 20 { out["last_big_ago"] = [pack.duration(quiet)] }
        }
        let roars = story.earlier(than: t, isRoar).filter { t - $0.t <= 300 }
        if roars.count >= 2, let count = pack.count(roars.count) { out["roar_count"] = [count] }
        return out
    }

    /// `{prefix}_ordinal` (this one's place among `earlier` and itself; `_total` as a count), `{prefix}_span` (from
    /// the first of them to now) and `{prefix}_gap` (since the one before).
    private func count(_ earlier: [StoryState.Moment], at t: Double, prefix: String, into out: inout [String: [String]]) {
        guard let previous = earlier.first, let first = earlier.last, let ordinal = pack.ordinal(earlier.count + 1) else { return }
        out["\(prefix)_ordinal"] = [ordinal]
        if let total = pack.count(earlier.count + 1) { out["\(prefix)_total"] = [total] }
        out["\(prefix)_span"] = [pack.duration(t - first.t)]
        out["\(prefix)_gap"] = [pack.duration(t - previous.t)]
    }

    private func isBig(_ moment: StoryState.Moment) -> Bool {
        moment.weight >= StoryState.bigWeight && pack.meaning(of: moment.kind).groups.contains { Self.bigThemes.contains($0) }
    }

    private func isRoar(_ moment: StoryState.Moment) -> Bool {
        moment.weight >= Self.roarWeight && pack.meaning(of: moment.kind).groups.contains("roar")
    }

    /// The themes whose moments can be big (not a whistle, not a cut).
    static let bigThemes: Set<String> = ["score", "roar", "excitement", "applause", "moment"]
}
