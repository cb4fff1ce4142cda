import Commentary
import Media
import SessionModel

extension Pipeline {
    /// Speaks a chunk's lines, as many at once as the synthesizer takes, each with the voice
    /// current when it starts; the lines' events go out in line order. A line whose speech
    /// fails is skipped with a `tts_failed` warning.
    func voice(_ chunk: WrittenChunk) async -> VoicedChunk {
        if deadlines.isLate(chunk.span.index) { return VoicedChunk(span: chunk.span, lines: [], failures: [], told: nil) }
        status(.voicing, "voicing interval \(chunk.span.interval)")
        let latest = commentaryWindow(chunk.span).latest
        let lines = chunk.lines
        let rooms = lines.indices.map { i in
            max(lines[i].end - lines[i].start, (i + 1 < lines.count ? lines[i + 1].start - 0.2 : latest) - lines[i].start)
        }
        let width = max(1, providers.synthesizer.parallelism)
        let language = configuration.options.language
        var spoken: [Int: SpokenLine] = [:]
        await withTaskGroup(of: SpokenLine.self) { group in
            var next = 0
            while next < lines.count || !group.isEmpty {
                while next < lines.count, next - spoken.count < width, !Task.isCancelled {
                    let voice = chunk.told?[next].voice ?? narration.voice
                    let line = SpeechJob(index: next, interval: chunk.span.interval, text: lines[next].text, voice: voice, room: rooms[next],
                                         delivery: SpeechDelivery(intensity: lines[next].intensity, language: language))
                    group.addTask { await self.urgencyScoped { await self.speak(line) } }
                    next += 1
                }
                guard let done = await group.next() else { break }
                spoken[done.index] = done
            }
        }
        var voicedLines: [VoicedLine] = []
        var failures: [ProviderError] = []
        for (i, line) in lines.enumerated() {
            guard let done = spoken[i] else { continue }
            switch done.result {
            case .success(let speech):
                let placed = CommentaryLine(start: line.start, end: line.start + speech.duration, text: speech.text, intensity: line.intensity)
                voicedLines.append(VoicedLine(line: placed, speech: speech, voice: done.voice))
            case .failure(let error):
                failures.append(error)
            }
        }
        narration.voiced.insert(chunk.span.index)
        status(.voicing, "interval \(chunk.span.interval): \(voicedLines.count) lines voiced", step: .voiced)
        return VoicedChunk(span: chunk.span, lines: voicedLines, failures: failures, told: chunk.told)
    }

    /// Announces a voiced chunk's lines (and the lines that could not be spoken), in chunk
    /// order: chunks may be voiced two at a time, but their lines are told in turn.
    func announce(_ chunk: VoicedChunk) {
        // Told before: the same events again (the session does not number them twice).
        for ready in chunk.told ?? [] {
            output.told(ready, caption: ready.line.caption)
            emit(.commentaryReady(ready))
        }
        for spoken in chunk.lines where chunk.told == nil {
            let ready = CommentaryReadyEvent(index: output.lineIndex(), interval: chunk.span.interval, text: spoken.line.text,
                                             start: spoken.line.start, end: spoken.line.end, voice: spoken.voice)
            output.told(ready, caption: spoken.line.caption)
            emit(.commentaryReady(ready))
        }
        // One warning per distinct failure: a voice that fails every line says so once a chunk.
        var told = Set<String>()
        for error in chunk.failures where told.insert(error.message).inserted {
            emit(.warning(WarningEvent(code: "tts_failed", message: error.message, interval: chunk.span.interval)))
        }
    }

    private func speak(_ job: SpeechJob) async -> SpokenLine {
        do throws(ProviderError) {
            let speech = try await speak(job.text, voice: job.voice, maxDuration: job.room, delivery: job.delivery, interval: job.interval)
            return SpokenLine(index: job.index, voice: job.voice, result: .success(speech))
        } catch {
            return SpokenLine(index: job.index, voice: job.voice, result: .failure(error))
        }
    }

    private func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery, interval: Int) async throws(ProviderError) -> Speech {
        let synthesizer = providers.synthesizer
        let identity = synthesizer.voiceIdentity(voice)
        if let cached = caches.speech(text: text, voice: identity, maxDuration: maxDuration, delivery: delivery) {
            return Speech(samples: cached.samples, text: cached.text)
        }
        let (result, fellBack) = await providerCall("speech", interval: interval) { () async throws(ProviderError) in
            try await synthesizer.speak(text, voice: voice, maxDuration: maxDuration, delivery: delivery)
        }
        let speech = try result.get()
        if !fellBack {
            caches.storeSpeech(text: text, voice: identity, maxDuration: maxDuration, delivery: delivery,
                               spoken: speech.text, samples: speech.samples)
        }
        return speech
    }
}

/// A line to speak: its place in the chunk, the voice current when it started, its room.
struct SpeechJob: Sendable {
    var index: Int
    var interval: Int
    var text: String
    var voice: String
    var room: Double
    var delivery: SpeechDelivery
}

/// A line spoken, or why not.
struct SpokenLine: Sendable {
    var index: Int
    var voice: String
    var result: Result<Speech, ProviderError>
}
