public import SessionModel

/// A cloud synthesizer that falls back to local speech (see `FallbackGate`). The cloud
/// voices are not local ones, so local speech uses the first local voice of the language
/// being spoken (the delivery's), else `localVoice`.
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

    func defaultVoice(language: String) async -> String? {
        let voices = await voices()
        return voices.first { $0.language == language }?.id ?? voices.first?.id
    }

    func checkVoice(_ voice: String) async throws(ProviderError) {
        if await cloud.voices().isEmpty { try await local.checkVoice(voice) } else { try await cloud.checkVoice(voice) }
    }

    func voiceIdentity(_ voice: String) -> String { cloud.voiceIdentity(voice) }

    func wordsPerSecond(voice: String) -> Double { cloud.wordsPerSecond(voice: voice) }

    func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        try await gate.run { () async throws(ProviderError) in try await cloud.speak(text, voice: voice, maxDuration: maxDuration, delivery: delivery) }
            local: { () async throws(ProviderError) in
                try await local.speak(text, voice: await fallbackVoice(for: delivery.language), maxDuration: maxDuration, delivery: delivery)
            }
    }

    /// The local voice for the language being spoken: `localVoice` when it speaks that
    /// language (or none is set), else the first local voice that does, else `localVoice`.
    func fallbackVoice(for language: String?) async -> String {
        guard let language else { return localVoice }
        let voices = await local.voices()
        if voices.contains(where: { $0.id == localVoice && $0.language == language }) { return localVoice }
        return voices.first { $0.language == language }?.id ?? localVoice
    }
}
