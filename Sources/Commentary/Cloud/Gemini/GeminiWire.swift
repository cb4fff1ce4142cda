import SessionModel

/// The Gemini API's documents (ai.google.dev/api/generate-content, /api/files), field names
/// as on the wire.
enum GeminiWire {
    struct Request: Encodable {
        var contents: [Content]
        var generationConfig: GenerationConfig
    }

    struct Content: Codable {
        var role: String?
        var parts: [Part]
    }

    struct Part: Codable {
        var text: String?
        var inlineData: Blob?
        var fileData: FileData?

        enum CodingKeys: String, CodingKey { case text, inlineData = "inline_data", fileData = "file_data" }
    }

    struct Blob: Codable {
        var mimeType: String
        var data: String

        enum CodingKeys: String, CodingKey { case mimeType = "mime_type", data }
    }

    struct FileData: Codable {
        var mimeType: String
        var fileUri: String

        enum CodingKeys: String, CodingKey { case mimeType = "mime_type", fileUri = "file_uri" }
    }

    struct GenerationConfig: Encodable {
        var responseMimeType = "application/json"
        var responseSchema: JSONValue
        var temperature: Double
    }

    struct Response: Decodable {
        struct Candidate: Decodable {
            var content: Content?
            var finishReason: String?
        }
        var candidates: [Candidate]?
    }

    /// The File resource: the upload's reply wraps it in `file`, a GET returns it bare.
    struct File: Decodable {
        var name: String
        var uri: String?
        var mimeType: String?
        var state: String?
    }

    struct UploadReply: Decodable {
        var file: File
    }

    /// The OpenAPI subset `responseSchema` takes (types in capitals).
    enum Schema {
        static let string = JSONValue.object(["type": .string("STRING")])
        static let number = JSONValue.object(["type": .string("NUMBER")])

        static func array(_ items: JSONValue) -> JSONValue {
            .object(["type": .string("ARRAY"), "items": items])
        }

        static func object(_ properties: [String: JSONValue]) -> JSONValue {
            .object(["type": .string("OBJECT"), "properties": .object(properties),
                     "required": .array(properties.keys.sorted().map(JSONValue.string))])
        }
    }
}
