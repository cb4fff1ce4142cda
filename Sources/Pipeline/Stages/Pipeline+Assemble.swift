import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    /// Makes the chunk (in `highlights` output, the chunk's highlights) and announces it; a
    /// failure is a non-fatal `chunk_failed` and the next chunks go on.
    func assemble(_ chunk: VoicedChunk, with assembler: any ChunkAssembling) async {
        if !assemblyTurn.take() { await withCheckedContinuation { assemblyTurn.wait($0) } }
        defer { assemblyTurn.pass()?.resume() }
        status(.assembling, "assembling interval \(chunk.span.interval)")
        let clips = chunk.lines.map { (line: $0.line, clip: SpeechClip(start: $0.line.start, samples: $0.speech.samples, intensity: $0.line.intensity)) }
        let highlightsOutput = configuration.options.output == .highlights
        var targets = [chunk.span]
        if highlightsOutput, let info { targets = highlightSpans(of: chunk, info: info) }
        for span in targets {
            let lines = clips.filter { highlightsOutput ? playsWhole($0.line, in: span) : $0.line.start >= span.start && $0.line.start < span.end }
            let speech = lines.map(\.clip)
            let outcome = await urgencyScoped { () async -> Result<ChunkFiles, MediaError> in
                do throws(MediaError) {
                    return .success(try await self.guarded("assembling the chunk", timeout: { MediaError(.io, $0) }) { () async throws(MediaError) in
                        try await Offload.run { () throws(MediaError) in try assembler.assemble(span, speech: speech) }
                    })
                } catch {
                    return .failure(error)
                }
            }
            do {
                let files = try outcome.get()
                guard !Task.isCancelled, lifecycle == .running else { return }
                let now = ContinuousClock.now
                let made = output.made(span.index, for: chunk.span.index, at: now)
                if highlightsOutput { reel.captions.append((span, lines.map(\.line.caption))) }
                if made.first { PipelineMetrics.firstChunk(after: started.duration(to: now)) }
                if let latency = made.latency { PipelineMetrics.chunk(after: latency) }
                writePlaylist(ended: false)
                emit(.chunkReady(ChunkReadyEvent(index: span.index, interval: span.interval, url: url(files.mp4.lastPathComponent),
                                                 start: span.start, end: span.end)))
            } catch {
                output.failedChunk(span.index, for: chunk.span.index)
                writePlaylist(ended: false)
                emit(.error(ErrorEvent(code: "chunk_failed", message: error.message, fatal: false, interval: span.interval, index: span.index)))
            }
        }
        schedule.finish(chunk.span.index)
        status(.assembling, "interval \(chunk.span.interval) done", step: .assembled)
    }

    func writePlaylist(ended: Bool) {
        let target = playlistTarget()
        let playlist = configuration.options.output == .highlights
            ? HLSPlaylist(highlights: reel.spans, targetDuration: target)
            : HLSPlaylist(spans: spans, targetDuration: target)
        let window = configuration.options.live ? configuration.live.window : nil
        // While chunks are still being planned, every chunk planned so far being in does not end it.
        let text = playlist.render(ready: output.delivered, failed: output.failed, ended: ended ? true : schedule.isPlanComplete ? nil : false,
                                   window: window)
        try? text.write(to: configuration.outputDirectory.appendingPathComponent(OutputNames.playlist), atomically: true, encoding: .utf8)
    }

    /// final.mp4 (when every chunk was made), captions, events.json, the ended playlist, `complete`.
    func finalize() async {
        status(.finalizing, "assembling the final video")
        let directory = configuration.outputDirectory
        var finalVideo: String?
        let highlightsOutput = configuration.options.output == .highlights
        if highlightsOutput, reel.spans.isEmpty, output.failed.isEmpty {
            emit(.warning(WarningEvent(code: "no_highlights",
                                       message: "no moment stood out (only scene cuts or none): the highlights reel is empty; the full output has the whole video")))
        }
        if output.failed.isEmpty, !highlightsOutput || !reel.spans.isEmpty {
            let ordered = outputSpans
            do {
                try await Offload.run { () throws(MediaError) in
                    if highlightsOutput {
                        _ = try FinalAssembler.concatenate(directory: directory, spans: ordered)
                    } else {
                        _ = try FinalAssembler.assemble(directory: directory, spans: ordered)
                    }
                }
                finalVideo = url(OutputNames.finalVideo)
            } catch {
                emit(.error(ErrorEvent(code: "internal", message: "final video: \(error.message)", fatal: false)))
            }
        }
        // The reel's captions play on the reel's timeline.
        let shown = highlightsOutput ? HighlightReel.captions(reel.captions) : output.captions
        try? WebVTT.render(shown).write(to: directory.appendingPathComponent(OutputNames.captions), atomically: true, encoding: .utf8)
        writeEventsFile()
        writePlaylist(ended: true)
        guard lifecycle != .finished else { return }
        emit(.complete(CompleteEvent(
            chunks: output.delivered.count, finalVideo: finalVideo, captions: url(OutputNames.captions), playlist: url(OutputNames.playlist),
            stats: .init(firstChunkMs: output.firstChunkAt.map(milliseconds(since:)), totalMs: milliseconds(since: .now),
                         usage: activity.usage.isEmpty ? nil : activity.usage))))
    }

    /// The chunks the output is made of: the highlights in `highlights` output, else the plan's.
    var outputSpans: [ChunkSpan] { configuration.options.output == .highlights ? reel.spans : spans }

    /// What a cancelled session made, one chunk after another in time order, as
    /// partial.mp4; nil when nothing was made (or it could not be joined).
    func joinDelivered() async -> String? {
        let made = outputSpans.filter { output.delivered.contains($0.index) }
        guard !made.isEmpty else { return nil }
        let directory = configuration.outputDirectory
        do {
            try await Offload.run { () throws(MediaError) in
                _ = try FinalAssembler.concatenate(directory: directory, spans: made, named: OutputNames.partialVideo)
            }
            return url(OutputNames.partialVideo)
        } catch {
            emit(.warning(WarningEvent(code: "no_partial_video", message: "the parts made cannot be joined into one video (\(error.message)); each still plays")),
                 cancelling: true)
            return nil
        }
    }

    private struct EventsFile: Encodable {
        var duration: Double
        var events: [DetectedEvent]
        var commentary: [CommentaryReadyEvent]
    }

    private func writeEventsFile() {
        let file = EventsFile(duration: info?.duration ?? 0, events: output.detected.sorted { $0.t < $1.t }, commentary: output.commentary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(file) else { return }
        try? data.write(to: configuration.outputDirectory.appendingPathComponent("events.json"), options: .atomic)
    }
}
