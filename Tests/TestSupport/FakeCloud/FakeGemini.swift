import Foundation
import Synchronization

/// The Gemini API as documented (ai.google.dev/api): `generateContent` with `x-goog-api-key`,
/// structured output as text in `candidates[0].content.parts[0].text`, and the Files API's
/// resumable upload (start, then `upload, finalize`, then the file PROCESSING until a GET).
public final class FakeGemini: Sendable {
    public let server: FakeHTTPServer
    public let key: String
    private let model = FakeModel(name: "Gemini")
    private let uploads = UploadLog()

    public init(key: String = "test-gemini-key") throws {
        self.key = key
        let model = model, uploads = uploads
        server = try FakeHTTPServer(errorBody: Self.error) { request in
            Self.route(request, key: key, model: model, uploads: uploads)
        }
    }

    /// The environment variables that point playbyplay at this fake.
    public var environment: [String: String] { ["GEMINI_API_KEY": key, "GEMINI_BASE_URL": server.baseURL] }

    /// Bytes received by the Files API, by file name.
    public var uploadedSizes: [String: Int] { uploads.sizes.withLock { $0 } }

    static func error(_ status: Int, _ message: String) -> [UInt8] {
        let names = [400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED"]
        let body: [String: Any] = ["error": ["code": status, "message": message, "status": names[status] ?? "INTERNAL"]]
        return Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data())
    }

    private static func route(_ request: RecordedRequest, key: String, model: FakeModel, uploads: UploadLog) -> FakeReply {
        if request.header("x-goog-upload-command") == "upload, finalize" {  // the upload URL carries its own token
            let name = "files/" + (request.target.split(separator: "=").last.map(String.init) ?? "x")
            uploads.sizes.withLock { $0[name] = request.body.count }
            return .json(["file": ["name": name, "uri": "https://generativelanguage.googleapis.com/v1beta/\(name)",
                                   "mimeType": request.header("content-type") ?? "video/mp4", "state": "PROCESSING"]])
        }
        guard request.header("x-goog-api-key") == key else {
            return FakeReply(status: 400, body: error(400, "API key not valid. Please pass a valid API key."))
        }
        if request.path == "/upload/v1beta/files", request.header("x-goog-upload-command") == "start" {
            let id = "upload\(Int.random(in: 1000...9999))"
            return FakeReply(headers: [("X-Goog-Upload-URL", "http://\(request.header("host") ?? "")/upload/v1beta/files?upload_id=\(id)"),
                                       ("X-Goog-Upload-Status", "active")])
        }
        if request.method == "GET", request.path.hasPrefix("/v1beta/files/") {
            let name = String(request.path.dropFirst("/v1beta/".count))
            return .json(["name": name, "uri": "https://generativelanguage.googleapis.com/v1beta/\(name)", "state": "ACTIVE"])
        }
        guard request.path.hasPrefix("/v1beta/models/"), request.path.hasSuffix(":generateContent"),
              let body = request.json, let contents = body["contents"] as? [[String: Any]],
              let parts = contents.first?["parts"] as? [[String: Any]] else {
            return FakeReply(status: 404, body: error(404, "models/x is not found for API version v1beta"))
        }
        let prompt = parts.compactMap { $0["text"] as? String }.joined()
        let video = parts.contains { $0["inline_data"] != nil || $0["file_data"] != nil }
        let text = video ? model.events() : model.lines(prompt: prompt)
        return .json([
            "candidates": [["content": ["parts": [["text": text]], "role": "model"], "finishReason": "STOP", "index": 0]],
            "usageMetadata": ["promptTokenCount": prompt.count / 4, "candidatesTokenCount": text.count / 4, "totalTokenCount": (prompt.count + text.count) / 4],
            "modelVersion": "gemini-2.5-flash",
        ])
    }
}

final class UploadLog: Sendable {
    let sizes = Mutex([String: Int]())
}
