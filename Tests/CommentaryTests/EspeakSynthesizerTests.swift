import Testing
import SessionModel
@testable import Commentary

@Suite struct EspeakSynthesizerTests {
    let speech = EspeakSynthesizer()

    @Test func listsVoicesWithVariants() async {
        let voices = await speech.voices()
        #expect(voices.contains { $0.id == "en-us" && $0.language == "en" && $0.provider == "espeak" })
        #expect(voices.contains { $0.id == "es" })
        #expect(voices.contains { $0.id == "en-us+f2" })
        #expect(Set(voices.map(\.id)).count == voices.count)
    }

    @Test func speaksALineAtTheOutputRate() async throws {
        let said = try await speech.speak("What a goal, the crowd is on its feet.", voice: "en-us", maxDuration: 10)
        #expect(said.duration > 1 && said.duration < 5)
        let rms = (said.samples.reduce(0) { $0 + $1 * $1 } / Float(said.samples.count)).squareRoot()
        #expect(rms > 0.02)
        #expect(said.text == "What a goal, the crowd is on its feet.")
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
