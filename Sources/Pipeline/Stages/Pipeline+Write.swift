import Commentary
import Media
import SessionModel

extension Pipeline {
    /// Where commentary may lie in a chunk: clear of its boundaries by the mixer's guard band
    /// and ramps, so the speech is never cut (see `DuckingMixer.confine`).
    func commentaryWindow(_ span: ChunkSpan) -> (earliest: Double, latest: Double) {
        (span.start + AudioGrid.boundaryGuard + mixer.attack, span.end - AudioGrid.boundaryGuard - mixer.release)
    }

    func write(_ chunk: DetectedChunk) async -> WrittenChunk {
        if deadlines.isLate(chunk.span.index) { return WrittenChunk(span: chunk.span, lines: []) }
        if let told = prior.told(chunk.span) {
            narration.story.record(events: chunk.events, lines: told.map(\.line))
            for line in told { narration.said.insert(line.text) }
            status(.writing, "interval \(chunk.span.interval): \(told.count) lines, as told before", step: .written)
            return WrittenChunk(span: chunk.span, lines: told.map(\.line), told: told)
        }
        status(.writing, "writing commentary for interval \(chunk.span.interval)")
        let window = commentaryWindow(chunk.span)
        // Under 0.8 s not even a short call fits (a moment at the end of the stretch before is
        // answered in a short last one).
        guard window.latest - window.earliest >= 0.8 else {
            narration.story.record(events: chunk.events, lines: [])
            _ = progress.complete(.written)
            return WrittenChunk(span: chunk.span, lines: [])
        }
        let options = configuration.options
        let request = WritingRequest(
            interval: chunk.span.interval, earliest: window.earliest, latest: window.latest, events: chunk.events,
            language: options.language, sport: options.sport, style: options.style,
            wordsPerSecond: providers.synthesizer.wordsPerSecond(voice: narration.voice),
            opensTheVideo: chunk.span.index == spans.first?.index, alreadySaid: narration.said, story: narration.story, seed: configuration.storySeed)
        switch await writeCall(request, interval: chunk.span.interval) {
        case .success(let written):
            var lines = checked(written, events: chunk.events)
            if lines.contains(where: repeatsTheStory) {
                // Written while another stretch was in flight, whose lines it did not know.
                var again = request
                again.alreadySaid = narration.said
                again.story = narration.story
                if case .success(let rewritten) = await writeCall(again, interval: chunk.span.interval) {
                    lines = checked(rewritten, events: chunk.events)
                }
                lines = lines.filter { !repeatsTheStory($0) }
            }
            narration.story.record(events: chunk.events, lines: lines)
            for line in lines { narration.said.insert(line.text) }
            status(.writing, "interval \(chunk.span.interval): \(lines.count) lines", step: .written)
            return WrittenChunk(span: chunk.span, lines: lines)
        case .failure(let error):
            narration.story.record(events: chunk.events, lines: [])
            emit(.warning(WarningEvent(code: "writing_failed", message: error.message, interval: chunk.span.interval)))
            _ = progress.complete(.written)
            return WrittenChunk(span: chunk.span, lines: [])
        }
    }

    /// Every writer's lines go through the fact gate of the session's sport and language.
    private func checked(_ lines: [CommentaryLine], events: [DetectedEvent]) -> [CommentaryLine] {
        guard let factGate else { return lines }
        return factGate.check(lines, events: events, story: narration.story)
    }

    private func repeatsTheStory(_ line: CommentaryLine) -> Bool {
        narration.said.contains(line.text) || SentenceText.keys(line.text).contains { narration.story.hasSaid($0) }
    }

    /// One writing call (fallbacks become warnings; under the watchdog).
    private func writeCall(_ request: WritingRequest, interval: Int) async -> Result<[CommentaryLine], ProviderError> {
        let writer = providers.writer
        return await providerCall("commentary writing", interval: interval) { () async throws(ProviderError) in
            try await writer.write(request)
        }.result
    }
}
