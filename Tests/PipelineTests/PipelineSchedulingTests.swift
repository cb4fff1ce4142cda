import Foundation
import Media
import Testing
import Commentary
import Pipeline
import SessionModel
import TestSupport

@Suite(.timeLimit(.minutes(10))) struct PipelineSchedulingTests {
    let detector = FakeDetector()
    let writer = FakeWriter()
    let synthesizer = FakeSynthesizer()
    var providers: CommentaryProviders { CommentaryProviders(detector: detector, writer: writer, synthesizer: synthesizer) }

    @Test func runsEveryChunkInOrderAndCompletes() async throws {
        let events = try await PipelineRun(providers: providers).run()
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(events.commentary.count == 4)
        guard case .complete(let complete) = events.last else { Issue.record("no complete: \(events.last.map(\.type) ?? "-")"); return }
        #expect(complete.chunks == 4)
        #expect(complete.finalVideo == "/media/k/final.mp4")
        let info = events.lazy.compactMap { if case .mediaInfo(let info) = $0 { info } else { nil } }.first
        #expect(info?.intervals == 4)
        let progress = events.compactMap { if case .status(let s) = $0 { s.progress } else { nil } }
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func aReprioritisedIntervalIsDetectedAndDeliveredNext() async throws {
        let gate = Gate()
        await detector.hold(0, at: gate)
        let run = try PipelineRun(providers: providers)
        let events = await run.run { event, pipeline in
            // Chunk 0 is taken (its detection waits at the gate): interval 3 starts at 15 s,
            // inside chunk 2 (keyframes every 2 s: chunks start at 0, 6, 10 and 16 s).
            if case .status(let status) = event, status.message == "detecting events in interval 0" {
                let result = await pipeline.prioritise(at: 16)
                #expect(result?.interval == 3 && result?.state == .queued)
                await gate.open()
            }
        }
        #expect(await detector.calls == [0, 2, 1, 3])
        #expect(events.chunkIndices == [0, 2, 1, 3])
        #expect(await run.pipeline.prioritise(interval: 4) == nil)
        #expect(await run.pipeline.prioritise(interval: 2)?.state == .done)
    }

    @Test func aNewVoiceAppliesFromTheNextUnvoicedLine() async throws {
        let gate = Gate()
        await writer.hold(2, at: gate)
        let events = try await PipelineRun(providers: providers).run { event, pipeline in
            if case .commentaryReady(let line) = event, line.interval == 1 {
                let changed = await pipeline.setVoice("v2")
                #expect((try? changed.get()) == 2)
                await gate.open()
            }
        }
        #expect(events.commentary.map(\.voice) == ["v1", "v1", "v2", "v2"])
        #expect(await synthesizer.spokenWith == ["v1", "v1", "v2", "v2"])
        let unknown = await (try PipelineRun(providers: providers)).pipeline.setVoice("nobody")
        #expect((try? unknown.get()) == nil)
    }

    @Test func cancelStopsTheWorkAndEndsWithCancelled() async throws {
        let gate = Gate()
        await detector.hold(1, at: gate)
        let run = try PipelineRun(providers: providers)
        let events = await run.run { event, pipeline in
            if case .chunkReady = event {
                await pipeline.cancel()
                await gate.open()
            }
        }
        guard case .cancelled(let cancelled) = events.last else { Issue.record("last event: \(events.last.map(\.type) ?? "-")"); return }
        #expect(cancelled.chunks == 1)
        #expect(events.chunkIndices == [0])
        #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("chunk-00000.mp4").path))
        // What was made can be downloaded as one video: the one chunk, whole.
        #expect(cancelled.partialVideo == "/media/k/partial.mp4")
        let chunk = try #require(events.compactMap { if case .chunkReady(let c) = $0 { c } else { nil } }.first)
        let partial = run.folder.appendingPathComponent("partial.mp4")
        #expect(abs(try Tools.formatDuration(partial) - chunk.duration) < 0.05)
    }

    @Test func aCancelBeforeAnyChunkHasNoPartialVideo() async throws {
        let gate = Gate()
        await detector.hold(0, at: gate)
        let run = try PipelineRun(providers: providers)
        let events = await run.run { event, pipeline in
            if case .mediaInfo = event {
                await pipeline.cancel()
                await gate.open()
            }
        }
        guard case .cancelled(let cancelled) = events.last else { Issue.record("last event: \(events.last.map(\.type) ?? "-")"); return }
        #expect(cancelled.chunks == 0)
        #expect(cancelled.partialVideo == nil)
        #expect(!FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("partial.mp4").path))
    }

    @Test func thePosterIsTheFirstKeyframeAndComesBeforeTheFirstChunk() async throws {
        let run = try PipelineRun(providers: providers)
        let events = try await run.run()
        let posters = events.compactMap { if case .poster(let p) = $0 { p } else { nil } }
        #expect(posters.count == 1)
        #expect(posters.first?.url == "/media/k/poster.jpg")
        #expect((posters.first?.t ?? 1) < 0.05)
        let poster = try #require(events.firstIndex { $0.type == "poster" })
        let firstChunk = try #require(events.firstIndex { $0.type == "chunk_ready" })
        #expect(poster < firstChunk)
        let bytes = try [UInt8](Data(contentsOf: run.folder.appendingPathComponent("poster.jpg")))
        #expect(bytes.starts(with: [0xFF, 0xD8, 0xFF]), "a JPEG")
    }
}

@Suite(.timeLimit(.minutes(10))) struct PipelineErrorPolicyTests {
    let detector = FakeDetector()
    let writer = FakeWriter()
    let synthesizer = FakeSynthesizer()
    var providers: CommentaryProviders { CommentaryProviders(detector: detector, writer: writer, synthesizer: synthesizer) }

    @Test func transientDetectionFailuresAreRetried() async throws {
        await detector.failNext([ProviderError(.transient, "busy"), ProviderError(.transient, "busy")])
        let events = try await PipelineRun(providers: providers).run()
        #expect(events.warnings.isEmpty)
        #expect(await detector.calls == [0, 0, 0, 1, 2, 3])
    }

    @Test func detectionThatKeepsFailingGivesNoEventsAndAWarning() async throws {
        await detector.failAlways(ProviderError(.transient, "down"))
        let events = try await PipelineRun(providers: providers).run()
        #expect(events.warnings.filter { $0.code == "detection_failed" }.map(\.interval) == [0, 1, 2, 3])
        #expect(await detector.calls.count == 16)
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(events.last?.type == "complete")
    }

    @Test func aPermanentDetectionFailureIsNotRetried() async throws {
        await detector.failNext([ProviderError(.permanent, "bad request")])
        let events = try await PipelineRun(providers: providers).run()
        #expect(events.warnings.map(\.code) == ["detection_failed"])
        #expect(await detector.calls == [0, 1, 2, 3])
    }

    @Test func aLineWhoseSpeechFailsIsSkipped() async throws {
        await synthesizer.fail(containing: "interval 2")
        let events = try await PipelineRun(providers: providers).run()
        #expect(events.warnings.map(\.code) == ["tts_failed"])
        #expect(events.warnings.first?.interval == 2)
        #expect(events.commentary.map(\.interval) == [0, 1, 3])
        #expect(events.chunkIndices == [0, 1, 2, 3])
    }

    @Test func aFailedChunkIsReportedAndTheRestContinue() async throws {
        let events = try await PipelineRun(providers: providers, failingChunks: [1]).run()
        #expect(events.errors.map(\.code) == ["chunk_failed"])
        #expect(events.errors.first?.fatal == false && events.errors.first?.index == 1)
        #expect(events.chunkIndices == [0, 2, 3])
        guard case .complete(let complete) = events.last else { Issue.record("no complete"); return }
        #expect(complete.chunks == 3 && complete.finalVideo == nil)
    }

    @Test func aFileThatIsNotAVideoIsAFatalUnsupportedMedia() async throws {
        let text = TestFiles.scratch("not-a-video").appendingPathComponent("clip.mp4")
        try "hello".write(to: text, atomically: true, encoding: .utf8)
        let events = try await PipelineRun(source: text, providers: providers).run()
        #expect(events.errors.map(\.code) == ["unsupported_media"])
        #expect(events.last?.isTerminal == true)
    }
}

/// The session's language reaches the speech calls (a cloud voice's local fallback picks a
/// voice of that language from it).
@Suite(.timeLimit(.minutes(10))) struct SpokenLanguageTests {
    @Test func speechCallsKnowTheSessionsLanguage() async throws {
        let synthesizer = FakeSynthesizer()
        let providers = CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: synthesizer)
        _ = try await PipelineRun(providers: providers, configure: { $0.options.language = "es" }).run()
        let languages = await synthesizer.languages
        #expect(!languages.isEmpty && languages.allSatisfy { $0 == "es" }, "\(languages)")
    }
}

/// The HLS playlist a native player reads: there from `media_info` on, and never stuck at a
/// chunk that failed.
@Suite(.timeLimit(.minutes(10))) struct PlaylistFileTests {
    @Test func thePlaylistExistsAtMediaInfoAndPassesOverAFailedChunk() async throws {
        let providers = CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: FakeSynthesizer())
        let run = try PipelineRun(providers: providers, failingChunks: [1])
        let playlist = run.folder.appendingPathComponent(OutputNames.playlist)
        let atMediaInfo = Flag()
        let events = await run.run { event, _ in
            if case .mediaInfo = event, FileManager.default.fileExists(atPath: playlist.path) { atMediaInfo.raise() }
        }
        #expect(atMediaInfo.isRaised, "no playlist when media_info announced it")
        #expect(events.chunkIndices == [0, 2, 3])
        let text = try String(contentsOf: playlist, encoding: .utf8)
        let segments = text.split(separator: "\n").filter { $0.hasPrefix("segment-") }
        #expect(segments == ["segment-00000.m4s", "segment-00002.m4s", "segment-00003.m4s"])
        #expect(text.contains("#EXT-X-DISCONTINUITY") && text.hasSuffix("#EXT-X-ENDLIST\n"))
    }
}
