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
    private static func providers(words: String) -> CommentaryProviders {
        CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(words: words), synthesizer: FakeSynthesizer())
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
        let kept = try [0, 1].map { try Data(contentsOf: folder.appendingPathComponent("chunk-0000\($0).mp4")) }
        for name in ["chunk-00002.mp4", "segment-00002.m4s", "chunk-00003.mp4", "segment-00003.m4s", "final.mp4", "captions.vtt"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }

        let again = try PipelineRun(providers: Self.providers(words: "Second")) { configuration in
            configuration.outputDirectory = folder
            configuration.prior = PriorDeliveries(prior)
        }
        let events = await again.run()
        guard case .complete(let complete) = events.last else { Issue.record("did not complete: \(events.last.map(\.type) ?? "-")"); return }
        #expect(complete.chunks == 4 && complete.finalVideo != nil)
        #expect(events.chunkIndices == [2, 3], "chunks 0 and 1 are not made again")
        for index in [0, 1] {
            #expect(try Data(contentsOf: folder.appendingPathComponent("chunk-0000\(index).mp4")) == kept[index])
        }
        // Interval 2's line as told (by the first writer), the rest new, numbered after it.
        let lines = events.commentary
        #expect(lines.map(\.text) == ["First for interval 2.", "Second for interval 3."])
        #expect(lines.map(\.index) == [2, 3])
        let captions = try String(contentsOf: folder.appendingPathComponent(OutputNames.captions), encoding: .utf8)
        for text in ["First for interval 0.", "First for interval 1.", "First for interval 2.", "Second for interval 3."] {
            #expect(captions.contains(text), "captions hold \(text)")
        }
    }
}
