import Foundation
import Media
import SessionModel
import Testing
import TestSupport
@testable import Commentary

/// A failing cloud role is answered by its local provider, with a notice; after repeated
/// failure, or a rejected key, the role stays local for the session.
@Suite(.timeLimit(.minutes(10))) struct FallbackTests {
    private func request(_ n: Int) -> WritingRequest {
        WritingRequest(interval: n, earliest: 0.6, latest: 29, events: [], language: "en", sport: .soccer, style: .playByPlay,
                       wordsPerSecond: 2.5, opensTheVideo: n == 0, alreadySaid: [])
    }

    @Test func repeatedFailureFallsBackThenStaysLocal() async throws {
        let openAI = try FakeOpenAI()
        defer { openAI.server.stop() }
        openAI.server.knobs.failNext(100, status: 503)
        let writer = try CommentaryProviders.make(ProviderSelection(writer: .openai), settings: fakeSettings(openAI: openAI)).writer
        let session = ProviderActivity()
        var notices: [ProviderNotice] = []
        for n in 0..<4 {
            let (result, posted, answeredLocally) = await session.scoped { () throws(ProviderError) in try await writer.write(request(n)) }
            #expect(try !result.get().isEmpty, "the local writer answered nothing")
            #expect(answeredLocally, "call \(n) is not marked as answered locally")
            notices += posted
        }
        #expect(notices.count == 2, "\(notices)")
        #expect(notices.allSatisfy { $0.role == .writing })
        #expect(notices.first?.message.contains("for this call") == true)
        #expect(notices.last?.message.contains("for the rest of the session") == true)
        #expect(openAI.server.requests.count == 2 * CloudPolicy.quick.attempts, "calls went on after the role stayed local")
        #expect(session.usage["openai"]?.fallbacks == 2)
    }

    @Test func aRejectedKeyStaysLocalAtOnceAndIsNeverSent() async throws {
        let openAI = try FakeOpenAI()
        defer { openAI.server.stop() }
        var settings = fakeSettings(openAI: openAI)
        settings.openAIKey = "sk-wrong-key-123"
        let writer = try CommentaryProviders.make(ProviderSelection(writer: .openai), settings: settings).writer
        let session = ProviderActivity()
        var notices: [ProviderNotice] = []
        for n in 0..<3 {
            let (result, posted, answeredLocally) = await session.scoped { () throws(ProviderError) in try await writer.write(request(n)) }
            _ = try result.get()
            #expect(answeredLocally)
            notices += posted
        }
        #expect(openAI.server.requests.count == 1)
        let notice = try #require(notices.first)
        #expect(notices.count == 1)
        #expect(notice.message.contains("OPENAI_API_KEY was rejected by openai (401)"), "\(notice.message)")
        #expect(!notice.message.contains("sk-wrong-key-123"))
    }

    @Test func aMissingKeyNamesTheVariable() {
        for (selection, variable) in [(ProviderSelection(preset: .gemini), "GEMINI_API_KEY"),
                                      (ProviderSelection(speech: .elevenlabs), "ELEVENLABS_API_KEY"),
                                      (ProviderSelection(preset: .openai), "OPENAI_API_KEY")] {
            do {
                _ = try CommentaryProviders.make(selection, settings: CloudSettings(environment: [:]))
                Issue.record("\(selection) was made without a key")
            } catch {
                #expect(error.message.contains(variable), "\(error)")
            }
        }
        #expect(throws: Never.self) { try CommentaryProviders.make(ProviderSelection(preset: .local), settings: CloudSettings()) }
    }

    @Test func settingsComeFromTheEnvironment() {
        let settings = CloudSettings(environment: ["GEMINI_API_KEY": "g", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1/",
                                                   "GEMINI_MODEL": "gemini-2.5-pro", "PLAYBYPLAY_CLOUD_MAX_IN_FLIGHT": "2"])
        #expect(settings.geminiKey == "g" && settings.openAIKey == nil)
        #expect(settings.openAIBaseURL == "http://127.0.0.1:8000/v1" && settings.customOpenAIServer)
        #expect(settings.geminiModel == "gemini-2.5-pro" && settings.elevenLabsModel == "eleven_flash_v2_5")
        #expect(settings.policy.maxInFlight == 2)
    }

    /// A cloud voice that always fails, and a local engine that records the voices it is asked for.
    private actor DownCloudVoice: SpeechSynthesizer {
        nonisolated let name = "down"
        func voices() async -> [Voice] { [Voice(id: "cloud-1", language: "en", provider: name)] }
        nonisolated func wordsPerSecond(voice: String) -> Double { 2.5 }
        func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
            throw ProviderError(.transient, "down unavailable after 4 attempts")
        }
    }

    private actor RecordingLocalVoice: SpeechSynthesizer {
        nonisolated let name = "recording"
        private(set) var asked: [String] = []
        func voices() async -> [Voice] {
            [("en-us", "en"), ("en-gb", "en"), ("es", "es"), ("es-419", "es"), ("de", "de")].map { Voice(id: $0, language: $1, provider: name) }
        }
        nonisolated func wordsPerSecond(voice: String) -> Double { 2.5 }
        func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
            asked.append(voice)
            return Speech(samples: [0, 0, 0], text: text)
        }
    }

    @Test func aFailedCloudVoiceFallsBackToALocalVoiceOfTheSpokenLanguage() async throws {
        let local = RecordingLocalVoice()
        let synthesizer = FallbackSynthesizer(cloud: DownCloudVoice(), local: local, localVoice: "en-us",
                                              gate: FallbackGate(role: .speech, service: "down", localName: "espeak-ng", failuresBeforeLocal: 2))
        let session = ProviderActivity()
        for language in ["es", "de", "en", "fr"] as [String?] + [nil] {
            let (result, _, answeredLocally) = await session.scoped { () throws(ProviderError) in
                try await synthesizer.speak("Hola", voice: "cloud-1", maxDuration: 3,
                                            delivery: SpeechDelivery(intensity: 0, language: language))
            }
            _ = try result.get()
            #expect(answeredLocally)
        }
        // Spanish and German get a voice of their language; English keeps the default; a
        // language without a local voice, or none given, gets the default.
        #expect(await local.asked == ["es", "de", "en-us", "en-us", "en-us"])
    }
}
