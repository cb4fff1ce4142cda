import Foundation
import Media
import SessionModel
import Testing
import TestSupport
@testable import Commentary

/// ElevenLabs speech as MP3, the default (every plan has `mp3_44100_128`), against the fake,
/// which makes its MP3s with ffmpeg at request time.
@Suite(.timeLimit(.minutes(10))) struct ElevenLabsMP3Tests {
    private func elevenLabs(_ fake: FakeElevenLabs, format: String? = nil) throws -> any SpeechSynthesizer {
        var environment = fake.environment
        if let format { environment["ELEVENLABS_OUTPUT_FORMAT"] = format }
        var settings = CloudSettings(environment: environment)
        settings.policy = .quick
        return try CommentaryProviders.make(ProviderSelection(speech: .elevenlabs), settings: settings).synthesizer
    }

    /// 0.3 s a word of a 220 Hz tone at 8000/32768, as `FakeModel` speaks.
    private func expectTheFakeTone(_ speech: Speech, words: Int, tolerance: Double = 0.005) {
        #expect(abs(speech.duration - Double(words) * 0.3) < tolerance, "\(speech.duration) s")
        #expect(abs(Tone.frequency(speech.samples) - 220) < 1, "\(Tone.frequency(speech.samples)) Hz")
        let level = 8_000.0 / 32_768 / 2.0.squareRoot()
        #expect(abs(Tone.level(speech.samples) - level) < level * 0.1, "\(Tone.level(speech.samples))")
    }

    @Test func mp3IsTheDefaultAndDecodesToTheLine() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let text = "What a strike from the edge of the box"
        let activity = ProviderActivity()
        let synthesizer = try elevenLabs(fake)
        let (result, notices, answeredLocally) = await activity.scoped { () throws(ProviderError) in
            try await synthesizer.speak(text, voice: FakeElevenLabs.voiceID, maxDuration: 10)
        }
        let speech = try result.get()
        #expect(notices.isEmpty && !answeredLocally)
        expectTheFakeTone(speech, words: 9)
        #expect(speech.text == text)
        let sent = try #require(fake.server.requests.first)
        #expect(sent.target.hasSuffix("?output_format=mp3_44100_128"))
        #expect(activity.usage["elevenlabs"]?.charactersVoiced == text.count)
        // 128 kb/s is about a fifth of the bytes 44.1 kHz PCM takes.
        let received = Double(try #require(activity.usage["elevenlabs"]?.bytesReceived))
        let mp3Bytes: Double = 2.7 * 128_000 / 8
        #expect(received < mp3Bytes * 1.1, "\(received) bytes")
    }

    @Test func aLowRateMP3IsResampled() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let speech = try await elevenLabs(fake, format: "mp3_22050_32")
            .speak("One two three four five", voice: FakeElevenLabs.voiceID, maxDuration: 5)
        expectTheFakeTone(speech, words: 5)
        #expect(fake.server.requests.first?.target.hasSuffix("?output_format=mp3_22050_32") == true)
    }

    @Test func mp3SpeechIsSpedUpThenShortenedToFit() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let text = "A long ball forward, a touch, a turn, and a shot that flies over"
        let speech = try await elevenLabs(fake).speak(text, voice: FakeElevenLabs.voiceID, maxDuration: 3)
        #expect(speech.text == "A long ball forward, a touch, a turn.")
        expectTheFakeTone(speech, words: 8)
        let speeds = fake.server.requests.map { ($0.json?["voice_settings"] as? [String: Any])?["speed"] as? Double ?? 1 }
        #expect(speeds == [1, 1.2, 1], "\(speeds)")
    }

    @Test func speechThatDoesNotDecodeIsATransientError() async throws {
        let fake = try FakeElevenLabs()
        defer { fake.server.stop() }
        let synthesizer = try elevenLabs(fake)
        let cloud = try #require((synthesizer as? FallbackSynthesizer)?.cloud)
        fake.server.knobs.malformedNext(1)
        do {
            _ = try await cloud.speak("Into the top corner", voice: FakeElevenLabs.voiceID, maxDuration: 5)
            Issue.record("a reply that is not audio was taken for speech")
        } catch {
            #expect(error.kind == .transient)
            #expect(error.message.hasPrefix("elevenlabs sent speech that does not decode"), "\(error.message)")
        }
        // In a session the line is spoken locally, with a warning that says why.
        fake.server.knobs.malformedNext(1)
        let activity = ProviderActivity()
        let (result, notices, answeredLocally) = await activity.scoped { () throws(ProviderError) in
            try await synthesizer.speak("Into the top corner", voice: FakeElevenLabs.voiceID, maxDuration: 5)
        }
        #expect(try !result.get().samples.isEmpty && answeredLocally)
        #expect(notices.first?.message.contains("does not decode") == true, "\(notices)")
        // The next reply is whole again.
        expectTheFakeTone(try await cloud.speak("Into the top corner", voice: FakeElevenLabs.voiceID, maxDuration: 5), words: 4)
    }

    @Test func outputFormatsFromTheEnvironment() {
        func format(_ value: String?) -> String {
            CloudSettings(environment: value.map { ["ELEVENLABS_OUTPUT_FORMAT": $0] } ?? [:]).elevenLabsOutputFormat
        }
        #expect(format(nil) == "mp3_44100_128")
        for accepted in ["mp3_22050_32", "mp3_44100_192", "pcm_44100", "pcm_16000"] { #expect(format(accepted) == accepted) }
        for refused in ["mp3_44100", "mp3_48000_128", "pcm_48000", "wav_44100", "ulaw_8000", "mp3_44100_128_x"] {
            #expect(format(refused) == "mp3_44100_128", "\(refused)")
        }
        #expect(ElevenLabsOutputFormat("mp3_24000_48") == .mp3(rate: 24_000, kilobits: 48))
        #expect(ElevenLabsOutputFormat("pcm_22050")?.name == "pcm_22050")
    }
}
