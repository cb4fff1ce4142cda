import CurlHTTP
import Foundation
import Media
public import SessionModel

/// Event detection by Gemini watching the interval: the stretch is cut by stream copy (the
/// chunk assembler's video path), sent inline when small and through the Files API otherwise,
/// and the model answers with events that fit a response schema.
public struct GeminiEventDetector: EventDetector {
    /// As many calls at once as the service's limit takes.
    public var parallelism: Int { client.cloud.parallelism }
    public let name = "gemini"
    let client: GeminiClient
    /// Clips up to this size go inline (a request may carry 20 MB; base64 adds a third).
    var inlineLimit: Int64 = 14 << 20

    static let schema = GeminiWire.Schema.object(["events": GeminiWire.Schema.array(GeminiWire.Schema.object([
        "time": GeminiWire.Schema.number, "kind": GeminiWire.Schema.string,
        "confidence": GeminiWire.Schema.number, "description": GeminiWire.Schema.string,
    ]))])

    public func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("playbyplay-gemini-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clip = try await Self.cut(request, into: folder)
        let size = HTTPRequest.Body.file(clip).size ?? 0
        let video: GeminiWire.Part
        if size <= inlineLimit, let bytes = FileManager.default.contents(atPath: clip.path) {
            video = GeminiWire.Part(inlineData: .init(mimeType: "video/mp4", data: bytes.base64EncodedString()))
        } else {
            let uri = try await client.upload(clip, mimeType: "video/mp4", size: size)
            video = GeminiWire.Part(fileData: .init(mimeType: "video/mp4", fileUri: uri))
        }
        let text = try await client.generate([GeminiWire.Part(text: CloudPrompts.detection(request)), video],
                                             responseSchema: Self.schema, temperature: 0.2)
        return CloudReplies.events(try CloudReplies.decode(CloudReplies.Events.self, from: text, service: name), within: request)
    }

    /// The stretch as a standalone MP4, its video stream-copied from the keyframes it lies between.
    static func cut(_ request: DetectionRequest, into folder: URL) async throws(ProviderError) -> URL {
        func keyframe(at time: Double) -> Int64? {
            request.info.keyframes.first { time > 1e-6 && abs($0.time - time) < 1e-4 }?.pts
        }
        let span = ChunkSpan(index: request.interval, interval: request.interval, start: request.start, end: request.end,
                             startKeyframePts: keyframe(at: request.start), endKeyframePts: keyframe(at: request.end))
        let (source, info) = (request.source, request.info)
        do {
            return try await Offload.run { () throws(MediaError) in
                try ChunkAssembler(source: source, info: info, directory: folder, encoderThreads: 1).assemble(span).mp4
            }
        } catch {
            throw ProviderError(error.reason == .io ? .transient : .permanent, "cutting the interval for gemini: \(error.message)")
        }
    }
}
