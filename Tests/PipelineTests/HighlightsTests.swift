import Foundation
import Testing
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// `highlights` output: the salient moments of each chunk as the session runs, widened to
/// keyframes, within a quarter of the video, and a final reel that plays them one after
/// another with its captions on the reel's timeline.
@Suite(.timeLimit(.minutes(10))) struct HighlightsTests {
    @Test func onlySceneCutsMakeNoReelAndAWarningSaysSo() async throws {
        let providers = CommentaryProviders(detector: FakeDetector(kind: DetectedEvent.cut), writer: FakeWriter(), synthesizer: FakeSynthesizer())
        let run = try PipelineRun(providers: providers, interval: 10) { $0.options.output = .highlights }
        let events = await run.run()
        #expect(events.warnings.map(\.code) == ["no_highlights"])
        #expect(events.chunkIndices.isEmpty)
        guard case .complete(let complete) = events.last else { Issue.record("no complete"); return }
        #expect(complete.chunks == 0 && complete.finalVideo == nil)
    }

    @Test func theMomentsOfEachChunkAndAFinalReelWithItsCaptions() async throws {
        let providers = CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: FakeSynthesizer())
        let run = try PipelineRun(providers: providers, interval: 10) { $0.options.output = .highlights }
        let events = await run.run()
        guard case .complete(let complete) = events.last else { Issue.record("no complete: \(events.last.map(\.type) ?? "-")"); return }
        let chunks = events.compactMap { if case .chunkReady(let chunk) = $0 { chunk } else { nil } }
        // The fake detector reports one moment 1 s into each 10 s window, the fake writer a 0.5 s
        // line near its start; with a 2 s GOP and 2.5 s of the reel per window, each highlight is
        // the moment's first keyframes.
        #expect(chunks.map(\.index) == [0, 1])
        #expect(chunks.map(\.start) == [0, 10] && chunks.map(\.end) == [2, 12])
        #expect(complete.chunks == 2)
        for (chunk, line) in zip(chunks, events.commentary) {
            #expect(chunk.start <= line.start - 0.35 && chunk.end >= line.end + 0.6)
            #expect(chunk.duration < 10)
            #expect(abs(chunk.start / 2 - (chunk.start / 2).rounded()) < 1e-6, "starts off a keyframe: \(chunk.start)")
        }
        // The captions play on the reel's timeline, each line where its chunk puts it.
        let captions = try String(contentsOf: run.folder.appendingPathComponent(OutputNames.captions), encoding: .utf8)
        #expect(captions.contains("00:00:00.350 --> 00:00:00.850") && captions.contains("00:00:02.350 --> 00:00:02.850"))
        let playlist = try String(contentsOf: run.folder.appendingPathComponent(OutputNames.playlist), encoding: .utf8)
        #expect(playlist.contains("#EXT-X-DISCONTINUITY") && playlist.hasSuffix("#EXT-X-ENDLIST\n"))
        let final = run.folder.appendingPathComponent(OutputNames.finalVideo)
        let total = chunks.reduce(0) { $0 + $1.duration }
        #expect(abs(try Tools.formatDuration(final) - total) < 0.05)
        let counted = try Tools.probe(final, ["-count_frames", "-select_streams", "v", "-show_entries", "stream=nb_read_frames"])
        #expect((counted["streams"] as? [[String: Any]])?.first?["nb_read_frames"] as? String == "\(Int((total * 25).rounded()))")
        // Each line's tone is in the reel where its chunk put it.
        let audio = try Tools.decodedAudio(final)
        var reelTime = 0.0
        for (chunk, line) in zip(chunks, events.commentary) {
            let at = Int((reelTime + line.start - chunk.start + 0.25) * 44_100)
            let rms = (audio[at..<at + 4410].reduce(0) { $0 + $1 * $1 } / 4410).squareRoot()
            #expect(rms > 0.1, "no speech at \(reelTime + line.start - chunk.start) s of the reel")
            reelTime += chunk.duration
        }
    }
}
