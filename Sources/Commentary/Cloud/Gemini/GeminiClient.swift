import CurlHTTP
import Foundation
import SessionModel

/// Gemini's generateContent and resumable Files API upload over the shared cloud client.
struct GeminiClient: Sendable {
    let cloud: CloudClient
    let key: String
    let baseURL: String
    let model: String

    var modelSetting: String { "the model '\(model)' (GEMINI_MODEL)" }
    private var auth: [(name: String, value: String)] { [("x-goog-api-key", key)] }

    /// The text of the first candidate, answering `parts` with JSON that fits `schema`.
    func generate(_ parts: [GeminiWire.Part], responseSchema: JSONValue, temperature: Double) async throws(ProviderError) -> String {
        let body = GeminiWire.Request(contents: [GeminiWire.Content(role: "user", parts: parts)],
                                      generationConfig: .init(responseSchema: responseSchema, temperature: temperature))
        let url = "\(baseURL)/v1beta/models/\(model):generateContent"
        let response = try await cloud.send(.json(url, headers: auth, body: CloudJSON.encode(body)), setting: modelSetting)
        let reply = try CloudJSON.decode(GeminiWire.Response.self, response, service: cloud.service)
        guard let text = reply.candidates?.first?.content?.parts.compactMap(\.text).joined(), !text.isEmpty else {
            let reason = reply.candidates?.first?.finishReason ?? "no candidate"
            throw ProviderError(.transient, "gemini gave no answer (\(reason))")
        }
        return text
    }

    /// Uploads a file with the resumable protocol and waits until it is ACTIVE; returns its URI.
    func upload(_ file: URL, mimeType: String, size: Int64) async throws(ProviderError) -> String {
        let start = HTTPRequest.json("\(baseURL)/upload/v1beta/files", headers: auth + [
            ("X-Goog-Upload-Protocol", "resumable"), ("X-Goog-Upload-Command", "start"),
            ("X-Goog-Upload-Header-Content-Length", String(size)), ("X-Goog-Upload-Header-Content-Type", mimeType),
        ], body: CloudJSON.encode(["file": ["display_name": file.lastPathComponent]]))
        let started = try await cloud.send(start, setting: "the Files API (GEMINI_BASE_URL)")
        guard let uploadURL = started.header("x-goog-upload-url") else {
            throw ProviderError(.transient, "gemini did not give an upload URL")
        }
        let bytes = HTTPRequest(method: "POST", url: uploadURL, headers: [
            ("Content-Length", String(size)), ("X-Goog-Upload-Offset", "0"), ("X-Goog-Upload-Command", "upload, finalize"),
        ], body: .file(file))
        var uploaded = try CloudJSON.decode(GeminiWire.UploadReply.self, try await cloud.send(bytes, setting: "the Files API"),
                                            service: cloud.service).file
        for _ in 0..<60 where uploaded.state == "PROCESSING" {
            try? await Task.sleep(for: .seconds(1))
            let check = HTTPRequest(url: "\(baseURL)/v1beta/\(uploaded.name)", headers: auth)
            uploaded = try CloudJSON.decode(GeminiWire.File.self, try await cloud.send(check, setting: "the Files API"),
                                            service: cloud.service)
        }
        guard uploaded.state == nil || uploaded.state == "ACTIVE", let uri = uploaded.uri else {
            throw ProviderError(.transient, "gemini could not process the uploaded clip (state \(uploaded.state ?? "unknown"))")
        }
        return uri
    }
}
