import Foundation
public import SessionModel

/// Checks every writer's lines, local or cloud, against what the events support, sentence by
/// sentence (docs/decisions/2026-12-02-fact-gate.md):
/// - a word the sport never uses: the sentence goes;
/// - a claim (a goal, a foul, the referee, a wicket...): kept when an event of a kind that backs
///   it lies near the line (anywhere earlier when the sentence points back: "earlier", "ago");
///   when only a weaker kind is there (a roar for a goal), kept if hedged, else replaced by the
///   claim's hedged sentence; with no support it goes;
/// - a word of certainty ("definitely") stays only when the backing event is sure;
/// - excitement ("!", huge, what a...) only near a big moment: elsewhere "!" becomes "." and a
///   sentence still excited goes.
/// A line left with no sentence is dropped. The pipeline applies it to every writer's lines.
public struct FactGate: Sendable {
    let pack: SportPack

    /// A claim rests on an event from this long before the line to just after its end.
    static let reach = 15.0
    /// Certainty needs an event at least this sure.
    static let sure = 0.8
    /// Excitement needs an event this big, from 1 s before its onset to 3 s after its end.
    static let excitingWeight = 0.6

    public init(pack: SportPack) {
        self.pack = pack
    }

    /// The lines that pass, rewritten where a sentence failed; `events` are the stretch's,
    /// `story` the session's so far (its moments back claims that point back), `said` the
    /// sentence keys said before (a replacement is never a repeat).
    public func check(_ lines: [CommentaryLine], events: [DetectedEvent], story: StoryState) -> [CommentaryLine] {
        let evidence = Evidence(events: events, story: story)
        var said = SaidSentences(story: story)
        var out: [CommentaryLine] = []
        for line in lines {
            var kept: [String] = []
            let sentences = SentenceText.split(line.text)
            for sentence in sentences {
                guard let checked = check(sentence, line: line, evidence: evidence, said: said) else { continue }
                kept.append(checked)
                said.here.formUnion(SentenceText.keys(checked))
            }
            guard !kept.isEmpty else { continue }
            var passed = line
            passed.text = kept.joined(separator: " ")
            if passed.text != line.text { passed.skeletons = kept.count == sentences.count ? line.skeletons : [] }
            out.append(passed)
        }
        return out
    }

    /// One sentence as it may stay, or nil.
    func check(_ sentence: String, line: CommentaryLine, evidence: Evidence, said: SaidSentences) -> String? {
        if let forbidden = pack.forbidden, forbidden.matches(sentence) { return nil }
        var sentence = sentence
        let pointsBack = pack.markers.backReference.matches(sentence)
        let near = evidence.near(line, reach: Self.reach, pointsBack: pointsBack)
        var sureEnough = near.contains { $0.confidence >= Self.sure && $0.kind != DetectedEvent.cut }
        for claim in pack.claims where claim.pattern.matches(sentence) {
            let backing = near.filter { claim.backedBy.contains($0.kind) }
            if !backing.isEmpty {
                sureEnough = sureEnough || backing.contains { $0.confidence >= Self.sure }
                continue
            }
            guard near.contains(where: { claim.hedgedBy.contains($0.kind) }) else { return nil }
            sureEnough = false
            if pack.markers.hedge.matches(sentence) { continue }
            guard let hedge = claim.hedges.first(where: { !SentenceText.keys($0).contains(where: said.contains) }) else { return nil }
            sentence = hedge
        }
        if !sureEnough, pack.markers.certainty.matches(sentence) {
            sentence = FrameFiller.tidy(pack.markers.certainty.removingMatches(from: sentence))
        }
        if pack.markers.excited.matches(sentence), !evidence.exciting(at: line.start, weight: Self.excitingWeight) {
            sentence = FrameFiller.tidy(sentence.replacingOccurrences(of: "!", with: ".").replacingOccurrences(of: "¡", with: ""))
            if pack.markers.excited.matches(sentence) { return nil }
        }
        return SentenceText.key(sentence).isEmpty ? nil : sentence
    }
}

/// The sentences said before a line: the story's and those of the lines checked before it.
struct SaidSentences {
    let story: StoryState
    var here: Set<String> = []

    func contains(_ key: String) -> Bool { story.hasSaid(key) || here.contains(key) }
}
