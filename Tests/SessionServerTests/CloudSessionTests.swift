import Foundation
import Testing
import Commentary
import SessionModel
import TestSupport
@testable import SessionServer

/// A session over loopback with Gemini and ElevenLabs behind it (their fakes): the welcome
/// offers the ElevenLabs voices, the session speaks with one, and no key reaches the client.
@Suite(.timeLimit(.minutes(10))) struct CloudSessionTests {
    @Test func aSessionThroughGeminiAndElevenLabs() async throws {
        let gemini = try FakeGemini(), elevenLabs = try FakeElevenLabs()
        defer { gemini.server.stop(); elevenLabs.server.stop() }
        let settings = CloudSettings(environment: gemini.environment.merging(elevenLabs.environment) { $1 })
        let providers = try CommentaryProviders.make(ProviderSelection(preset: .gemini), settings: settings)
        try await ServerHarness.with(providers: providers) { server in
            let client = try SessionClient(port: server.port, file: try ServerHarness.clip.get())
            try await client.start(options: #"{"interval_s":10,"voice":"\#(FakeElevenLabs.voiceID)"}"#)
            let voices = (client.lastWelcome["voices"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(voices == [FakeElevenLabs.voiceID, "pNInz6obpgDQGcFmaJgB"])
            try await client.upload()
            await client.read()
            #expect(client.types.last == "complete", "\(client.types)")
            let lines = client.events.filter { $0["type"] as? String == "commentary_ready" }
            #expect(!lines.isEmpty && lines.allSatisfy { ($0["text"] as? String)?.hasPrefix("Gemini line") == true && $0["voice"] as? String == FakeElevenLabs.voiceID })
            let usage = (client.events.last?["stats"] as? [String: Any])?["usage"] as? [String: Any]
            #expect(usage?["gemini"] != nil && usage?["elevenlabs"] != nil, "\(String(describing: client.events.last))")
            let everything = String(decoding: try JSONSerialization.data(withJSONObject: [client.lastWelcome] + client.events), as: UTF8.self)
            #expect(!everything.contains(gemini.key) && !everything.contains(elevenLabs.key))
        }
    }
}
