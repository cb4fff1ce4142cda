import Commentary
import Media
import SessionModel

extension Pipeline {
    /// Speaks each line with the voice current at that moment; a line whose speech fails is
    /// skipped with a `tts_failed` warning.
    func voice(_ chunk: WrittenChunk) async -> VoicedChunk {
        status(.voicing, "voicing interval \(chunk.span.interval)")
        let latest = commentaryWindow(chunk.span).latest
        var voicedLines: [VoicedLine] = []
        for (i, line) in chunk.lines.enumerated() {
            guard !Task.isCancelled else { break }
            let until = i + 1 < chunk.lines.count ? chunk.lines[i + 1].start - 0.2 : latest
            let room = max(line.end - line.start, until - line.start)
            let speaker = voice
            do {
                let speech = try await speak(line.text, voice: speaker, maxDuration: room)
                let spoken = CommentaryLine(start: line.start, end: line.start + speech.duration, text: speech.text)
                voicedLines.append(VoicedLine(line: spoken, speech: speech))
                let ready = CommentaryReadyEvent(index: commentary.count, interval: chunk.span.interval, text: speech.text,
                                                 start: spoken.start, end: spoken.end, voice: speaker)
                commentary.append(ready)
                captions.append(Caption(start: spoken.start, end: spoken.end, text: speech.text))
                emit(.commentaryReady(ready))
            } catch {
                emit(.warning(WarningEvent(code: "tts_failed", message: error.message, interval: chunk.span.interval)))
            }
        }
        voiced.insert(chunk.span.index)
        status(.voicing, "interval \(chunk.span.interval): \(voicedLines.count) lines voiced", step: .voiced)
        return VoicedChunk(span: chunk.span, lines: voicedLines)
    }

    private func speak(_ text: String, voice: String, maxDuration: Double) async throws(ProviderError) -> Speech {
        if let cached = caches.speech(text: text, voice: voice, maxDuration: maxDuration) {
            return Speech(samples: cached.samples, text: cached.text)
        }
        let synthesizer = providers.synthesizer
        let speech = try await guarded("speech", timeout: { ProviderError(.permanent, $0) }) { () async throws(ProviderError) in
            try await synthesizer.speak(text, voice: voice, maxDuration: maxDuration)
        }
        caches.storeSpeech(text: text, voice: voice, maxDuration: maxDuration, spoken: speech.text, samples: speech.samples)
        return speech
    }
}
