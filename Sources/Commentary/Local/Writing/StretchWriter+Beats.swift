/// The kinds of line a stretch is made of.
extension StretchWriter {
    var values: StoryValues { StoryValues(story: storyNow, pack: pack) }

    /// Quiet-stretch talk (the opening first, if due) starting before `until`: a line after each
    /// pause, sooner when the silence would grow past the pace's longest. Lines end by `until`
    /// (just after it, so the moment there is answered on time) unless `overrun`: a moment that
    /// may go without a line of its own (a cut) can be talked over.
    mutating func talk(until: Double, overrun: Bool = false) {
        let until = min(until, request.latest)
        while true {
            let pause = random.between(pace.pause)
            var start = max(cursor, (lastEnd ?? -.infinity) + pause)
            if needsOpening { start = cursor }
            if start + pace.shortest > min(until, limit(after: start)) {
                // No room after a full pause: speak sooner if the silence would otherwise run long.
                let sooner = max(cursor, (lastEnd ?? -.infinity) + pace.gap)
                guard silence(at: until) > pace.longestSilence || needsOpening, sooner + pace.shortest <= min(until, limit(after: sooner))
                else { return }
                start = sooner
            }
            let limit = overrun ? limit(after: start) : min(until + (until < request.latest ? 0.4 : 0), limit(after: start))
            guard quiet(at: start, limit: limit) else { return }
        }
    }

    /// One quiet-stretch line: the opening when due, else colour, a recap or a line for the
    /// momentum, as the story allows.
    private mutating func quiet(at start: Double, limit: Double) -> Bool {
        if needsOpening {
            needsOpening = false
            if place(["opening"], at: start, words: 4...max(4, pace.colourWords.upperBound), intensity: 0.15, limit: limit) { return true }
        }
        let story = values.values(at: start)
        let momentum = storyNow.momentum(at: start)
        var groups = ["colour"]
        if story["quiet_for"] != nil || story["big_count"] != nil || story["roar_count"] != nil || story["last_big_ago"] != nil,
           random.chance(0.3) {
            groups.insert("recap", at: 0)
        }
        if momentum >= 0.45, random.chance(0.45) { groups.insert("colour.lively", at: 0) }
        if momentum < 0.1, random.chance(0.35) { groups.insert("colour.calm", at: 0) }
        groups += ["colour.lively", "colour.calm", "recap"]
        return place(groups, at: start, words: pace.colourWords, intensity: 0.1, values: story, limit: limit)
    }

    /// A line that ends just before a big moment the stretch can see coming.
    mutating func buildUp(to moment: WritingMoment) {
        let end = moment.t - Self.buildupClearance
        let start = max(cursor, end - Self.longestBuildup)
        guard end - start >= pace.shortest + 0.3, moment.t - request.earliest >= 2 else { return }
        place(["buildup"], at: start, words: 2...8, intensity: 0.35, limit: end)
    }

    /// The call: just before the crowd is loudest, clear of the moment's first second, short, as
    /// excited as the moment is big.
    mutating func call(_ moment: WritingMoment) {
        let themes = moment.meaning.groups
        let groups = themes.map { "call.\($0)" } + ["call"]
        // Where the room before the window's end is short, the call comes earlier, down to
        // the end of the moment's first second.
        let earliest = max(cursor, moment.t + WritingMoment.clearance)
        var start = max(cursor, moment.callTime)
        guard start <= moment.t + Self.reactionReach else { return }
        while start >= earliest - 1e-9 {
            if place(groups, at: start, words: pace.callWords, intensity: moment.weight, values: values.values(at: start, for: moment),
                     shortest: pace.shortestCall) { return }
            start -= 0.25
        }
        react(to: moment)
    }

    /// After a big moment's call: what it meant, or how it stands in the story.
    mutating func follow(_ moment: WritingMoment) {
        let start = cursor + random.between(0.2...0.9)
        let story = values.values(at: start, for: moment)
        guard start <= moment.t + 9 else { return }
        var groups = moment.meaning.groups.map { "after.\($0)" } + ["after"]
        if story["big_ordinal"] != nil || story["loudest"] != nil, random.chance(0.75) { groups.insert("reference.big", at: 0) }
        place(groups, at: start, words: pace.reactionWords, intensity: 0.1 + 0.6 * moment.weight, values: story)
    }

    /// A moment's one line: within the reaction's reach of its onset.
    mutating func react(to moment: WritingMoment, optional: Bool = false) {
        let start = max(cursor, moment.t + (moment.isBig ? WritingMoment.clearance : Self.smallReaction))
        guard start <= moment.t + Self.reactionReach else { return }
        let story = values.values(at: start, for: moment)
        var groups: [String] = []
        if story["roar_ordinal"] != nil, random.chance(0.5) { groups.append("reference.roar") }
        for theme in moment.meaning.groups {
            if moment.weight < 0.35 { groups.append("react.\(theme).soft") }
            groups.append("react.\(theme)")
        }
        groups.append("react.moment")
        // A big moment not called (one as big came just before) is still told with its weight.
        let intensity = moment.isBig ? 0.8 * moment.weight : 0.15 + 0.5 * moment.weight
        place(groups, at: start, words: pace.reactionWords, intensity: intensity, values: story, optional: optional)
    }

    /// A stretch with events that found no place for a line gets one wherever it fits.
    mutating func anyLine() {
        let moment = moments.first { !$0.isVisual } ?? moments.first
        for start in stride(from: request.earliest, through: request.latest - pace.shortest, by: 0.5) {
            if let moment, start >= moment.t, start < moment.t + WritingMoment.clearance, moment.isBig { continue }
            // Before its moment a line cannot react to it: then it builds up, or is colour.
            let reacting = moment.map { start >= $0.t + 0.3 && start <= $0.t + Self.reactionReach } ?? false
            let groups = (reacting ? (moment?.meaning.groups.map { "react.\($0)" } ?? []) + ["react.moment"] : ["buildup"]) + ["colour"]
            if place(groups, at: start, words: 2...pace.reactionWords.upperBound, intensity: 0.2, values: values.values(at: start, for: moment),
                     limit: request.latest) { return }
        }
    }
}
