import SessionModel

/// One stretch's lines, placed on its window in time order (`cursor` moves forward only):
/// quiet-stretch talk up to each moment, then the moment's lines, then talk to the end.
struct StretchWriter {
    let request: WritingRequest
    let pack: SportPack
    let pace: WritingPace
    var composer: LineComposer
    var random: SeededGenerator
    private(set) var lines: [CommentaryLine] = []
    /// The earliest a next line may start.
    var cursor: Double
    /// Where the latest line said ends (this stretch's or the story's): silence runs from here.
    var lastEnd: Double?
    var moments: [WritingMoment] = []
    var needsOpening: Bool
    /// The story with this stretch's events in it, for the story's slots and the momentum.
    let storyNow: StoryState

    /// Build-up ends this long before a big moment's onset.
    static let buildupClearance = 0.5
    static let longestBuildup = 3.6
    /// A reaction starts within this long after its moment's onset.
    static let reactionReach = 3.0
    static let smallReaction = 0.5
    /// A big moment this soon after one as big is not called again.
    static let callRefractory = 20.0

    init(request: WritingRequest, pack: SportPack) {
        self.request = request
        self.pack = pack
        pace = WritingPace.of(request.style)
        random = SeededGenerator(seed: request.seed, stream: request.interval)
        composer = LineComposer(pack: pack, story: request.story, alreadySaid: request.alreadySaid,
                                skeletonWindow: pace.skeletonWindow, random: SeededGenerator(seed: request.seed, stream: request.interval + 1_000_003))
        cursor = request.earliest
        // The story's last line counts only when it ends before this stretch (not one written
        // out of order, after a seek).
        lastEnd = request.story.lastLineEnd.flatMap { $0 <= request.earliest ? $0 : nil }
        needsOpening = request.opensTheVideo
        var now = request.story
        now.record(events: request.events, lines: [])
        storyNow = now
    }

    mutating func write() -> [CommentaryLine] {
        moments = carried() + WritingMoment.moments(request.events.filter { $0.t <= request.latest }, pack: pack)
        for i in moments.indices { moments[i].called = moments[i].isBig && !calledRecently(moments[i]) }
        for moment in moments {
            if moment.called {
                talk(until: moment.t - Self.buildupClearance - Self.longestBuildup - 1.5)
                buildUp(to: moment)
                call(moment)
                follow(moment)
            } else if moment.isVisual || repeatsAStoppage(moment) || (pace.selective && moment.weight < 0.4) {
                // A cut, a whistle right after another, a small moment for the analyst: a line
                // only when it has been quiet.
                talk(until: moment.t, overrun: true)
                if silence(at: moment.t + Self.smallReaction) >= pace.pause.lowerBound { react(to: moment, optional: true) }
            } else {
                talk(until: moment.t)
                react(to: moment)
            }
        }
        talk(until: request.latest)
        if lines.isEmpty, !request.events.isEmpty { anyLine() }
        return lines
    }

    /// Whether a moment at least this big was called within `callRefractory` seconds before:
    /// then this one gets a reaction, not another shout (often "another roar, the second...").
    func calledRecently(_ moment: WritingMoment) -> Bool {
        storyNow.moments.contains { other in
            other.t < moment.t - WritingMoment.joinWithin && moment.t - other.t <= Self.callRefractory
                && other.weight >= moment.weight - 0.05 && StoryValues.bigThemes.contains(where: pack.meaning(of: other.kind).groups.contains)
        }
    }

    /// Whether a whistle (or another stoppage) comes within a few seconds of the one before.
    func repeatsAStoppage(_ moment: WritingMoment) -> Bool {
        let stops: Set<String> = ["whistle", "stoppage"]
        guard moment.meaning.groups.allSatisfy(stops.contains) else { return false }
        return storyNow.moments.contains { other in
            other.t < moment.t - WritingMoment.joinWithin && moment.t - other.t <= 8
                && pack.meaning(of: other.kind).groups.contains(where: stops.contains)
        }
    }

    /// Moments the story saw at the end of the stretch before, too late to answer there.
    private func carried() -> [WritingMoment] {
        request.story.moments
            .filter { $0.t < request.earliest && $0.t >= request.earliest - Self.reactionReach && !$0.answered && $0.kind != DetectedEvent.cut }
            .filter { moment in !request.events.contains { $0.t == moment.t && $0.kind == moment.kind } }
            .map { WritingMoment($0, pack: pack) }
    }

    // MARK: placing

    /// Silence at `t` since the last line (a long one when nothing was said yet).
    func silence(at t: Double) -> Double { lastEnd.map { t - $0 } ?? .infinity }

    /// The latest a line starting at `start` may end: the window's end, before the onset of a
    /// big moment it will call, or early enough that the next moment's reaction starts on time
    /// (a moment in a burst needs no line of its own).
    func limit(after start: Double) -> Double {
        var limit = request.latest
        for moment in moments where !moment.isVisual && (moment.called || !moment.inBurst) && moment.t + 0.4 > start {
            limit = min(limit, moment.called ? moment.t - 0.3 : moment.t + 0.4)
            break
        }
        return limit
    }

    /// Places a line from `groups` at `start` (not before the cursor), in at most `limit`; an
    /// `optional` line is left out rather than bring a skeleton back early.
    @discardableResult
    mutating func place(_ groups: [String], at start: Double, words: ClosedRange<Int>, intensity: Double,
                        values: [String: [String]] = [:], limit: Double? = nil, optional: Bool = false, shortest: Double? = nil) -> Bool {
        let start = max(start, cursor)
        let end = min(limit ?? self.limit(after: start), request.latest)
        let fit = min(words.upperBound, pace.words(fitting: end - start, at: request.wordsPerSecond))
        guard end - start >= shortest ?? pace.shortest, fit >= words.lowerBound,
              let choice = composer.compose(groups, at: start, words: words.lowerBound...fit, values: values, mayRelax: !optional)
        else { return false }
        var text = choice.text
        var skeletons = [choice.skeleton]
        if pace.twoSentences, intensity < 0.3 {
            let left = pace.words(fitting: end - start, at: request.wordsPerSecond) - SentenceText.words(text)
            if left >= 5, let more = composer.compose(["recap", "colour"], at: start, words: 4...left, values: values) {
                text += " " + more.text
                skeletons.append(more.skeleton)
            }
        }
        let duration = min(end - start, pace.seconds(words: SentenceText.words(text), at: request.wordsPerSecond))
        lines.append(CommentaryLine(start: start, end: start + duration, text: text, intensity: intensity, skeletons: skeletons))
        lastEnd = start + duration
        cursor = start + duration + pace.gap
        return true
    }
}
