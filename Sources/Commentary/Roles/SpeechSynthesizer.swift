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
/// overruns its slot.
public struct SpeechDelivery: Sendable, Equatable, Hashable {
    public var intensity: Double

    public init(intensity: Double) {
        self.intensity = min(1, max(0, intensity))
    }

    public static let calm = SpeechDelivery(intensity: 0)
}

/// Speaks lines of commentary.
public protocol SpeechSynthesizer: Sendable {
    var name: String { get }
    /// How many lines are worth speaking at once (1: one after another).
    var parallelism: Int { get }
    func voices() async -> [Voice]
    /// The voice's normal rate in words per second (writers size lines with it).
    func wordsPerSecond(voice: String) -> Double
    /// Speaks `text` as `delivery` asks, faster or shortened by whole clauses when needed so it
    /// lasts at most `maxDuration` seconds.
    func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech
}

extension SpeechSynthesizer {
    public var parallelism: Int { 1 }

    /// Speaks `text` calmly.
    public func speak(_ text: String, voice: String, maxDuration: Double) async throws(ProviderError) -> Speech {
        try await speak(text, voice: voice, maxDuration: maxDuration, delivery: .calm)
    }
}
