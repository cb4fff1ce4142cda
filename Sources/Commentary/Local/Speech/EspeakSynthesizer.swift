import Foundation
import Media
public import SessionModel

/// Local speech through libespeak-ng, in process. Voices are selected by their espeak-ng
/// identifier and listed only when they pass `EspeakVoiceCheck` (checked once per process).
/// Delivery lifts rate, pitch, range and level with intensity (`EspeakProsody`). A line that
/// would overrun its slot is spoken faster (up to 35%), then shortened by whole clauses; one
/// that still cannot fit fails.
public struct EspeakSynthesizer: SpeechSynthesizer {
    public let name = "espeak"
    static let fastest = 1.35
    /// The main voice of a language, when it has one (else the language's first voice).
    static let preferred = ["en": "en-us", "es": "es", "fr": "fr-fr", "pt": "pt-br"]

    public init() {}

    public func voices() async -> [Voice] {
        await EspeakEngine.shared.perform { EspeakEngine.shared.speakableVoices() }.map(Self.wire)
    }

    /// The language's main voice when it can speak (checking that one voice only), else the
    /// first listed voice of the language.
    public func defaultVoice(language: String) async -> String? {
        if let preferred = Self.preferred[language], (try? await checkVoice(preferred)) != nil { return preferred }
        return await voices().first { $0.language == language }?.id
    }

    public func checkVoice(_ voice: String) async throws(ProviderError) {
        let verdict: Bool? = await EspeakEngine.shared.perform {
            EspeakEngine.shared.voice(voice).map { EspeakEngine.shared.canSpeak($0) }
        }
        switch verdict {
        case nil: throw ProviderError(.permanent, "unknown voice '\(voice)' (see `playbyplay voices`)")
        case false?: throw ProviderError(.permanent, "the espeak-ng voice '\(voice)' cannot speak here (its data is missing, or it spells Latin text out)")
        case true?: return
        }
    }

    public func wordsPerSecond(voice: String) -> Double { Double(EspeakProsody.normalWordsPerMinute) / 60 * 0.9 }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        guard let rate = EspeakEngine.shared.sampleRate else { throw ProviderError(.permanent, "espeak-ng did not start (is espeak-ng-data installed?)") }
        guard let selector = await EspeakEngine.shared.perform({ EspeakEngine.shared.voice(voice)?.selector }) else {
            throw ProviderError(.permanent, "unknown voice '\(voice)'")
        }
        let gain = SpeechLevel.gain(for: delivery)
        var line = text
        while true {
            for speed in [1.0, Self.fastest] {
                let prosody = EspeakProsody(delivery: delivery, speedUp: speed)
                let spoken = line
                guard let raw = await EspeakEngine.shared.perform({ EspeakEngine.synthesize(spoken, voice: selector, prosody: prosody) }) else {
                    throw ProviderError(.permanent, "espeak-ng cannot speak with voice '\(voice)'")
                }
                let samples = SpeechResampling.toOutputRate(Self.trimmed(raw.map { Float($0) / 32_768 * gain }), from: rate)
                let speech = Speech(samples: samples, text: spoken)
                if speech.duration <= maxDuration { return speech }
            }
            guard let shorter = ClauseShortener.shorter(line) else {
                throw ProviderError(.permanent, String(format: "'%@' does not fit in %.1f s even at the fastest rate", text, maxDuration))
            }
            line = shorter
        }
    }

    static func wire(_ choice: EspeakVoiceChoice) -> Voice {
        Voice(id: choice.id, name: choice.name, language: choice.language, provider: "espeak")
    }

    /// Without the silence espeak puts before and after speech (20 ms kept at each end).
    static func trimmed(_ samples: [Float]) -> [Float] {
        let floor: Float = 0.002, margin = 441
        guard let first = samples.firstIndex(where: { abs($0) > floor }),
              let last = samples.lastIndex(where: { abs($0) > floor }) else { return [] }
        return Array(samples[max(0, first - margin)...min(samples.count - 1, last + margin)])
    }
}
