import Foundation
import Media
public import SessionModel

/// Event detection by an OpenAI-compatible model that takes images: the interval's keyframes
/// as JPEG data URLs (at most 8, evenly spread), their times in the prompt.
public struct OpenAIEventDetector: EventDetector {
    /// As many calls at once as the service's limit takes.
    public var parallelism: Int { client.cloud.parallelism }
    public let name = "openai"
    let client: OpenAIClient
    static let pictures = 8

    public func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        let (source, info, start, end) = (request.source, request.info, request.start, request.end)
        let keyframes: [KeyframeJPEG]
        do {
            keyframes = try await Offload.run { () throws(MediaError) in
                try KeyframePictures.jpegs(source: source, info: info, from: start, to: end, count: Self.pictures)
            }
        } catch {
            throw ProviderError(error.reason == .io ? .transient : .permanent, "keyframe pictures for openai: \(error.message)")
        }
        guard !keyframes.isEmpty else { return [] }
        let times = keyframes.map { String(format: "%.1f", $0.time - start) }.joined(separator: ", ")
        let prompt = CloudPrompts.detection(request)
            + "\nYou see the clip as \(keyframes.count) pictures, taken at these seconds from its start: \(times)."
        let text = try await client.chat(system: "You watch sports video. You answer with JSON only.",
                                         prompt: [.text(prompt)] + keyframes.map { .jpeg($0.data) }, temperature: 0.2)
        return CloudReplies.events(try CloudReplies.decode(CloudReplies.Events.self, from: text, service: name), within: request)
    }
}
