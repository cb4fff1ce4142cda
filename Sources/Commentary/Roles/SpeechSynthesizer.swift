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

/// Speaks lines of commentary.
public protocol SpeechSynthesizer: Sendable {
    var name: String { get }
    /// How many lines are worth speaking at once (1: one after another).
    var parallelism: Int { get }
    func voices() async -> [Voice]
    /// The voice's normal rate in words per second (writers size lines with it).
    func wordsPerSecond(voice: String) -> Double
    /// Speaks `text`, faster or shortened by whole clauses when needed so it lasts at most `maxDuration` seconds.
    func speak(_ text: String, voice: String, maxDuration: Double) async throws(ProviderError) -> Speech
}

extension SpeechSynthesizer {
    public var parallelism: Int { 1 }
}
