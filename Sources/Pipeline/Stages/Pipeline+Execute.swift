import AsyncAlgorithms
import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    func execute() async {
        status(.analyzing, "reading the video")
        let source = configuration.media
        let start: MediaProbe.Start
        do {
            start = try await Offload.run { () throws(MediaError) in try MediaProbe.start(source) }
        } catch {
            emit(.error(ErrorEvent(code: "unsupported_media", message: error.message, fatal: true)))
            return
        }
        let first: MediaInfo
        var scan: MediaScan?
        switch start {
        case .whole(let probed):
            first = probed
        case .scanning(let scanning):
            first = scanning.info
            scan = scanning
        }
        // Limits before anything is announced.
        if let problem = configuration.limits.violation(first) {
            emit(.error(ErrorEvent(code: "unsupported_media", message: problem, fatal: true)))
            return
        }
        if scan == nil { planWhole(first) } else { startPlan(first) }

        let assembler: any ChunkAssembling
        do {
            let (factory, directory, mixer) = (makeAssembler, configuration.outputDirectory, mixer)
            assembler = try await Offload.run { () throws(MediaError) in try factory(source, first, directory, mixer) }
            self.assembler = assembler
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
            if let scan { group.addTask { await self.planAsItArrives(scan) } }
            group.addTask { await self.makePoster() }
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
                    } else if await self.claim(chunk.span) {
                        await self.announce(chunk)
                        await self.assemble(chunk, with: assembler)
                    }
                }
                for chunk in chunks { await self.announce(chunk) }
                for chunk in chunks where !Task.isCancelled { await self.assemble(chunk, with: assembler) }
            }
        }
        guard !Task.isCancelled, lifecycle != .finished, schedule.isPlanComplete else { return }
        // A live chunk that went out at its deadline may still be being made.
        for timer in deadlines.timersLeft { await timer.value }
        await finalize()
    }

    /// The next chunk to work on, from the schedule (so a reprioritised one comes first); while
    /// the plan is still growing, waits for the next chunk to be planned. Nil when none is left.
    func takeNext() async -> ChunkSpan? {
        while lifecycle != .finished, !Task.isCancelled {
            if let index = schedule.next() {
                guard let span = spans.first(where: { $0.index == index }) else { return nil }
                if restore(span) { continue }
                return span
            }
            if schedule.isPlanComplete { return nil }
            await withCheckedContinuation { planning.waiters.append($0) }
        }
        return nil
    }
}
