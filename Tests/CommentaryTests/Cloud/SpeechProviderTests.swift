import Foundation
import Media
import SessionModel
import Testing
import TestSupport
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct SpeechProviderTests {
    private func elevenLabs(_ fake: FakeElevenLabs, format: String? = nil) throws -> any SpeechSynthesizer {
        var settings = fakeSettings(elevenLabs: fake)
        if let format { settings.elevenLabsOutputFormat = format }
        return try CommentaryProviders.make(ProviderSelection(speech: .elevenlabs), settings: settings).synthesizer
    }

    @Test func elevenLabsSpeaksPCMAtTheOutputRate() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let text = "What a strike from the edge of the box"
        let activity = ProviderActivity()
        let synthesizer = try elevenLabs(fake, format: "pcm_44100")
        let (result, notices, answeredLocally) = await activity.scoped { () throws(ProviderError) in
            try await synthesizer.speak(text, voice: FakeElevenLabs.voiceID, maxDuration: 10)
        }
        let speech = try result.get()
        #expect(notices.isEmpty && !answeredLocally)
        #expect(abs(speech.duration - 9 * 0.3) < 0.01, "\(speech.duration)")
        #expect(speech.text == text)
        let sent = try #require(fake.server.requests.first)
        #expect(sent.path == "/v1/text-to-speech/\(FakeElevenLabs.voiceID)" && sent.target.hasSuffix("?output_format=pcm_44100"))
        #expect(sent.header("xi-api-key") == fake.key)
        #expect(sent.json?["text"] as? String == text && sent.json?["model_id"] as? String == "eleven_flash_v2_5")
        #expect(activity.usage["elevenlabs"]?.charactersVoiced == text.count)
    }

    @Test func elevenLabsSpeedsUpThenShortensToFit() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let text = "A long ball forward, a touch, a turn, and a shot that flies over"
        // 14 words: 4.2 s at speed 1, 3.5 s at 1.2; "A long ball forward, a touch, a turn." is 8 words, 2.4 s.
        let speech = try await elevenLabs(fake).speak(text, voice: FakeElevenLabs.voiceID, maxDuration: 3)
        #expect(speech.text == "A long ball forward, a touch, a turn.")
        #expect(speech.duration <= 3)
        let speeds = fake.server.requests.map { ($0.json?["voice_settings"] as? [String: Any])?["speed"] as? Double ?? 1 }
        #expect(speeds == [1, 1.2, 1], "\(speeds)")
    }

    @Test func elevenLabsAtALowerRateIsResampled() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let synthesizer = try elevenLabs(fake, format: "pcm_24000")
        let speech = try await synthesizer.speak("One two three four five", voice: FakeElevenLabs.voiceID, maxDuration: 5)
        #expect(abs(speech.duration - 1.5) < 0.02, "\(speech.duration)")
        #expect(fake.server.requests.first?.target.hasSuffix("?output_format=pcm_24000") == true)
    }

    @Test func elevenLabsListsItsVoices() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let voices = await (try elevenLabs(fake)).voices()
        #expect(voices.map(\.id) == [FakeElevenLabs.voiceID, "pNInz6obpgDQGcFmaJgB"])
        #expect(voices.allSatisfy { $0.provider == "elevenlabs" })
    }

    @Test func openAISpeaks24kPCMResampled() async throws {
        let fake = try FakeOpenAI()
        defer { fake.server.stop() }
        let synthesizer = try CommentaryProviders.make(ProviderSelection(speech: .openai), settings: fakeSettings(openAI: fake)).synthesizer
        let speech = try await synthesizer.speak("Into the top corner", voice: "alloy", maxDuration: 5)
        #expect(abs(speech.duration - 4 * 0.3) < 0.02, "\(speech.duration)")
        let sent = try #require(fake.server.requests.first)
        #expect(sent.path == "/v1/audio/speech" && sent.header("authorization") == "Bearer \(fake.key)")
        #expect(sent.json?["model"] as? String == "gpt-4o-mini-tts" && sent.json?["voice"] as? String == "alloy")
        #expect(sent.json?["response_format"] as? String == "pcm" && sent.json?["input"] as? String == "Into the top corner")
    }

    @Test func openAIDetectsFromKeyframePictures() async throws {
        let fake = try FakeOpenAI()
        defer { fake.server.stop() }
        let detector = try CommentaryProviders.make(ProviderSelection(detector: .openai), settings: fakeSettings(openAI: fake)).detector
        let source = try GeminiProviderTests.clip.get()
        let info = try MediaProbe.probe(source)
        let events = try await detector.detect(DetectionRequest(source: MediaSource(source), info: info, interval: 0, start: 0, end: 12))
        #expect(events == [DetectedEvent(t: 1, kind: "shot", confidence: 0.8, label: "a shot from the edge of the box")])
        let messages = try #require(fake.server.requests.first?.json?["messages"] as? [[String: Any]])
        let parts = try #require(messages.last?["content"] as? [[String: Any]])
        let images = parts.compactMap { ($0["image_url"] as? [String: Any])?["url"] as? String }
        #expect(images.count == 6, "a 12 s clip with a keyframe every 2 s")
        #expect(images.allSatisfy(FakeOpenAI.isJPEGDataURL))
        #expect((parts.first?["text"] as? String)?.contains("0.0, 2.0, 4.0, 6.0, 8.0, 10.0") == true)
    }

    @Test func openAIWritesInJSONMode() async throws {
        let fake = try FakeOpenAI()
        defer { fake.server.stop() }
        let writer = try CommentaryProviders.make(ProviderSelection(writer: .openai), settings: fakeSettings(openAI: fake)).writer
        let request = WritingRequest(interval: 1, earliest: 10.6, latest: 19.4, events: [], language: "es", sport: .soccer,
                                     style: .analyst, wordsPerSecond: 2.5, opensTheVideo: false, alreadySaid: [])
        let lines = try await writer.write(request)
        #expect(lines.count == 2 && lines.allSatisfy { $0.start >= 10.6 && $0.end <= 19.4 && $0.text.hasPrefix("OpenAI line") })
        let sent = try #require(fake.server.requests.first?.json)
        #expect(fake.server.requests.first?.path == "/v1/chat/completions")
        #expect(sent["model"] as? String == "gpt-4o-mini")
        #expect((sent["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        let messages = try #require(sent["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        #expect((messages[1]["content"] as? String)?.contains("speaking es") == true)
    }
}
