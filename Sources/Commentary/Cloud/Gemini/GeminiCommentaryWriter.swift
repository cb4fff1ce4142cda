/// Commentary written by Gemini from the interval's events and timestamps, as JSON that fits
/// a response schema.
public struct GeminiCommentaryWriter: CommentaryWriter {
    /// One stretch written ahead: a call's latency dominates, not the model's memory.
    public var parallelism: Int { 2 }
    public let name = "gemini"
    let client: GeminiClient

    public var languages: [String] { CloudPrompts.languages }

    static let schema = GeminiWire.Schema.object(["lines": GeminiWire.Schema.array(GeminiWire.Schema.object([
        "start": GeminiWire.Schema.number, "text": GeminiWire.Schema.string,
    ]))])

    public func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        let text = try await client.generate([GeminiWire.Part(text: CloudPrompts.writing(request))],
                                             responseSchema: Self.schema, temperature: 0.8)
        return CloudReplies.lines(try CloudReplies.decode(CloudReplies.Lines.self, from: text, service: name), for: request)
    }
}
