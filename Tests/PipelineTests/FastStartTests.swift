import Foundation
import Testing
import Commentary
import Pipeline
import SessionModel
import TestSupport

/// With a slow (cloud) detector, the first interval a session takes goes to the quick start
/// detector, so the first chunk does not wait for the slowest call; the rest go to the main one.
@Suite(.timeLimit(.minutes(10))) struct FastStartTests {
    @Test func theFirstIntervalGoesToTheStartDetectorAndTheRestToTheMainOne() async throws {
        let main = FakeDetector(), quick = FakeDetector(name: "quick")
        let providers = CommentaryProviders(detector: main, writer: FakeWriter(), synthesizer: FakeSynthesizer(), startDetector: quick)
        let events = try await PipelineRun(providers: providers).run()
        #expect(await quick.calls == [0])
        #expect(await main.calls == [1, 2, 3])
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(events.warnings.isEmpty)
        let detectors = events.compactMap { event -> String? in if case .eventsDetected(let found) = event { found.detector } else { nil } }
        #expect(detectors == ["quick", "fake", "fake", "fake"], "events_detected says who found them")
    }

    @Test func withoutAStartDetectorEveryIntervalGoesToTheMainOne() async throws {
        let main = FakeDetector()
        let providers = CommentaryProviders(detector: main, writer: FakeWriter(), synthesizer: FakeSynthesizer())
        _ = try await PipelineRun(providers: providers).run()
        #expect(await main.calls == [0, 1, 2, 3])
    }

    @Test func theMainDetectorsCachedAnswerIsPreferred() async throws {
        let cache = TestFiles.scratch("fast-start-cache")
        let first = FakeDetector()
        _ = try await PipelineRun(providers: CommentaryProviders(detector: first, writer: FakeWriter(), synthesizer: FakeSynthesizer()),
                                  configure: { $0.cacheDirectory = cache }).run()
        #expect(await first.calls == [0, 1, 2, 3])

        let main = FakeDetector(), quick = FakeDetector(name: "quick")
        let providers = CommentaryProviders(detector: main, writer: FakeWriter(), synthesizer: FakeSynthesizer(), startDetector: quick)
        let events = try await PipelineRun(providers: providers, configure: { $0.cacheDirectory = cache }).run()
        #expect(await quick.calls.isEmpty)
        #expect(await main.calls.isEmpty)
        #expect(events.chunkIndices == [0, 1, 2, 3])
    }

    @Test func simulatedAndCloudDetectionStartLocally() {
        #expect(CommentaryProviders.simulatedCloud().startDetector?.name == LocalEventDetector().name)
        #expect(CommentaryProviders.local.startDetector == nil)
    }
}
