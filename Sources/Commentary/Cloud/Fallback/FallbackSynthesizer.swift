public import SessionModel

/// A cloud synthesizer that falls back to local speech (see `FallbackGate`). The cloud
/// voices are not local ones, so local speech uses `localVoice`.
struct FallbackSynthesizer: SpeechSynthesizer {
    let cloud: any SpeechSynthesizer
    let local: any SpeechSynthesizer
    let localVoice: String
    let gate: FallbackGate

    var name: String { cloud.name }
    var parallelism: Int { cloud.parallelism }

    func voices() async -> [Voice] {
        let voices = await cloud.voices()
        return voices.isEmpty ? await local.voices() : voices
    }

    func wordsPerSecond(voice: String) -> Double { cloud.wordsPerSecond(voice: voice) }

    func speak(_ text: String, voice: String, maxDuration: Double) async throws(ProviderError) -> Speech {
        try await gate.run { () async throws(ProviderError) in try await cloud.speak(text, voice: voice, maxDuration: maxDuration) }
            local: { () async throws(ProviderError) in try await local.speak(text, voice: localVoice, maxDuration: maxDuration) }
    }
}
