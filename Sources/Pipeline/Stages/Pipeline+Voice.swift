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
        let rooms = lines.indices.map { i in
            max(lines[i].end - lines[i].start, (i + 1 < lines.count ? lines[i + 1].start - 0.2 : latest) - lines[i].start)
        }
        let width = max(1, providers.synthesizer.parallelism)
        var spoken: [Int: SpokenLine] = [:]
        await withTaskGroup(of: SpokenLine.self) { group in
            var next = 0
            while next < lines.count || !group.isEmpty {
                while next < lines.count, next - spoken.count < width, !Task.isCancelled {
                    let line = SpeechJob(index: next, text: lines[next].text, voice: voice, room: rooms[next])
                    group.addTask { await self.urgencyScoped { await self.speak(line) } }
                    next += 1
                }
                guard let done = await group.next() else { break }
                spoken[done.index] = done
            }
        }
        var voicedLines: [VoicedLine] = []
        for (i, line) in lines.enumerated() {
            guard let done = spoken[i] else { continue }
            let speaker = done.voice
            switch done.result {
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

    private func speak(_ job: SpeechJob) async -> SpokenLine {
        do throws(ProviderError) {
            return SpokenLine(index: job.index, voice: job.voice, result: .success(try await speak(job.text, voice: job.voice, maxDuration: job.room)))
        } catch {
            return SpokenLine(index: job.index, voice: job.voice, result: .failure(error))
        }
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

/// A line to speak: its place in the chunk, the voice current when it started, its room.
struct SpeechJob: Sendable {
    var index: Int
    var text: String
    var voice: String
    var room: Double
}

/// A line spoken, or why not.
struct SpokenLine: Sendable {
    var index: Int
    var voice: String
    var result: Result<Speech, ProviderError>
}
