import Foundation
import Testing
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// `highlights` output: one chunk per commentary segment, widened to keyframes, and a final
/// video that plays them one after another.
@Suite struct HighlightsTests {
    @Test func oneChunkPerCommentarySegmentAndAFinalReel() async throws {
        let providers = CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: FakeSynthesizer())
        let run = try PipelineRun(providers: providers, interval: 10) { $0.options.output = .highlights }
        let events = await run.run()
        guard case .complete(let complete) = events.last else { Issue.record("no complete: \(events.last.map(\.type) ?? "-")"); return }
        let chunks = events.compactMap { if case .chunkReady(let chunk) = $0 { chunk } else { nil } }
        // The fake writer puts one 0.5 s line near the start of each 10 s window; with a 2 s GOP
        // and 1 s of context each side, every highlight is a few seconds on keyframes.
        #expect(chunks.map(\.index) == [0, 1])
        #expect(complete.chunks == 2)
        for (chunk, line) in zip(chunks, events.commentary) {
            #expect(chunk.start <= line.start - 0.35 && chunk.end >= line.end + 0.6)
            #expect(chunk.duration < 10)
            #expect(abs(chunk.start / 2 - (chunk.start / 2).rounded()) < 1e-6, "starts off a keyframe: \(chunk.start)")
        }
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
