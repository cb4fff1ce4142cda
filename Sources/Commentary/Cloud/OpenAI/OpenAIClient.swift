import CurlHTTP
import Foundation

/// An OpenAI-compatible server (platform.openai.com/docs/api-reference; llama.cpp, vLLM and
/// Ollama serve the same paths): chat completions and speech, under a configurable base URL
/// that includes `/v1`.
struct OpenAIClient: Sendable {
    let cloud: CloudClient
    /// nil for a local server that takes no key.
    let key: String?
    let baseURL: String
    let model: String
    let speechModel: String

    struct ChatRequest: Encodable {
        struct Message: Encodable {
            var role: String
            var content: [Part]

            /// A text-only message is sent as a string, which every compatible server takes.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(role, forKey: .role)
                if content.count == 1, let text = content[0].text {
                    try container.encode(text, forKey: .content)
                } else {
                    try container.encode(content, forKey: .content)
                }
            }

            enum CodingKeys: String, CodingKey { case role, content }
        }

        /// `{"type":"text","text"}` or `{"type":"image_url","image_url":{"url"}}`.
        struct Part: Encodable {
            struct ImageURL: Encodable { var url: String }
            var type: String
            var text: String?
            var imageURL: ImageURL?

            static func text(_ text: String) -> Part { Part(type: "text", text: text) }
            static func jpeg(_ bytes: [UInt8]) -> Part {
                Part(type: "image_url", imageURL: ImageURL(url: "data:image/jpeg;base64," + Data(bytes).base64EncodedString()))
            }

            enum CodingKeys: String, CodingKey { case type, text, imageURL = "image_url" }
        }
        struct ResponseFormat: Encodable { var type: String }
        var model: String
        var messages: [Message]
        var responseFormat: ResponseFormat
        var temperature: Double

        enum CodingKeys: String, CodingKey { case model, messages, responseFormat = "response_format", temperature }
    }

    struct ChatResponse: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message
            var finishReason: String?

            enum CodingKeys: String, CodingKey { case message, finishReason = "finish_reason" }
        }
        var choices: [Choice]
    }

    struct SpeechRequest: Encodable {
        var model: String
        var input: String
        var voice: String
        var responseFormat = "pcm"
        var speed: Double

        enum CodingKeys: String, CodingKey { case model, input, voice, responseFormat = "response_format", speed }
    }

    private var auth: [(name: String, value: String)] { key.map { [("Authorization", "Bearer \($0)")] } ?? [] }

    /// The assistant's answer to `prompt` (text, and pictures for a model that takes them),
    /// asked for as a JSON object.
    func chat(system: String, prompt: [ChatRequest.Part], temperature: Double) async throws(ProviderError) -> String {
        let body = ChatRequest(model: model, messages: [.init(role: "system", content: [.text(system)]), .init(role: "user", content: prompt)],
                               responseFormat: .init(type: "json_object"), temperature: temperature)
        let response = try await cloud.send(.json("\(baseURL)/chat/completions", headers: auth, body: CloudJSON.encode(body)),
                                            setting: "the model '\(model)' (OPENAI_MODEL) and OPENAI_BASE_URL")
        let reply = try CloudJSON.decode(ChatResponse.self, response, service: cloud.service)
        guard let text = reply.choices.first?.message.content, !text.isEmpty else {
            throw ProviderError(.transient, "openai gave no answer (\(reply.choices.first?.finishReason ?? "no choice"))")
        }
        return text
    }

    /// 16-bit mono PCM at 24 kHz.
    func speech(_ input: String, voice: String, speed: Double) async throws(ProviderError) -> [UInt8] {
        let body = SpeechRequest(model: speechModel, input: input, voice: voice, speed: speed)
        return try await cloud.send(.json("\(baseURL)/audio/speech", headers: auth, body: CloudJSON.encode(body)),
                                    setting: "the voice '\(voice)' and the model '\(speechModel)' (OPENAI_SPEECH_MODEL)").body
    }
}
