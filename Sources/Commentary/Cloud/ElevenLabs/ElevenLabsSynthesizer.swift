import CurlHTTP
import Foundation
import Media
public import SessionModel

/// Speech by ElevenLabs (elevenlabs.io/docs/api-reference): `POST /v1/text-to-speech/{voice_id}`
/// with `output_format=mp3_44100_128` by default (decoded by Media; every plan has it), or
/// `pcm_*` (raw 16-bit mono PCM, resampled when not at 44.1 kHz, which needs a Pro plan); the
/// voices come from `GET /v1/voices`.
public struct ElevenLabsSynthesizer: SpeechSynthesizer {
    /// As many calls at once as the service's limit takes.
    public var parallelism: Int { cloud.parallelism }
    public let name = "elevenlabs"
    let cloud: CloudClient
    let key: String
    let baseURL: String
    let model: String
    let outputFormat: ElevenLabsOutputFormat
    /// The fastest `voice_settings.speed` the API accepts.
    static let fastest = 1.2

    struct SpeechRequest: Encodable {
        struct VoiceSettings: Encodable { var speed: Double }
        var text: String
        var modelId: String
        var voiceSettings: VoiceSettings?

        enum CodingKeys: String, CodingKey { case text, modelId = "model_id", voiceSettings = "voice_settings" }
    }

    struct VoiceList: Decodable {
        struct Entry: Decodable {
            var voiceId: String
            var name: String?
            var labels: [String: String]?

            enum CodingKeys: String, CodingKey { case voiceId = "voice_id", name, labels }
        }
        var voices: [Entry]
    }

    private var auth: [(name: String, value: String)] { [("xi-api-key", key)] }

    public func voices() async -> [Voice] {
        let request = HTTPRequest(url: "\(baseURL)/v1/voices", headers: auth)
        guard let response = try? await cloud.send(request, setting: "ELEVENLABS_BASE_URL"),
              let list = try? CloudJSON.decode(VoiceList.self, response, service: name) else { return [] }
        return list.voices.map { Voice(id: $0.voiceId, name: $0.name, language: $0.labels?["language"] ?? "en", provider: name) }
    }

    public func wordsPerSecond(voice: String) -> Double { 2.6 }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        let path = voice.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? voice
        let url = "\(baseURL)/v1/text-to-speech/\(path)?output_format=\(outputFormat.name)"
        let (cloud, auth, model, service, format) = (cloud, auth, model, name, outputFormat)
        let setting = "the voice '\(voice)', the model '\(model)' (ELEVENLABS_MODEL) and the output format '\(format.name)' (ELEVENLABS_OUTPUT_FORMAT)"
        return try await SpeechFitting.fit(text, maxDuration: maxDuration, fastest: Self.fastest) { (line, speed) throws(ProviderError) in
            let body = SpeechRequest(text: line, modelId: model, voiceSettings: speed == 1 ? nil : .init(speed: speed))
            let response = try await cloud.send(.json(url, headers: auth, body: CloudJSON.encode(body)), setting: setting)
            ProviderActivity.current?.record(service) { $0.charactersVoiced += line.count }
            switch format {
            case .pcm(let rate):
                return SpeechResampling.toOutputRate(SpeechFitting.samples(pcm16: response.body), from: rate)
            case .mp3:
                return try await SpeechFitting.samples(encoded: response.body, service: service)
            }
        }
    }
}
