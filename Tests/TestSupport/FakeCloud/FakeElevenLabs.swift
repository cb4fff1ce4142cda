import Foundation

/// The ElevenLabs API as documented (elevenlabs.io/docs/api-reference): `xi-api-key`,
/// `POST /v1/text-to-speech/{voice_id}?output_format=mp3_44100_128` (or another `mp3_` rate and
/// bit rate) answering an MP3, or `output_format=pcm_44100` (or another `pcm_` rate) answering
/// raw PCM, and `GET /v1/voices`.
public final class FakeElevenLabs: Sendable {
    public let server: FakeHTTPServer
    public let key: String
    public static let voiceID = "21m00Tcm4TlvDq8ikWAM"

    public init(key: String = "test-elevenlabs-key") throws {
        self.key = key
        server = try FakeHTTPServer(errorBody: Self.error) { request in Self.route(request, key: key) }
    }

    /// The environment variables that point playbyplay at this fake.
    public var environment: [String: String] { ["ELEVENLABS_API_KEY": key, "ELEVENLABS_BASE_URL": server.baseURL] }

    static func error(_ status: Int, _ message: String) -> [UInt8] {
        let code = status == 401 ? "invalid_api_key" : status == 429 ? "too_many_concurrent_requests" : "error"
        return Array((try? JSONSerialization.data(withJSONObject: ["detail": ["status": code, "message": message]])) ?? Data())
    }

    private static func route(_ request: RecordedRequest, key: String) -> FakeReply {
        guard request.header("xi-api-key") == key else { return FakeReply(status: 401, body: error(401, "Invalid API key")) }
        if request.method == "GET", request.path == "/v1/voices" {
            return .json(["voices": [
                ["voice_id": voiceID, "name": "Rachel", "category": "premade", "labels": ["accent": "american", "gender": "female"]],
                ["voice_id": "pNInz6obpgDQGcFmaJgB", "name": "Adam", "category": "premade", "labels": ["accent": "american", "gender": "male"]],
            ]])
        }
        let prefix = "/v1/text-to-speech/"
        guard request.method == "POST", request.path.hasPrefix(prefix), let body = request.json,
              let text = body["text"] as? String, body["model_id"] is String else {
            return FakeReply(status: 422, body: error(422, "invalid request"))
        }
        guard String(request.path.dropFirst(prefix.count)) == voiceID || request.path.hasSuffix("pNInz6obpgDQGcFmaJgB") else {
            return FakeReply(status: 404, body: error(404, "A voice with the voice_id was not found."))
        }
        let format = request.target.components(separatedBy: "output_format=").last ?? ""
        let speed = ((body["voice_settings"] as? [String: Any])?["speed"] as? Double) ?? 1
        if let rate = [44_100, 24_000, 22_050, 16_000].first(where: { format == "pcm_\($0)" }) {
            return FakeReply(headers: [("Content-Type", "audio/pcm")], body: FakeModel.speech(text, rate: rate, speed: speed))
        }
        let mp3 = ["mp3_22050_32", "mp3_24000_48", "mp3_44100_32", "mp3_44100_64", "mp3_44100_96", "mp3_44100_128", "mp3_44100_192"]
        guard mp3.contains(format) else { return FakeReply(status: 400, body: error(400, "unsupported output format")) }
        let parts = format.split(separator: "_").compactMap { Int($0) }
        guard let bytes = FakeModel.mp3Speech(text, rate: parts[0], kilobits: parts[1], speed: speed) else {
            return FakeReply(status: 500, body: error(500, "the fake could not make an MP3"))
        }
        return FakeReply(headers: [("Content-Type", "audio/mpeg")], body: bytes)
    }
}
