import Foundation
import Media
import SessionModel

extension Pipeline {
    /// A live chunk was planned (its closing keyframe was just read): its deadline starts now.
    func armDeadline(_ span: ChunkSpan) {
        // A chunk announced before a restart is restored (or made again with the lines it told),
        // not sent out again without them.
        guard configuration.options.live, prior.chunks[span.index] == nil else { return }
        let deadline = ContinuousClock.now + configuration.live.deadline
        let wait = configuration.live.waitForDeadline
        deadlines.arm(span.index, Task { [weak self] in
            do { try await wait(span.interval, deadline) } catch { return }
            guard !Task.isCancelled else { return }
            await self?.deadlinePassed(span)
        })
    }

    /// Takes a chunk for making with its commentary; false when its deadline took it first
    /// (it went out without commentary, and its lines are dropped). Always true when not live.
    func claim(_ span: ChunkSpan) -> Bool {
        guard configuration.options.live else { return true }
        return deadlines.claim(span.index)
    }

    /// The chunk's commentary is not ready: it goes out now with the original sound.
    private func deadlinePassed(_ span: ChunkSpan) async {
        guard lifecycle == .running, deadlines.claim(span.index, late: true) else { return }
        // Voiced as far as a voice change is concerned: it will never speak.
        narration.voiced.insert(span.index)
        // The assembler exists once the video is probed, before any chunk can be planned from
        // arriving keyframes; a chunk planned from the header waits for it.
        while assembler == nil, lifecycle == .running { try? await Task.sleep(for: .milliseconds(20)) }
        guard let assembler, lifecycle == .running else { return }
        let seconds = configuration.live.deadline / .seconds(1)
        emit(.warning(WarningEvent(code: "commentary_late",
                                   message: String(format: "interval %d: its commentary was not ready %.1f s after its last frame arrived; the chunk goes out with the original sound",
                                                   span.interval, seconds),
                                   interval: span.interval)))
        await assemble(VoicedChunk(span: span, lines: []), with: assembler)
    }

    /// What a live session's `media_info` says about playing it.
    var livePlayback: LivePlayback? {
        guard configuration.options.live else { return nil }
        return LivePlayback(delay: configuration.live.playerDelay(interval: grid.interval), window: configuration.live.window)
    }
}
