import Commentary
import Media
import SessionModel

extension Pipeline {
    /// Speaks a chunk's lines, as many at once as the synthesizer takes, each with the voice
    /// current when it starts; the lines' events go out in line order. A line whose speech
    /// fails is skipped with a `tts_failed` warning.
    func voice(_ chunk: WrittenChunk) async -> VoicedChunk {
        status(.voicing, "voicing interval \(chunk.span.interval)")
        let latest = commentaryWindow(chunk.span).latest
        let lines = chunk.lines
        let spoken = await withTaskGroup(of: (Int, String, Result<Speech, ProviderError>).self) { group in
            var results: [Int: (String, Result<Speech, ProviderError>)] = [:]
            var next = 0
            func startNext() {
                guard next < lines.count, !Task.isCancelled else { return }
                let i = next, line = lines[i], speaker = voice
                next += 1
                let until = i + 1 < lines.count ? lines[i + 1].start - 0.2 : latest
                let room = max(line.end - line.start, until - line.start)
                group.addTask {
                    do throws(ProviderError) {
                        return (i, speaker, .success(try await self.speak(line.text, voice: speaker, maxDuration: room)))
                    } catch {
                        return (i, speaker, .failure(error))
                    }
                }
            }
            for _ in 0..<max(1, providers.synthesizer.parallelism) { startNext() }
            for await (i, speaker, result) in group {
                results[i] = (speaker, result)
                startNext()
            }
            return results
        }
        var voicedLines: [VoicedLine] = []
        for (i, line) in lines.enumerated() {
            guard let (speaker, result) = spoken[i] else { continue }
            switch result {
            case .success(let speech):
                let placed = CommentaryLine(start: line.start, end: line.start + speech.duration, text: speech.text)
                voicedLines.append(VoicedLine(line: placed, speech: speech))
                let ready = CommentaryReadyEvent(index: commentary.count, interval: chunk.span.interval, text: speech.text,
                                                 start: placed.start, end: placed.end, voice: speaker)
                commentary.append(ready)
                captions.append(Caption(start: placed.start, end: placed.end, text: speech.text))
                emit(.commentaryReady(ready))
            case .failure(let error):
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
        let speech = try await providers.synthesizer.speak(text, voice: voice, maxDuration: maxDuration)
        caches.storeSpeech(text: text, voice: voice, maxDuration: maxDuration, spoken: speech.text, samples: speech.samples)
        return speech
    }
}
