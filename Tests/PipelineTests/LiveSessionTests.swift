import Foundation
import Testing
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// A live session's pipeline on a stream written in real time: chunks planned as it grows, a
/// chunk whose commentary is late goes out at its deadline with the original sound, a live
/// playlist, and the whole recording at the end.
@Suite(.timeLimit(.minutes(10))) struct LiveSessionTests {
    /// 15 s of MPEG-TS, a keyframe every second: five 3 s intervals.
    static let stream: Result<URL, any Error> = Result {
        try TestFiles.generate("live15.ts", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=48000",
            "-t", "15", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2", "-f", "mpegts",
        ])
    }

    private func livePipeline(_ providers: CommentaryProviders, deadline: Duration, folder: URL) throws -> (Pipeline, LiveFeed) {
        let feed = try LiveFeed(copying: try Self.stream.get(), duration: 15, into: folder)
        let output = folder.appendingPathComponent("out")
        var configuration = PipelineConfiguration(source: feed.url, outputDirectory: output, cacheDirectory: nil, contentKey: "live",
                                                  options: SessionOptions(voice: "v1", intervalSeconds: 3, live: true), urlPrefix: "/media/k/")
        configuration.upload = feed.progress
        configuration.detectionWorkers = 1
        configuration.live.deadline = deadline
        configuration.live.window = 6
        return (Pipeline(configuration: configuration, providers: providers), feed)
    }

    @Test func aChunkWhoseCommentaryIsLateGoesOutWithoutItAndTheStreamKeepsUp() async throws {
        let writer = FakeWriter()
        let held = Gate()
        await writer.hold(2, at: held)
        let folder = TestFiles.scratch("live-late")
        let (pipeline, feed) = try livePipeline(CommentaryProviders(detector: FakeDetector(), writer: writer, synthesizer: FakeSynthesizer()),
                                                deadline: .milliseconds(1500), folder: folder)
        async let feeding: Void = feed.run()
        async let running: Void = pipeline.run()
        var events: [ServerEvent] = []
        var chunksWhileHeld: [Int] = []
        var released = false
        for await event in pipeline.events {
            events.append(event)
            guard case .chunkReady(let chunk) = event, !released else { continue }
            chunksWhileHeld.append(chunk.interval)
            // The writer is stuck on interval 2: chunks 2 and 3 still come (3 may be late too,
            // behind 2 in the writer's queue); then the writer is let go.
            if chunk.interval >= 3 {
                released = true
                await held.open()
            }
        }
        try await feeding
        await running

        #expect(chunksWhileHeld.contains(2), "interval 2's chunk went out while its writer was stuck: \(chunksWhileHeld)")
        let late = events.warnings.filter { $0.code == "commentary_late" }
        #expect(late.contains { $0.interval == 2 })
        let lateIntervals = Set(late.compactMap(\.interval))
        // A late interval's lines are never told, even once the writer answers.
        #expect(events.commentary.allSatisfy { !lateIntervals.contains($0.interval) }, "\(events.commentary.map(\.interval))")
        #expect(events.commentary.contains { $0.interval == 0 }, "an interval on time keeps its commentary")
        #expect(events.chunkIndices.sorted() == [0, 1, 2, 3, 4])
        guard case .complete(let complete)? = events.last else {
            Issue.record("no complete: \(events.last.map(String.init(describing:)) ?? "nothing")")
            return
        }
        #expect(complete.finalVideo != nil)
        let captions = try String(contentsOf: folder.appendingPathComponent("out/captions.vtt"), encoding: .utf8)
        #expect(!captions.contains("interval 2."), "the late interval's line is not in the captions")
        let final = try MediaProbe.probe(folder.appendingPathComponent("out/final.mp4"))
        #expect(abs(final.duration - 15) < 0.2, "the whole recording: \(final.duration) s")
    }

    @Test func aLiveSessionAnnouncesHowToPlayItAndKeepsAWindowInItsPlaylist() async throws {
        let folder = TestFiles.scratch("live-playlist")
        let (pipeline, feed) = try livePipeline(CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: FakeSynthesizer()),
                                                deadline: .seconds(5), folder: folder)
        let playlist = folder.appendingPathComponent("out/playlist.m3u8")
        async let feeding: Void = feed.run(speed: 2)
        async let running: Void = pipeline.run()
        var events: [ServerEvent] = []
        var whileLive: [String] = []
        for await event in pipeline.events {
            events.append(event)
            if case .chunkReady = event, let text = try? String(contentsOf: playlist, encoding: .utf8) { whileLive.append(text) }
        }
        try await feeding
        await running

        let infos = events.compactMap { if case .mediaInfo(let info) = $0 { info } else { nil } }
        #expect(infos.first?.duration == nil)
        #expect(infos.allSatisfy { $0.live == LivePlayback(delay: 4, window: 6) && $0.intervalSeconds == 3 && $0.firstIntervalSeconds == 3 })
        // Until the last chunk (made once the stream has ended) the playlist is live.
        #expect(whileLive.count == 5 && whileLive.dropLast().allSatisfy { !$0.contains("#EXT-X-ENDLIST") }, "\(whileLive)")
        #expect(whileLive.allSatisfy { !$0.contains("PLAYLIST-TYPE") })
        // A 6 s window over 3 s chunks still lists three; the media sequence counts those gone.
        let last = try String(contentsOf: playlist, encoding: .utf8)
        #expect(last.contains("#EXT-X-MEDIA-SEQUENCE:2") && last.contains("#EXT-X-ENDLIST"), "\(last)")
        #expect(last.components(separatedBy: "#EXTINF").count - 1 == 3)
        #expect(events.chunkIndices == [0, 1, 2, 3, 4])
        #expect(events.commentary.count == 5, "every interval on time has its line")
    }
}
