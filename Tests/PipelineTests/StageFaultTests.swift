import Foundation
import Testing
import Commentary
import Pipeline
import SessionModel

/// A stage that hangs is abandoned by the watchdog, a slow one is waited for; either way the
/// session reaches its terminal event. The watchdog's limit is far above what real work takes
/// here, even on a loaded machine (every stage runs under it); the hangs last longer still.
@Suite(.timeLimit(.minutes(10))) struct StageFaultTests {
    private let limit: Duration = .seconds(60)

    let detector = FakeDetector()
    let writer = FakeWriter()
    let synthesizer = FakeSynthesizer()
    var providers: CommentaryProviders { CommentaryProviders(detector: detector, writer: writer, synthesizer: synthesizer) }

    @Test func aHungDetectionIsAbandonedAndTheChunkStillComes() async throws {
        await detector.hold(1, at: Gate())
        let events = try await PipelineRun(providers: providers) { [limit] in $0.stageTimeout = limit }.run()
        #expect(events.warnings.map(\.code) == ["detection_failed"])
        #expect(events.warnings.first?.interval == 1 && events.warnings.first?.message.contains("no result within") == true)
        #expect(events.chunkIndices == [0, 1, 2, 3], "errors: \(events.errors.map(\.message))")
        #expect(events.last?.type == "complete")
    }

    @Test func aHungWriterIsAbandonedAndItsChunkHasNoCommentary() async throws {
        await writer.hold(2, at: Gate())
        let events = try await PipelineRun(providers: providers) { [limit] in $0.stageTimeout = limit }.run()
        #expect(events.warnings.map(\.code) == ["writing_failed"])
        #expect(events.commentary.map(\.interval) == [0, 1, 3])
        #expect(events.last?.type == "complete")
    }

    @Test func aHungAssemblyIsAChunkFailedAndLaterChunksContinue() async throws {
        let events = try await PipelineRun(providers: providers, hangingChunks: [2], hang: 150) { [limit] in $0.stageTimeout = limit }.run()
        #expect(events.errors.map(\.code) == ["chunk_failed"])
        #expect(events.errors.first?.index == 2 && events.errors.first?.fatal == false)
        #expect(events.chunkIndices == [0, 1, 3])
        guard case .complete(let complete) = events.last else { Issue.record("no complete"); return }
        #expect(complete.chunks == 3 && complete.finalVideo == nil)
    }

    @Test func aSlowStageWithinItsTimeIsWaitedFor() async throws {
        let gate = Gate()
        await writer.hold(1, at: gate)
        Task {
            try? await Task.sleep(for: .seconds(2))
            await gate.open()
        }
        let events = try await PipelineRun(providers: providers) { $0.stageTimeout = .seconds(30) }.run()
        #expect(events.warnings.isEmpty)
        #expect(events.commentary.map(\.interval) == [0, 1, 2, 3])
        #expect(events.last?.type == "complete")
    }
}
