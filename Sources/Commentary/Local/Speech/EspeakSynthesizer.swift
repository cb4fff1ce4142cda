import Foundation
import Media
public import SessionModel

/// Local speech through libespeak-ng, in process. A line that would overrun its slot is spoken
/// faster (up to 35%), then shortened by whole clauses; one that still cannot fit fails.
public struct EspeakSynthesizer: SpeechSynthesizer {
    public let name = "espeak"
    static let normalWordsPerMinute = 165
    static let fastest = 1.35
    /// Variants offered for the main voices.
    static let variants = ["m3", "f2", "f4"]
    static let featured = ["en-us", "en", "es"]

    public init() {}

    public func voices() async -> [Voice] {
        let installed = await EspeakEngine.shared.perform { EspeakEngine.listVoices() }
        var seen = Set<String>()
        var voices: [Voice] = []
        for voice in installed where seen.insert(voice.name).inserted {
            voices.append(Voice(id: voice.name, language: String(voice.language.prefix(2)), provider: name))
            if Self.featured.contains(voice.name) {
                for variant in Self.variants {
                    voices.append(Voice(id: "\(voice.name)+\(variant)", language: String(voice.language.prefix(2)), provider: name))
                }
            }
        }
        return voices
    }

    public func wordsPerSecond(voice: String) -> Double { Double(Self.normalWordsPerMinute) / 60 * 0.9 }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        guard let rate = EspeakEngine.shared.sampleRate else { throw ProviderError(.permanent, "espeak-ng did not start (is espeak-ng-data installed?)") }
        var line = text
        while true {
            for speed in [1.0, Self.fastest] {
                let words = Int(Double(Self.normalWordsPerMinute) * speed)
                let spoken = line
                guard let raw = await EspeakEngine.shared.perform({ EspeakEngine.synthesize(spoken, voice: voice, wordsPerMinute: words) }) else {
                    throw ProviderError(.permanent, "espeak-ng cannot speak with voice '\(voice)'")
                }
                let samples = SpeechResampling.toOutputRate(Self.trimmed(raw.map { Float($0) / 32_768 }), from: rate)
                let speech = Speech(samples: samples, text: spoken)
                if speech.duration <= maxDuration { return speech }
            }
            guard let shorter = ClauseShortener.shorter(line) else {
                throw ProviderError(.permanent, String(format: "'%@' does not fit in %.1f s even at the fastest rate", text, maxDuration))
            }
            line = shorter
        }
    }

    /// Without the silence espeak puts before and after speech (20 ms kept at each end).
    static func trimmed(_ samples: [Float]) -> [Float] {
        let floor: Float = 0.002, margin = 441
        guard let first = samples.firstIndex(where: { abs($0) > floor }),
              let last = samples.lastIndex(where: { abs($0) > floor }) else { return [] }
        return Array(samples[max(0, first - margin)...min(samples.count - 1, last + margin)])
    }
}
