import Foundation

/// An OpenAI-compatible server as documented (platform.openai.com/docs/api-reference):
/// `Authorization: Bearer`, `POST /v1/chat/completions` (text, or text and `image_url` parts:
/// pictures get events, text gets lines) and `POST /v1/audio/speech`
/// (`response_format: pcm` is 24 kHz 16-bit mono).
public final class FakeOpenAI: Sendable {
    public let server: FakeHTTPServer
    public let key: String
    private let model = FakeModel(name: "OpenAI")

    public init(key: String = "test-openai-key") throws {
        self.key = key
        let model = model
        server = try FakeHTTPServer(errorBody: Self.error) { request in Self.route(request, key: key, model: model) }
    }

    /// The base URL a client takes (with `/v1`).
    public var baseURL: String { server.baseURL + "/v1" }

    /// The environment variables that point playbyplay at this fake.
    public var environment: [String: String] { ["OPENAI_API_KEY": key, "OPENAI_BASE_URL": baseURL] }

    /// `data:image/jpeg;base64,...` holding a JPEG (it starts FF D8).
    public static func isJPEGDataURL(_ url: String) -> Bool {
        let prefix = "data:image/jpeg;base64,"
        guard url.hasPrefix(prefix), let bytes = Data(base64Encoded: String(url.dropFirst(prefix.count))) else { return false }
        return bytes.starts(with: [0xFF, 0xD8])
    }

    static func error(_ status: Int, _ message: String) -> [UInt8] {
        let type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error"
        let body: [String: Any] = ["error": ["message": message, "type": type, "param": NSNull(), "code": status == 401 ? "invalid_api_key" : NSNull()]]
        return Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data())
    }

    private static func route(_ request: RecordedRequest, key: String, model: FakeModel) -> FakeReply {
        guard request.header("authorization") == "Bearer \(key)" else {
            return FakeReply(status: 401, body: error(401, "Incorrect API key provided."))
        }
        guard request.method == "POST", let body = request.json, let modelName = body["model"] as? String else {
            return FakeReply(status: 404, body: error(404, "Unknown request URL: \(request.method) \(request.path)"))
        }
        switch request.path {
        case "/v1/chat/completions":
            guard let messages = body["messages"] as? [[String: Any]] else { return FakeReply(status: 400, body: error(400, "'messages' is required")) }
            let parts = messages.flatMap { message -> [[String: Any]] in
                if let text = message["content"] as? String { return [["type": "text", "text": text]] }
                return message["content"] as? [[String: Any]] ?? []
            }
            let prompt = parts.compactMap { $0["text"] as? String }.joined(separator: "\n")
            let images = parts.compactMap { ($0["image_url"] as? [String: Any])?["url"] as? String }
            guard images.allSatisfy(isJPEGDataURL) else { return FakeReply(status: 400, body: error(400, "Invalid image_url")) }
            let content = images.isEmpty ? model.lines(prompt: prompt) : model.events()
            return .json([
                "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_764_000_000, "model": modelName,
                "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]],
                "usage": ["prompt_tokens": prompt.count / 4, "completion_tokens": content.count / 4, "total_tokens": (prompt.count + content.count) / 4],
            ])
        case "/v1/audio/speech":
            guard let input = body["input"] as? String, body["voice"] is String, body["response_format"] as? String == "pcm" else {
                return FakeReply(status: 400, body: error(400, "input, voice and response_format are required"))
            }
            let speed = body["speed"] as? Double ?? 1
            return FakeReply(headers: [("Content-Type", "audio/pcm")], body: FakeModel.speech(input, rate: 24_000, speed: speed))
        default:
            return FakeReply(status: 404, body: error(404, "Unknown request URL: POST \(request.path)"))
        }
    }
}
