import AsyncAlgorithms
import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    func execute() async {
        status(.analyzing, "reading the video")
        let source = configuration.source
        let probed: MediaInfo
        do {
            probed = try await Offload.run { () throws(MediaError) in try MediaProbe.probe(source) }
        } catch {
            emit(.error(ErrorEvent(code: "unsupported_media", message: error.message, fatal: true)))
            return
        }
        if let problem = configuration.limits.violation(probed) {
            emit(.error(ErrorEvent(code: "unsupported_media", message: problem, fatal: true)))
            return
        }
        let intervalSeconds = configuration.options.intervalSeconds
        spans = IntervalPlanner.plan(probed, interval: intervalSeconds)
        info = probed
        schedule = IntervalSchedule(chunks: spans.map(\.index))
        progress = ProgressMeter(chunks: spans.count)
        highlightBudget = HighlightBudget(share: configuration.options.highlightsShare(of: probed.duration))
        for interval in pendingPriorities { _ = prioritise(interval: interval) }
        // The playlist exists (empty) before its URL is announced.
        writePlaylist(ended: false)
        emit(.mediaInfo(MediaInfoEvent(
            duration: probed.duration, width: probed.video.width, height: probed.video.height, fps: probed.video.fps,
            hasAudio: probed.hasAudio, intervalSeconds: intervalSeconds,
            intervals: IntervalPlanner.intervals(duration: probed.duration, interval: intervalSeconds),
            playlist: url(OutputNames.playlist))))

        let assembler: any ChunkAssembling
        do {
            let (factory, directory, mixer) = (makeAssembler, configuration.outputDirectory, mixer)
            assembler = try await Offload.run { () throws(MediaError) in try factory(source, probed, directory, mixer) }
        } catch {
            let code = error.reason == .unsupportedCodec ? "unsupported_media" : "internal"
            emit(.error(ErrorEvent(code: code, message: error.message, fatal: true)))
            return
        }

        let toWrite = AsyncChannel<DetectedChunk>()
        let toVoice = AsyncChannel<WrittenChunk>()
        let toAssemble = AsyncChannel<VoicedChunk>()
        let workers = max(1, configuration.detectionWorkers ?? providers.detector.parallelism)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let relay = OrderedRelay(toWrite)
                await withTaskGroup(of: Void.self) { detectors in
                    for _ in 0..<workers { detectors.addTask { await self.detectLoop(into: relay) } }
                }
                toWrite.finish()
            }
            let batch = configuration.stageOrder == .batch
            group.addTask {
                await orderedStage(from: toWrite, to: toVoice, width: self.providers.writer.parallelism, barrier: batch) { chunk in
                    await self.write(chunk)
                }
            }
            group.addTask {
                await orderedStage(from: toVoice, to: toAssemble, width: min(2, self.providers.synthesizer.parallelism),
                                   barrier: batch) { chunk in
                    await self.voice(chunk)
                }
            }
            group.addTask {
                var chunks: [VoicedChunk] = []
                for await chunk in toAssemble {
                    guard !Task.isCancelled else { break }
                    if batch {
                        chunks.append(chunk)
                    } else {
                        await self.announce(chunk)
                        await self.assemble(chunk, with: assembler)
                    }
                }
                for chunk in chunks { await self.announce(chunk) }
                for chunk in chunks where !Task.isCancelled { await self.assemble(chunk, with: assembler) }
            }
        }
        guard !Task.isCancelled, !finished else { return }
        await finalize()
    }

    /// The next chunk to work on, from the schedule (so a reprioritised one comes first).
    func takeNext() -> ChunkSpan? {
        guard !finished, let index = schedule.next() else { return nil }
        return spans.first { $0.index == index }
    }
}
