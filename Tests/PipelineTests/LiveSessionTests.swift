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

    /// `lateIntervals` are the intervals whose deadline passes (1.5 s after they close); the
    /// others' never does, so which chunks are late does not depend on how loaded the machine is.
    private func livePipeline(_ providers: CommentaryProviders, lateIntervals: Set<Int>, folder: URL) throws -> (Pipeline, LiveFeed) {
        let feed = try LiveFeed(copying: try Self.stream.get(), duration: 15, into: folder)
        var configuration = Self.configuration(source: feed.url, folder: folder)
        configuration.upload = feed.progress
        configuration.live.waitForDeadline = { interval, until in
            if lateIntervals.contains(interval) { try await Task.sleep(until: until) } else { try await Task.sleep(for: .seconds(3600)) }
        }
        return (Pipeline(configuration: configuration, providers: providers), feed)
    }

    private static func configuration(source: URL, folder: URL) -> PipelineConfiguration {
        var configuration = PipelineConfiguration(source: source, outputDirectory: folder.appendingPathComponent("out"), cacheDirectory: nil,
                                                  contentKey: "live", options: SessionOptions(voice: "v1", intervalSeconds: 3, live: true),
                                                  urlPrefix: "/media/k/")
        configuration.detectionWorkers = 1
        configuration.live.deadline = .milliseconds(1500)
        configuration.live.window = 6
        return configuration
    }

    private static func events(of pipeline: Pipeline) async -> [ServerEvent] {
        var events: [ServerEvent] = []
        for await event in pipeline.events { events.append(event) }
        return events
    }

    @Test func aChunkWhoseCommentaryIsLateGoesOutWithoutItAndTheStreamKeepsUp() async throws {
        let writer = FakeWriter()
        let held = Gate()
        await writer.hold(2, at: held)
        let folder = TestFiles.scratch("live-late")
        let (pipeline, feed) = try livePipeline(CommentaryProviders(detector: FakeDetector(), writer: writer, synthesizer: FakeSynthesizer()),
                                                lateIntervals: [2], folder: folder)
        async let feeding: Void = feed.run()
        async let running: Void = pipeline.run()
        var events: [ServerEvent] = []
        var chunksWhileHeld: [Int] = []
        var released = false
        for await event in pipeline.events {
            events.append(event)
            guard case .chunkReady(let chunk) = event, !released else { continue }
            chunksWhileHeld.append(chunk.interval)
            // The writer is stuck on interval 2 until its chunk went out without it; then it is let go.
            if chunk.interval == 2 {
                released = true
                await held.open()
            }
        }
        try await feeding
        await running

        #expect(chunksWhileHeld.contains(2), "interval 2's chunk went out while its writer was stuck: \(chunksWhileHeld)")
        let late = events.warnings.filter { $0.code == "commentary_late" }
        #expect(late.map(\.interval) == [2])
        // A late interval's lines are never told, even once the writer answers; the others' are.
        #expect(Set(events.commentary.map(\.interval)) == [0, 1, 3, 4], "\(events.commentary.map(\.interval))")
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
                                                lateIntervals: [], folder: folder)
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

    @Test func aRestartedLiveSessionKeepsTheChunksItAnnouncedWhenEveryDeadlineHasPassed() async throws {
        let folder = TestFiles.scratch("live-restart")
        let (first, feed) = try livePipeline(CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(words: "First"), synthesizer: FakeSynthesizer()),
                                             lateIntervals: [], folder: folder)
        async let feeding: Void = feed.run(speed: 4)
        async let running: Void = first.run()
        let told = await Self.events(of: first)
        try await feeding
        await running
        // The first run stopped once chunk 2 was announced; the later chunks' files are gone.
        let cut = try #require(told.firstIndex { if case .chunkReady(let chunk) = $0 { chunk.index == 2 } else { false } })
        let prior = Array(told[...cut])
        let output = folder.appendingPathComponent("out")
        let kept = try Data(contentsOf: output.appendingPathComponent("chunk-00001.mp4"))
        for name in ["chunk-00003.mp4", "segment-00003.m4s", "chunk-00004.mp4", "segment-00004.m4s", "final.mp4", "captions.vtt"] {
            try? FileManager.default.removeItem(at: output.appendingPathComponent(name))
        }

        // Run again as the stream is sent again (quickly, as a backlog would be), each deadline
        // passing as soon as its chunk is planned: before a worker gets to restore it.
        let resent = try LiveFeed(copying: try Self.stream.get(), duration: 15, into: TestFiles.scratch("live-restart-feed"))
        var configuration = Self.configuration(source: resent.url, folder: folder)
        configuration.upload = resent.progress
        configuration.prior = PriorDeliveries(prior)
        configuration.live.waitForDeadline = { _, _ in }
        let again = Pipeline(configuration: configuration,
                             providers: CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(words: "Second"), synthesizer: FakeSynthesizer()))
        async let resending: Void = resent.run(speed: 8)
        async let rerunning: Void = again.run()
        let events = await Self.events(of: again)
        try await resending
        await rerunning

        let late = Set(events.warnings.filter { $0.code == "commentary_late" }.compactMap(\.interval))
        #expect(late.isDisjoint(with: [0, 1, 2]), "the chunks announced before are not late: \(late)")
        #expect(events.chunkIndices == [3, 4], "only the chunks not announced are made")
        #expect(try Data(contentsOf: output.appendingPathComponent("chunk-00001.mp4")) == kept)
        guard case .complete(let complete)? = events.last else {
            Issue.record("no complete: \(events.last.map(String.init(describing:)) ?? "nothing")")
            return
        }
        #expect(complete.chunks == 5 && complete.finalVideo != nil)
        let captions = try String(contentsOf: output.appendingPathComponent("captions.vtt"), encoding: .utf8)
        for interval in 0...2 { #expect(captions.contains("First for interval \(interval)."), "the line told for interval \(interval)") }
    }
}
