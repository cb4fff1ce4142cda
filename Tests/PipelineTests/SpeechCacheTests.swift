import Foundation
import Testing
import Commentary
import TestSupport
@testable import Pipeline

/// A line spoken for one language is not handed back for another: a voice that speaks several
/// (a cloud voice; espeak's fallback picks by language) says the same text differently.
@Suite struct SpeechCacheTests {
    @Test func speechIsCachedPerLanguage() {
        let caches = Caches(directory: TestFiles.scratch("speech-cache"))
        let english = SpeechDelivery(intensity: 0.5, language: "en")
        caches.storeSpeech(text: "Goal!", voice: "v", maxDuration: 2, delivery: english, spoken: "Goal!", samples: [0.25, -0.25])
        #expect(caches.speech(text: "Goal!", voice: "v", maxDuration: 2, delivery: english)?.samples == [0.25, -0.25])
        #expect(caches.speech(text: "Goal!", voice: "v", maxDuration: 2, delivery: SpeechDelivery(intensity: 0.5, language: "es")) == nil)
        #expect(caches.speech(text: "Goal!", voice: "v", maxDuration: 2, delivery: SpeechDelivery(intensity: 0.5)) == nil)
    }
}
