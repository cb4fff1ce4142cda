/// Chooses the words of one line: a frame from the first phrase group that has one fitting,
/// filled so that no sentence repeats one said in the session and the frame (skeleton) has not
/// been used within the pace's window. Every choice comes from the seeded generator.
struct LineComposer {
    let pack: SportPack
    let story: StoryState
    let skeletonWindow: Double
    var random: SeededGenerator
    /// Sentence keys said in this stretch, and of `alreadySaid` lines the story does not hold.
    private var saidHere: Set<String>
    /// Skeletons used in this stretch: frame id → times.
    private var usedHere: [String: [Double]] = [:]

    struct Choice {
        var text: String
        var skeleton: String
    }

    init(pack: SportPack, story: StoryState, alreadySaid: Set<String>, skeletonWindow: Double, random: SeededGenerator) {
        self.pack = pack
        self.story = story
        self.skeletonWindow = skeletonWindow
        self.random = random
        // The pipeline records every line it says in the story; a caller that keeps only the
        // lines (a story with fewer of them) has them split into sentences here.
        saidHere = story.lines >= alreadySaid.count ? [] : Set(alreadySaid.flatMap(SentenceText.keys))
    }

    /// Whether the sentence (its key) was said in the session or in this stretch.
    func isSaid(_ key: String) -> Bool { story.hasSaid(key) || saidHere.contains(key) }

    /// A line for time `t` from `groups` (tried in order), of `words` words, with `values`
    /// filling the story's slots. Nil when nothing fits.
    /// `mayRelax`: when every frame's skeleton was used within the window, one used within half
    /// of it may come back (a line that must be said); otherwise nothing is said.
    mutating func compose(_ groups: [String], at t: Double, words: ClosedRange<Int>, values: [String: [String]] = [:],
                          mayRelax: Bool = true) -> Choice? {
        guard words.upperBound >= 1 else { return nil }
        let filler = FrameFiller(slots: pack.slots.merging(values) { _, story in story }, contractions: pack.contractions)
        for strict in mayRelax ? [true, false] : [true] {
            for group in groups {
                var frames = pack.frames(group).filter { frame in
                    frame.slots.allSatisfy { filler.slots[$0]?.isEmpty == false }
                        && !used(frame.id, near: t, within: strict ? skeletonWindow : skeletonWindow / 2)
                }
                frames.shuffle(using: &random)
                for frame in frames.prefix(24) {
                    if let text = fill(frame, filler, words: words) {
                        usedHere[frame.id, default: []].append(t)
                        return Choice(text: text, skeleton: frame.id)
                    }
                }
            }
        }
        return nil
    }

    private mutating func fill(_ frame: SportPack.Frame, _ filler: FrameFiller, words: ClosedRange<Int>) -> String? {
        for _ in 0..<6 {
            guard let text = filler.fill(frame.text, using: &random) else { return nil }
            guard words.contains(SentenceText.words(text)) else { continue }
            let keys = SentenceText.keys(text)
            guard !keys.isEmpty, Set(keys).count == keys.count, !keys.contains(where: isSaid) else { continue }
            saidHere.formUnion(keys)
            return text
        }
        return nil
    }

    private func used(_ id: String, near t: Double, within window: Double) -> Bool {
        story.usedSkeleton(id, near: t, within: window) || (usedHere[id]?.contains { abs($0 - t) < window } ?? false)
    }
}
