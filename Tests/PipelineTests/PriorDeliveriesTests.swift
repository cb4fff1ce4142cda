import Foundation
import Commentary
import Media
import Pipeline
import SessionModel
import Testing
import TestSupport

/// A session's pipeline run again after a restart or a takeover, with what the first run told:
/// the chunks it announced are kept as they are, the lines it told are the lines, and new
/// lines are numbered after them, whatever the writer would say this time.
@Suite struct PriorDeliveriesTests {
    private static func providers(words: String, detector: FakeDetector = FakeDetector()) -> CommentaryProviders {
        CommentaryProviders(detector: detector, writer: FakeWriter(words: words), synthesizer: FakeSynthesizer())
    }

    @Test func announcedChunksAreNotMadeAgainAndToldLinesStayTold() async throws {
        let first = try PipelineRun(providers: Self.providers(words: "First"))
        let told = await first.run()
        #expect(told.chunkIndices.count == 4)
        // The first run was stopped right after chunk 1 was announced and interval 2's line told.
        let cut = try #require(told.firstIndex { if case .commentaryReady(let line) = $0 { line.interval == 2 } else { false } })
        let prior = Array(told[...cut])
        #expect(prior.chunkIndices == [0, 1])
        let folder = first.folder
        let kept = try Data(contentsOf: folder.appendingPathComponent("chunk-00000.mp4"))
        // Chunk 1 was announced but its files are gone: it is made again, speaking what was told.
        for name in ["chunk-00001.mp4", "segment-00001.m4s", "chunk-00002.mp4", "segment-00002.m4s", "chunk-00003.mp4", "segment-00003.m4s", "final.mp4", "captions.vtt"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }

        let detector = FakeDetector()
        let again = try PipelineRun(providers: Self.providers(words: "Second", detector: detector)) { configuration in
            configuration.outputDirectory = folder
            configuration.prior = PriorDeliveries(prior)
        }
        let events = await again.run()
        guard case .complete(let complete) = events.last else { Issue.record("did not complete: \(events.last.map(\.type) ?? "-")"); return }
        #expect(complete.chunks == 4 && complete.finalVideo != nil)
        #expect(events.chunkIndices == [1, 2, 3], "chunk 0 is not made again")
        #expect(try Data(contentsOf: folder.appendingPathComponent("chunk-00000.mp4")) == kept)
        // Intervals 1 and 2's lines as told (by the first writer), the rest new, numbered after them.
        let lines = events.commentary
        #expect(lines.map(\.text) == ["First for interval 1.", "First for interval 2.", "Second for interval 3."])
        #expect(lines.map(\.index) == [1, 2, 3])
        // And the detections as told, not run again.
        let detectedBefore = Set(prior.compactMap { if case .eventsDetected(let found) = $0 { found.interval } else { nil } })
        let calls = await detector.calls
        #expect(detectedBefore.isSuperset(of: [0, 1, 2]))
        #expect(Set(calls).isDisjoint(with: detectedBefore) && Set(calls).union(detectedBefore) == [0, 1, 2, 3], "asked \(calls)")
        let captions = try String(contentsOf: folder.appendingPathComponent(OutputNames.captions), encoding: .utf8)
        for text in ["First for interval 0.", "First for interval 1.", "First for interval 2.", "Second for interval 3."] {
            #expect(captions.contains(text), "captions hold \(text)")
        }
    }
}
