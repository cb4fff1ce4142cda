public import SessionModel

/// The offline voices: the neural Piper voices where ONNX Runtime and a voice are installed,
/// and espeak-ng's, each line going to the provider whose voice it names. A language's default
/// is its neural voice when there is one (English with the installed voice), else espeak-ng's.
public struct LocalSynthesizer: SpeechSynthesizer {
    public let name = "local"
    let neural: PiperSynthesizer
    let espeak: EspeakSynthesizer

    public init(assets: NeuralAssets = .current) {
        neural = PiperSynthesizer(assets: assets)
        espeak = EspeakSynthesizer()
    }

    /// Lines of a chunk in parallel up to the cores: the neural runs take them, and espeak-ng's
    /// lines still queue on its one thread while their resampling runs beside it.
    public var parallelism: Int { neural.parallelism }

    public func voices() async -> [Voice] {
        await neural.voices() + espeak.voices()
    }

    public func defaultVoice(language: String) async -> String? {
        if let voice = await neural.defaultVoice(language: language) { return voice }
        return await espeak.defaultVoice(language: language)
    }

    public func checkVoice(_ voice: String) async throws(ProviderError) {
        if neural.owns(voice) { try await neural.checkVoice(voice) } else { try await espeak.checkVoice(voice) }
    }

    public func voiceIdentity(_ voice: String) -> String {
        neural.owns(voice) ? neural.voiceIdentity(voice) : espeak.voiceIdentity(voice)
    }

    public func wordsPerSecond(voice: String) -> Double {
        neural.owns(voice) ? neural.wordsPerSecond(voice: voice) : espeak.wordsPerSecond(voice: voice)
    }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        if neural.owns(voice) {
            return try await neural.speak(text, voice: voice, maxDuration: maxDuration, delivery: delivery)
        }
        return try await espeak.speak(text, voice: voice, maxDuration: maxDuration, delivery: delivery)
    }
}
