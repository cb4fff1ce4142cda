import Testing
import Commentary
import Media
import SessionModel
@testable import Pipeline

/// What the write stage adds around any writer: the session's story, the seed, and the fact
/// gate on every line.
@Suite(.timeLimit(.minutes(10))) struct WritingStoryTests {
    /// Says what a careless cloud model might, and keeps the requests it got.
    actor ClaimingWriter: CommentaryWriter {
        nonisolated let name = "claiming"
        nonisolated let languages = ["en"]
        private(set) var requests: [WritingRequest] = []

        func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
            requests.append(request)
            return [
                CommentaryLine(start: request.earliest + 1.2, end: request.earliest + 2.2, text: "Goal! The referee waves play on."),
                CommentaryLine(start: request.earliest + 3, end: request.earliest + 4, text: "And we're under way."),
                CommentaryLine(start: request.earliest + 4.2, end: request.earliest + 4.6, text: "Interval \(request.interval) rolls on."),
            ]
        }
    }

    @Test func everyWritersLinesPassTheFactGateAndTheStoryGrows() async throws {
        let writer = ClaimingWriter()
        let run = try PipelineRun(providers: CommentaryProviders(detector: FakeDetector(), writer: writer, synthesizer: FakeSynthesizer()))
        let events = await run.run()
        let texts = events.commentary.map(\.text)
        // The fake detector's one roar per interval backs a hedged goal, no referee, no kick-off.
        #expect(texts.contains("That noise could mean a goal."))
        #expect(!texts.contains { $0.contains("referee") || $0.contains("under way") || $0.hasPrefix("Goal") })
        #expect(texts.filter { $0.hasPrefix("Interval") }.count == 4)
        let requests = await writer.requests
        #expect(requests.count == 4)
        #expect(requests.map(\.story.moments.count) == [0, 1, 2, 3])
        #expect(requests[3].story.said.count >= 3)
        let seed = PipelineConfiguration(source: try PipelineRun.clip.get(), outputDirectory: run.folder, cacheDirectory: nil,
                                         contentKey: "test", options: SessionOptions(voice: "v1", intervalSeconds: 5)).storySeed
        #expect(requests.allSatisfy { $0.seed == seed })
    }

    @Test func theLocalWriterTellsTheSameVideoTheSameWay() async throws {
        let providers = CommentaryProviders(detector: FakeDetector(), writer: LocalCommentaryWriter(), synthesizer: FakeSynthesizer())
        let first = await (try PipelineRun(providers: providers)).run().commentary.map(\.text)
        let second = await (try PipelineRun(providers: providers)).run().commentary.map(\.text)
        #expect(!first.isEmpty && first == second)
        let other = await (try PipelineRun(providers: providers) { $0.contentKey = "another video" }).run().commentary.map(\.text)
        #expect(other != first)
    }
}
