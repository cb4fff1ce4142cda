import Foundation

/// A Piper voice's `.onnx.json`: what its model was trained on and how to drive it.
struct PiperVoiceConfig: Sendable, Decodable, Equatable {
    struct Audio: Sendable, Decodable, Equatable {
        var sampleRate: Int
        var quality: String?

        enum CodingKeys: String, CodingKey { case sampleRate = "sample_rate", quality }
    }

    struct Espeak: Sendable, Decodable, Equatable {
        var voice: String
    }

    struct Inference: Sendable, Decodable, Equatable {
        var noiseScale: Float
        var lengthScale: Float
        var noiseW: Float

        enum CodingKeys: String, CodingKey { case noiseScale = "noise_scale", lengthScale = "length_scale", noiseW = "noise_w" }
    }

    struct Language: Sendable, Decodable, Equatable {
        var code: String?
        var family: String?
        var nameEnglish: String?
        var countryEnglish: String?

        enum CodingKeys: String, CodingKey {
            case code, family, nameEnglish = "name_english", countryEnglish = "country_english"
        }
    }

    var audio: Audio
    var espeak: Espeak
    var inference: Inference
    var phonemeType: String?
    /// Each phoneme (one Unicode scalar, NFD) to its ids.
    var phonemeIDMap: [String: [Int64]]
    var numSpeakers: Int?
    var language: Language?
    var dataset: String?

    enum CodingKeys: String, CodingKey {
        case audio, espeak, inference, phonemeType = "phoneme_type", phonemeIDMap = "phoneme_id_map",
             numSpeakers = "num_speakers", language, dataset
    }

    /// The two-letter (or longer) language of the voice: "en" for en_US.
    var languageFamily: String {
        if let family = language?.family, !family.isEmpty { return family.lowercased() }
        let code = language?.code ?? espeak.voice
        return String(code.split(whereSeparator: { $0 == "_" || $0 == "-" }).first ?? "").lowercased()
    }

    /// "Joe (English, United States)".
    func displayName(fallback: String) -> String {
        let speaker = dataset.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? fallback
        let place = [language?.nameEnglish, language?.countryEnglish].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? speaker : "\(speaker) (\(place))"
    }

    static func load(_ url: URL) throws -> PiperVoiceConfig {
        try JSONDecoder().decode(PiperVoiceConfig.self, from: Data(contentsOf: url))
    }
}
