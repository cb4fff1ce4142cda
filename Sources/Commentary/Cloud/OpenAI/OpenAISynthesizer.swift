import Media
public import SessionModel

/// Speech from `/v1/audio/speech` as 24 kHz PCM, resampled to the output rate.
public struct OpenAISynthesizer: SpeechSynthesizer {
    /// As many calls at once as the service's limit takes.
    public var parallelism: Int { client.cloud.parallelism }
    public let name = "openai"
    let client: OpenAIClient
    /// The API's speed range tops at 4; past 1.3 speech stops sounding like commentary.
    static let fastest = 1.3
    static let rate = 24_000
    /// The built-in voices (the API has no list call); each speaks every language.
    static let builtIn = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin", "cedar"]

    public func voices() async -> [Voice] { Self.builtIn.map { Voice(id: $0, name: $0.prefix(1).uppercased() + $0.dropFirst(), language: "en", provider: name) } }

    public func wordsPerSecond(voice: String) -> Double { 2.5 }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        let (client, service) = (client, name)
        return try await SpeechFitting.fit(text, maxDuration: maxDuration, fastest: Self.fastest) { (line, speed) throws(ProviderError) in
            let pcm = try await client.speech(line, voice: voice, speed: speed)
            ProviderActivity.current?.record(service) { $0.charactersVoiced += line.count }
            return SpeechResampling.toOutputRate(SpeechFitting.samples(pcm16: pcm), from: Self.rate)
        }
    }
}
