import Foundation
import Testing
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// Whole runs of the pipeline through each cloud provider against its fake: the 20 s clip in
/// four 5 s chunks, commentary written and spoken by the cloud, usage in `complete.stats`.
@Suite(.timeLimit(.minutes(10))) struct CloudRunTests {
    private func settings(gemini: FakeGemini? = nil, elevenLabs: FakeElevenLabs? = nil, openAI: FakeOpenAI? = nil) -> CloudSettings {
        let environment = [gemini?.environment, elevenLabs?.environment, openAI?.environment].compactMap { $0 }
        var settings = CloudSettings(environment: environment.reduce(into: [:]) { $0.merge($1) { $1 } })
        settings.policy.baseDelay = .milliseconds(20)
        return settings
    }

    private func complete(_ events: [ServerEvent]) throws -> CompleteEvent {
        guard case .complete(let complete) = events.last else { throw Tools.Failure(description: "did not complete: \(events.last.map(\.type) ?? "-")") }
        return complete
    }

    @Test func geminiDetectsAndWritesAndElevenLabsSpeaks() async throws {
        let gemini = try FakeGemini(), elevenLabs = try FakeElevenLabs()
        defer { gemini.server.stop(); elevenLabs.server.stop() }
        let providers = try CommentaryProviders.make(ProviderSelection(preset: .gemini), settings: settings(gemini: gemini, elevenLabs: elevenLabs))
        let clock = ContinuousClock(), started = clock.now
        let events = try await PipelineRun(providers: providers, voice: FakeElevenLabs.voiceID).run()
        let elapsed = clock.now - started
        let complete = try complete(events)
        #expect(complete.chunks == 4 && complete.finalVideo != nil)
        #expect(events.warnings.isEmpty, "\(events.warnings)")
        let detected = events.flatMap { event -> [DetectedEvent] in if case .eventsDetected(let found) = event { found.events } else { [] } }
        // The first interval is detected locally at once (fast start; the tone has no events),
        // the other three by Gemini.
        #expect(detected.count == 3 && detected.allSatisfy { $0.kind == "shot" })
        let detectors = events.compactMap { event -> String? in if case .eventsDetected(let found) = event { found.detector } else { nil } }
        #expect(detectors == ["local", "gemini", "gemini", "gemini"])
        #expect(!events.commentary.isEmpty && events.commentary.allSatisfy { $0.text.hasPrefix("Gemini line") && $0.voice == FakeElevenLabs.voiceID })
        let usage = try #require(complete.stats.usage)
        #expect(usage["gemini"]?.calls == 7, "3 detections and 4 writings: \(usage)")
        #expect(usage["elevenlabs"]?.calls == events.commentary.count)
        #expect(usage["elevenlabs"]?.charactersVoiced == events.commentary.map(\.text.count).reduce(0, +))
        #expect((usage["gemini"]?.bytesSent ?? 0) > 10_000, "the clips were not sent")
        print("gemini+elevenlabs run against fakes: \(elapsed), usage \(usage)")
    }

    @Test func openAIDetectsFromPicturesWritesAndSpeaks() async throws {
        let openAI = try FakeOpenAI()
        defer { openAI.server.stop() }
        var selection = ProviderSelection(preset: .openai)
        selection.detector = .openai
        let providers = try CommentaryProviders.make(selection, settings: settings(openAI: openAI))
        let events = try await PipelineRun(providers: providers, voice: "nova").run()
        let complete = try complete(events)
        #expect(complete.chunks == 4 && complete.finalVideo != nil)
        #expect(events.warnings.isEmpty, "\(events.warnings)")
        #expect(!events.commentary.isEmpty && events.commentary.allSatisfy { $0.text.hasPrefix("OpenAI line") })
        let usage = try #require(complete.stats.usage?["openai"])
        // Detection: the first interval locally (fast start), the other three from pictures.
        #expect(usage.calls == 3 + 4 + events.commentary.count && usage.retries == 0, "\(usage)")
        let detected = events.flatMap { event -> [DetectedEvent] in if case .eventsDetected(let found) = event { found.events } else { [] } }
        #expect(detected.count == 3 && detected.allSatisfy { $0.kind == "shot" })
    }

    @Test func anUnavailableServiceFallsBackToLocalWithWarnings() async throws {
        let gemini = try FakeGemini()
        defer { gemini.server.stop() }
        gemini.server.knobs.failNext(1000, status: 503)
        let selection = ProviderSelection(detector: .gemini, writer: .gemini, speech: .espeak)
        let providers = try CommentaryProviders.make(selection, settings: settings(gemini: gemini))
        let events = try await PipelineRun(providers: providers, voice: "en-us").run()
        let complete = try complete(events)
        #expect(complete.chunks == 4)
        let unavailable = events.warnings.filter { $0.code == "provider_unavailable" }
        // Two failed calls per role, then the role stays local.
        #expect(unavailable.count == 4, "\(unavailable.map(\.message))")
        #expect(unavailable.allSatisfy { $0.message.contains("gemini unavailable after 4 attempts") })
        #expect(!events.commentary.isEmpty, "the local writer did not take over")
        let usage = try #require(complete.stats.usage?["gemini"])
        #expect(usage.calls == 4 * 4 && usage.retries == 4 * 3 && usage.fallbacks == 4, "\(usage)")
        #expect(gemini.server.requests.count == 16)
    }

    @Test func aRetriedCallIsCountedAndTheRunIsClean() async throws {
        let openAI = try FakeOpenAI()
        defer { openAI.server.stop() }
        openAI.server.knobs.rateLimitNext(1, retryAfter: 1)
        openAI.server.knobs.failNext(1, status: 502)
        let providers = try CommentaryProviders.make(ProviderSelection(writer: .openai), settings: settings(openAI: openAI))
        let events = try await PipelineRun(providers: providers, voice: "en-us").run()
        let usage = try #require(try complete(events).stats.usage?["openai"])
        #expect(usage.retries == 2 && usage.calls == 4 + 2 && usage.fallbacks == 0, "\(usage)")
        #expect(events.warnings.isEmpty)
    }

    @Test func aRerunTakesDetectionAndSpeechFromTheCacheButNotFallbacks() async throws {
        let gemini = try FakeGemini(), elevenLabs = try FakeElevenLabs()
        defer { gemini.server.stop(); elevenLabs.server.stop() }
        let cache = TestFiles.scratch("cloud-cache")
        // Template writing is the same for the same events, so a rerun speaks the same lines.
        let selection = ProviderSelection(detector: .gemini, writer: .local, speech: .elevenlabs)
        let providers = try CommentaryProviders.make(selection, settings: settings(gemini: gemini, elevenLabs: elevenLabs))
        func run() async throws -> (usage: [String: ProviderUsage], lines: [String]) {
            let events = try await PipelineRun(providers: providers, voice: FakeElevenLabs.voiceID) { $0.cacheDirectory = cache }.run()
            return (try complete(events).stats.usage ?? [:], events.commentary.map(\.text))
        }
        // Two detections fail for good: the role stays local, and local events are not cached as Gemini's.
        gemini.server.knobs.failNext(8, status: 503)
        let first = try await run()
        #expect(first.usage["gemini"]?.fallbacks == 2 && first.usage["gemini"]?.calls == 8, "\(first.usage)")
        let second = try await run()
        #expect(second.usage["gemini"]?.calls == 3, "every interval but the first (fast start) detected by Gemini: \(second.usage)")
        let third = try await run()
        #expect(third.lines == second.lines && !third.lines.isEmpty)
        #expect(third.usage.isEmpty, "detection and speech both came from the cache: \(third.usage)")
    }
}
