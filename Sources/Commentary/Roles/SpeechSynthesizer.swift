public import SessionModel

/// Spoken text: mono samples at the output rate (44.1 kHz), and the text actually spoken
/// (a line may be shortened to fit).
public struct Speech: Sendable, Equatable {
    public var samples: [Float]
    public var text: String

    public init(samples: [Float], text: String) {
        self.samples = samples
        self.text = text
    }

    public var duration: Double { Double(samples.count) / 44_100 }
}

/// How a line is to be spoken: from calm colour (intensity 0) to the call of the session's
/// biggest moment (1). A voice lifts pace, pitch and level with it; a line still never
/// overruns its slot. The line's language goes with it: a voice that cannot speak the line
/// (a cloud voice down) hands it to a local voice of that language.
public struct SpeechDelivery: Sendable, Equatable, Hashable {
    public var intensity: Double
    /// The session's language (nil: the voice's own).
    public var language: String?

    public init(intensity: Double, language: String? = nil) {
        self.intensity = min(1, max(0, intensity))
        self.language = language
    }

    public static let calm = SpeechDelivery(intensity: 0)
}

/// Speaks lines of commentary.
public protocol SpeechSynthesizer: Sendable {
    var name: String { get }
    /// How many lines are worth speaking at once (1: one after another).
    var parallelism: Int { get }
    /// The voices that can speak (each checked once per process where that is cheap).
    func voices() async -> [Voice]
    /// The voice a session in `language` gets when it names none; nil when none speaks it.
    func defaultVoice(language: String) async -> String?
    /// Throws, saying why, when `voice` is unknown or cannot speak. Cheaper than `voices()`
    /// where that checks every voice: it checks this one.
    func checkVoice(_ voice: String) async throws(ProviderError)
    /// What makes `voice` sound as it does, for the speech cache: the provider, the voice and,
    /// for a model, its file's identity, so a new model never gets an old model's speech.
    func voiceIdentity(_ voice: String) -> String
    /// The voice's normal rate in words per second (writers size lines with it).
    func wordsPerSecond(voice: String) -> Double
    /// Speaks `text` as `delivery` asks, faster or shortened by whole clauses when needed so it
    /// lasts at most `maxDuration` seconds.
    func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech
}

extension SpeechSynthesizer {
    public var parallelism: Int { 1 }

    /// The first listed voice of `language`.
    public func defaultVoice(language: String) async -> String? {
        await voices().first { $0.language == language }?.id
    }

    /// Listed voices can speak.
    public func checkVoice(_ voice: String) async throws(ProviderError) {
        guard await voices().contains(where: { $0.id == voice }) else {
            throw ProviderError(.permanent, "unknown voice '\(voice)'")
        }
    }

    public func voiceIdentity(_ voice: String) -> String { "\(name)|\(voice)" }

    /// Speaks `text` calmly.
    public func speak(_ text: String, voice: String, maxDuration: Double) async throws(ProviderError) -> Speech {
        try await speak(text, voice: voice, maxDuration: maxDuration, delivery: .calm)
    }
}
