import Testing
import SessionModel
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct EspeakSynthesizerTests {
    let speech = EspeakSynthesizer()

    @Test func listsVoicesByNameWithTheirLanguage() async {
        let voices = await speech.voices()
        #expect(voices.contains(Voice(id: "en-us", name: "English (America)", language: "en", provider: "espeak")))
        #expect(voices.contains(Voice(id: "en-gb", name: "English (Great Britain)", language: "en", provider: "espeak")))
        #expect(voices.contains(Voice(id: "fr-fr", name: "French (France)", language: "fr", provider: "espeak")))
        #expect(voices.contains { $0.id == "es" && $0.language == "es" })
        #expect(voices.contains { $0.id == "en-us+f2" && $0.name == "English (America), female" })
        #expect(Set(voices.map(\.id)).count == voices.count)
        // Voices that spell Latin text out letter by letter cannot speak a line in its slot.
        #expect(!voices.contains { $0.id == "ja" })
        #expect(voices.allSatisfy { $0.name != $0.id || $0.id.contains("+") == false })
    }

    /// Each voice was checked once when listed; here each one speaks a short call (two at a
    /// time: the espeak thread speaks, the caller resamples).
    @Test func everyListedVoiceSpeaks() async throws {
        let voices = await speech.voices()
        #expect(voices.count > 100)
        let speech = speech
        try await withThrowingTaskGroup(of: (String, Double).self) { group in
            var next = voices.makeIterator()
            for _ in 0..<2 {
                guard let voice = next.next() else { break }
                group.addTask { (voice.id, try await speech.speak("What a goal!", voice: voice.id, maxDuration: 5).duration) }
            }
            while let (id, duration) = try await group.next() {
                #expect(duration > 0.3, "\(id) said nothing")
                if let voice = next.next() {
                    group.addTask { (voice.id, try await speech.speak("What a goal!", voice: voice.id, maxDuration: 5).duration) }
                }
            }
        }
    }

    @Test func selectsVoicesByIdentifierNotLanguageCode() async throws {
        // "en-gb" and "fr-fr" are language codes of "gmw/en" and "roa/fr": selecting them by
        // code failed on every line.
        for id in ["en-gb", "fr-fr", "en-gb+m3"] {
            let said = try await speech.speak("The ball is in the net.", voice: id, maxDuration: 6)
            #expect(said.duration > 0.5)
        }
    }

    @Test func aVoiceThatCannotSpeakSaysWhy() async throws {
        try await speech.checkVoice("en-gb")
        let unknown = await #expect(throws: ProviderError.self) { try await speech.checkVoice("no-such-voice") }
        #expect(unknown?.message.contains("unknown voice") == true)
        let spelling = await #expect(throws: ProviderError.self) { try await speech.checkVoice("ja") }
        #expect(spelling?.message.contains("cannot speak") == true)
    }

    @Test func defaultsToTheLanguagesMainVoice() async {
        #expect(await speech.defaultVoice(language: "en") == "en-us")
        #expect(await speech.defaultVoice(language: "es") == "es")
        #expect(await speech.defaultVoice(language: "xx") == nil)
    }

    @Test func speaksALineAtTheOutputRate() async throws {
        let said = try await speech.speak("What a goal, the crowd is on its feet.", voice: "en-us", maxDuration: 10)
        #expect(said.duration > 1 && said.duration < 5)
        let rms = (said.samples.reduce(0) { $0 + $1 * $1 } / Float(said.samples.count)).squareRoot()
        #expect(rms > 0.02)
        #expect(said.text == "What a goal, the crowd is on its feet.")
    }

    @Test func aBigCallIsFasterHigherAndLouderThanACalmLine() async throws {
        let text = "And he scores from the edge of the box, what a strike that is."
        let calm = try await speech.speak(text, voice: "en-us", maxDuration: 10, delivery: .calm)
        let big = try await speech.speak(text, voice: "en-us", maxDuration: 10, delivery: SpeechDelivery(intensity: 1))
        #expect(big.duration < calm.duration * 0.92)
        #expect(Pitch.median(big.samples) > Pitch.median(calm.samples) * 1.08)
        #expect(Pitch.speechLevel(big.samples) > Pitch.speechLevel(calm.samples) * 1.15)
        #expect(big.text == text)
    }

    @Test func aLineTooLongForItsSlotIsSpokenFasterThenShortenedByClauses() async throws {
        let text = "A lovely ball through the middle, the striker takes one touch, and it is in the back of the net."
        let relaxed = try await speech.speak(text, voice: "en-us", maxDuration: 20)
        let tight = try await speech.speak(text, voice: "en-us", maxDuration: relaxed.duration * 0.85)
        #expect(tight.duration <= relaxed.duration * 0.85)
        #expect(tight.text == text)
        let shorter = try await speech.speak(text, voice: "en-us", maxDuration: relaxed.duration * 0.5)
        #expect(shorter.text != text && text.hasPrefix(String(shorter.text.dropLast())))
        #expect(shorter.duration <= relaxed.duration * 0.5)
        await #expect(throws: ProviderError.self) { try await speech.speak(text, voice: "en-us", maxDuration: 0.3) }
    }

    @Test func anUnknownVoiceFails() async {
        await #expect(throws: ProviderError.self) { try await speech.speak("Hello.", voice: "no-such-voice", maxDuration: 5) }
    }

    @Test func clausesAreDroppedWholeFromTheEnd() {
        #expect(ClauseShortener.shorter("One, two, and three!") == "One, two!")
        #expect(ClauseShortener.shorter("One, two.") == "One.")
        #expect(ClauseShortener.shorter("Just one.") == nil)
    }
}
