import Foundation

/// The message in a service's error reply: `{"error":{"message"}}` (Gemini, OpenAI),
/// `{"detail":{"message"}}` or `{"detail":"..."}` (ElevenLabs).
enum CloudErrorBody {
    static func message(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
        if let detail = object["detail"] as? [String: Any], let message = detail["message"] as? String { return message }
        return object["detail"] as? String
    }
}
