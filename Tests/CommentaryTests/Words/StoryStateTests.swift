import Foundation
import Testing
import SessionModel
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct StoryStateTests {
    @Test func recordsMomentsSentencesSkeletonsAndWhatWasAnswered() throws {
        var story = StoryState()
        let roar = DetectedEvent(t: 10, kind: "crowd_roar", confidence: 0.9, label: "", end: 14, salience: 0.8)
        let cut = DetectedEvent(t: 20, kind: "cut", confidence: 0.8, label: "")
        story.record(events: [roar, cut], lines: [CommentaryLine(start: 11, end: 13, text: "Listen to that! A big moment.", skeletons: ["p/call/1"])])
        #expect(story.moments.map(\.kind) == ["crowd_roar", "cut"])
        #expect(story.moments[0].answered && !story.moments[1].answered)
        #expect(story.hasSaid("listen to that") && story.hasSaid("a big moment"))
        #expect(story.usedSkeleton("p/call/1", near: 300, within: 600) && !story.usedSkeleton("p/call/1", near: 700, within: 600))
        #expect(story.lastLineEnd == 13 && story.lines == 1)
        story.record(events: [roar], lines: [])
        #expect(story.moments.count == 2, "the same event twice is one moment")
        let decoded = try JSONDecoder().decode(StoryState.self, from: JSONEncoder().encode(story))
        #expect(decoded == story)
    }

    @Test func momentumRisesWithBigMomentsAndFades() {
        var story = StoryState()
        story.record(events: [10, 40, 70].map { DetectedEvent(t: $0, kind: "crowd_roar", confidence: 1, label: "", salience: 0.9) }, lines: [])
        #expect(story.momentum(at: 5) == 0)
        #expect(story.momentum(at: 75) > 0.5)
        #expect(story.momentum(at: 600) < 0.05)
        #expect(story.lastBigMoment(before: 50)?.t == 40)
        #expect(story.timeSinceLastBigMoment(at: 100) == 30)
    }

    @Test func theSeedFollowsTheContentAndTheOptions() {
        #expect(StorySeed.of("abc", "en", "soccer") == StorySeed.of("abc", "en", "soccer"))
        #expect(StorySeed.of("abc", "en", "soccer") != StorySeed.of("abd", "en", "soccer"))
        #expect(StorySeed.of("ab", "cen") != StorySeed.of("abc", "en"))
    }
}
